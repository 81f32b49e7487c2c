import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlossError } from '../../../shared/index.ts';
import { openSession } from '../../backend/session/session.ts';
import { isLoopback } from '../../server/access.ts';
import { parsePublicUrl, startServer } from '../../server/server.ts';
import { printJson, stringOption, type CommandRun } from '../command.ts';

/** The package's folder: the nearest one above this file (sources or dist-node) with a package.json. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new GlossError('internal', `serve: cannot find Gloss's package folder above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

/**
 * The built renderer. On a fresh checkout it is not built yet: build it when the
 * build tools are installed (one line says so), else fail at once naming the command.
 */
function rendererDir(): string {
  const root = packageRoot();
  const dir = path.join(root, 'dist', 'renderer');
  if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  const script = path.join(root, 'build', 'scripts', 'build.mjs');
  const hasVite = fs.existsSync(path.join(root, 'node_modules', 'vite', 'package.json'));
  if (!fs.existsSync(script) || !hasVite) {
    throw new GlossError('validation', `serve: the app is not built (${dir} has no index.html); build it with: npm run build:renderer`);
  }
  process.stderr.write('gloss serve: the app is not built yet; building it now (npm run build:renderer)\n');
  const built = spawnSync(process.execPath, [script, '--renderer'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0 || !fs.existsSync(path.join(dir, 'index.html'))) {
    throw new GlossError('internal', `serve: building the app failed; run npm run build:renderer in ${root} and see its errors`);
  }
  return dir;
}

/**
 * Keeps one request's unexpected error from stopping the server: it is written
 * to stderr (a bug stays visible) and the process goes on serving.
 */
function guardProcess(): void {
  const report = (what: string) => (err: unknown) => {
    process.stderr.write(`gloss serve: ${what} (the server keeps running): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled promise rejection'));
}

/** A path as a POSIX shell reads it back: as it is when plain, else in single quotes. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export const serveCommand: CommandRun = {
  async run(ctx) {
    const port = Number(stringOption(ctx, 'port') ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GlossError('validation', 'serve: --port must be a number from 0 to 65535');
    const host = stringOption(ctx, 'host') ?? '127.0.0.1';
    const allowRemote = ctx.options.get('allow-remote') === true;
    const team = ctx.options.get('team') === true;
    if (!isLoopback(host) && !allowRemote) {
      throw new GlossError('validation', `serve: --host ${host} is not a loopback address, so other machines could reach the server; add --allow-remote to serve on it anyway`);
    }
    const publicUrl = stringOption(ctx, 'public-url');
    // Checked before the project opens, so a mistake is reported at once.
    if (publicUrl) parsePublicUrl(publicUrl);
    // The project lives in a worker thread, so a long import never stalls the server's other requests;
    // the session lets the app switch to another project file (workspace.*).
    const staticDir = rendererDir();
    // Writes by other processes (the CLI importing into the same file) reach the app's tabs as live updates.
    let announceExternalWrite = (): void => {};
    const store = await openSession(ctx.dbPath, { worker: { onExternalWrite: () => announceExternalWrite() } });
    const running = await startServer({ dispatch: store.dispatch, staticDir, host, port, allowRemote, team, ...(publicUrl ? { publicUrl } : {}) }).catch(async (err: unknown) => {
      await store.close();
      throw err;
    });
    announceExternalWrite = () => void running.events.publish({ method: null, documentIds: null, origin: null });
    guardProcess();
    // Behind a reverse proxy, links and the address users open are the proxy's.
    const address = publicUrl ? new URL(publicUrl).toString() : running.url;
    if (team) {
      const users = await store.dispatch('users.list', {});
      const none = users.ok && (users.result as unknown[]).length === 0;
      if (ctx.json) printJson({ url: address, team: true, db: ctx.dbShown, ...(publicUrl ? { listening: running.url } : {}) });
      else {
        process.stdout.write(`Gloss team server for ${ctx.dbShown} at ${address}${publicUrl ? ` (listening on ${running.url})` : ''}\nEveryone signs in with their own link: gloss users add NAME --role annotator|curator|admin --url ${address} --db ${shellWord(ctx.dbShown)}\n`);
        if (none) process.stdout.write('There are no accounts yet: add an admin first.\n');
      }
      if (!isLoopback(host) && !publicUrl?.startsWith('https:')) process.stderr.write(`gloss serve: WARNING: serving on ${host} over plain HTTP: sign-in links and session cookies travel unencrypted; put a TLS reverse proxy in front.\n`);
    } else if (!isLoopback(host)) {
      process.stderr.write(
        `gloss serve: WARNING: serving on ${host}, so other machines can reach this server. Anyone with the address below (it holds the access token) can read and change ${ctx.dbShown}; the connection is plain HTTP, not encrypted.\n`,
      );
    }
    if (!team) {
      if (ctx.json) printJson({ url: running.openUrl, token: running.token, db: ctx.dbShown });
      else process.stdout.write(`Gloss is serving ${ctx.dbShown}\nOpen ${running.openUrl}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => void running.close().then(() => store.close()).then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
