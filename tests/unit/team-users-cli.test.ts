// The team server's accounts through the compiled CLI, as an admin runs it:
// `gloss users add` prints a one-time sign-in link that a `gloss serve --team`
// exchanges for a session; list, link, role, remove; `gloss assign`.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { httpRequest } from '../support/raw-http.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('gloss-users-'));
  db = path.join(dir, 'team.gloss');
});
afterAll(() => cleanup());

const env = () => ({ ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_RECENT_FILE: path.join(dir, 'recent.json'), GLOSS_ANNOTATOR: '', GLOSS_URL: '' });

function gloss(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], { cwd: REPO_ROOT, encoding: 'utf8', input: '', timeout: 60_000, env: env() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[]): string {
  const r = gloss(args);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('gloss users and gloss assign', () => {
  it('adds accounts with one-time links, lists, changes roles, removes', () => {
    const out = ok(['users', 'add', 'Ana', '--role', 'annotator', '--url', 'https://gloss.example.org/']);
    const link = /https:\/\/gloss\.example\.org\/signin\?token=([A-Za-z0-9_-]{43})\n/.exec(out);
    expect(link, out).not.toBeNull();
    const file = new Database(db, { readonly: true });
    expect(file.prepare('SELECT token_hash FROM signin_tokens').pluck().all()).toEqual([sha256(link![1]!)]);
    file.close();

    const json = JSON.parse(ok(['users', 'add', 'Ben', '--role', 'curator', '--json'])) as { url: string; token: string; user: { role: string } };
    expect(json.url).toBe(`/signin?token=${json.token}`);
    expect(json.user.role).toBe('curator');

    expect(gloss(['users', 'add', 'ana', '--role', 'admin']).stderr).toMatch(/already an account named "Ana"/);
    expect(gloss(['users', 'add', 'Cai', '--role', 'boss']).stderr).toMatch(/annotator, curator or admin \(got "boss"\)/);
    expect(gloss(['users', 'frobnicate']).stderr).toMatch(/add, list, link, remove or role/);

    expect(ok(['users', 'role', 'Ben', 'admin'])).toBe('Ben: curator → admin\n');
    expect(ok(['users', 'link', 'Ana', '--url', 'http://127.0.0.1:8080'])).toMatch(/http:\/\/127\.0\.0\.1:8080\/signin\?token=/);
    expect(ok(['users', 'remove', 'Ana'])).toMatch(/removed Ana/);
    const users = JSON.parse(ok(['users', 'list', '--json'])) as { name: string; role: string; disabled: boolean }[];
    expect(users.map((u) => [u.name, u.role, u.disabled])).toEqual([['Ana', 'annotator', true], ['Ben', 'admin', false]]);
    expect(gloss(['users', 'link', 'Ana']).stderr).toMatch(/removed/);
  });

  it('assigns documents by name to an account', () => {
    const txt = path.join(dir, 'lithium.txt');
    fs.writeFileSync(txt, 'Lithium is scarce.\n');
    ok(['import', txt]);
    expect(ok(['assign', 'lithium', '--to', 'Ben'])).toBe('assigned 1 document(s) to Ben\n');
    expect(ok(['assign', 'lithium', '--to', 'Ben'])).toBe('assigned 0 document(s) to Ben\n');
    expect(gloss(['assign', 'lithium', '--to', 'Nobody']).stderr).toMatch(/no account named "Nobody"/);
    expect(ok(['assign', 'lithium', '--to', 'Ben', '--remove'])).toBe('unassigned 1 document(s) from Ben\n');
  });
});

describe('gloss serve --team', () => {
  it('refuses an address beyond loopback without --allow-remote', () => {
    const r = gloss(['serve', '--team', '--host', '0.0.0.0', '--port', '0']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--allow-remote/);
  });

  it('signs a user in with the link `gloss users add` printed, and nobody without one', async () => {
    const child = spawn(process.execPath, [GLOSS_BIN, 'serve', '--team', '--port', '0', '--json', '--db', db], { cwd: REPO_ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          try {
            resolve((JSON.parse(out) as { url: string; team: boolean }).url);
          } catch {
            // not all of it yet
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const port = Number(new URL(url).port);
      expect((await httpRequest(port, 'POST', '/api/documents.list', { headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
      const link = /(http:\S+)\n/.exec(ok(['users', 'add', 'Dee', '--role', 'annotator', '--url', url]))![1]!;
      expect((await httpRequest(port, 'GET', new URL(link).pathname + new URL(link).search)).status).toBe(200);
      const signin = await httpRequest(port, 'POST', '/signin', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${new URL(link).searchParams.get('token')}` });
      expect(signin.status).toBe(303);
      const cookie = signin.headers['set-cookie']![0]!.split(';')[0]!;
      const me = await httpRequest(port, 'POST', '/api/auth.me', { headers: { 'content-type': 'application/json', cookie }, body: '{}' });
      expect(JSON.parse(me.body)).toEqual({ ok: true, result: { team: true, name: 'Dee', role: 'annotator' } });
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('serves behind a TLS reverse proxy with --public-url: its host is accepted, the links are its own, the session cookie is Secure', async () => {
    expect(gloss(['serve', '--team', '--public-url', 'https://lab.example.org/some/path']).stderr).toMatch(/--public-url must be/);
    const child = spawn(process.execPath, [GLOSS_BIN, 'serve', '--team', '--port', '0', '--json', '--public-url', 'https://lab.example.org', '--db', db], { cwd: REPO_ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const printed = await new Promise<{ url: string; listening: string }>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          try {
            resolve(JSON.parse(out) as { url: string; listening: string });
          } catch {
            // not all of it yet
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(printed.url).toBe('https://lab.example.org/');
      const port = Number(new URL(printed.listening).port);
      const link = /(https:\S+)\n/.exec(ok(['users', 'add', 'Eve', '--role', 'curator', '--url', printed.url]))![1]!;
      expect(link).toMatch(/^https:\/\/lab\.example\.org\/signin\?token=/);
      // What the proxy passes on: the public host, and the browser's Origin.
      const proxied = { host: 'lab.example.org', origin: 'https://lab.example.org', 'content-type': 'application/x-www-form-urlencoded' };
      const signin = await httpRequest(port, 'POST', '/signin', { headers: proxied, body: `token=${new URL(link).searchParams.get('token')}` });
      expect(signin.status).toBe(303);
      const setCookie = signin.headers['set-cookie']![0]!;
      expect(setCookie).toMatch(/; Secure/);
      const cookie = setCookie.split(';')[0]!;
      const me = await httpRequest(port, 'POST', '/api/auth.me', { headers: { host: 'lab.example.org', origin: 'https://lab.example.org', 'content-type': 'application/json', cookie }, body: '{}' });
      expect(JSON.parse(me.body)).toEqual({ ok: true, result: { team: true, name: 'Eve', role: 'curator' } });
      // Another site's page, or another host name, is still refused.
      expect((await httpRequest(port, 'POST', '/api/auth.me', { headers: { host: 'lab.example.org', origin: 'https://evil.example.net', 'content-type': 'application/json', cookie }, body: '{}' })).status).toBe(403);
      expect((await httpRequest(port, 'POST', '/api/auth.me', { headers: { host: 'evil.example.net', 'content-type': 'application/json', cookie }, body: '{}' })).status).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
