// A real PostgreSQL for tests and benchmarks: Debian's server binaries
// (`postgresql`, installed by .ci/run) run a throw-away cluster in a
// temporary folder on a free port, owned by the `postgres` user when the
// tests run as root (initdb refuses root). Never a mock.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres {
  /** `postgres://USER@127.0.0.1:PORT/gloss`: a database made for the caller. */
  url: string;
  /** A fresh database on the same cluster; its URL. */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

/** The folder of PostgreSQL's server binaries (initdb, postgres, pg_isready), newest version first; undefined when none is installed. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the cluster's owner: the `postgres` user when we are root, else ourselves. */
function asOwner(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/**
 * Starts a PostgreSQL cluster in a temporary folder and creates database
 * `gloss` in it. Throws, saying what to install, when the server binaries
 * are missing.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql (.ci/run does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sockets');
  fs.mkdirSync(sockets);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    for (const p of [dir, sockets]) fs.chownSync(p, uid, gid);
  }
  const user = process.getuid?.() === 0 ? 'postgres' : os.userInfo().username;
  const init = spawnSync(...asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']), { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const [cmd, args] = asOwner(path.join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', sockets, '-c', 'listen_addresses=127.0.0.1',
    // Durability as in production: a kill -9 of Gloss must not lose what PostgreSQL acknowledged.
    '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200',
  ]);
  const server: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (d) => (log = (log + d).slice(-4000)));
  const ready = () => spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user], { encoding: 'utf8' }).status === 0;
  for (let waited = 0; !ready(); waited += 100) {
    if (server.exitCode !== null || waited > 30_000) throw new Error(`PostgreSQL did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const createDatabase = (name: string) => {
    const r = spawnSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, name], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`createdb ${name}: ${r.stderr}`);
    return `postgres://${user}@127.0.0.1:${port}/${name}`;
  };
  const url = createDatabase('gloss');
  return {
    url,
    createDatabase,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        // SIGINT: PostgreSQL's fast shutdown (the child is runuser's; it forwards the signal).
        server.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
