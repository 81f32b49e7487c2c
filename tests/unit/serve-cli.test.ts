// `gloss serve` as users run it (the compiled CLI): the URL it prints carries
// the token, malformed requests neither stop it nor go unanswered, and it
// serves beyond loopback only when told to, with a warning.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import buildRenderer from '../support/build-renderer.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { abortedUpload, httpRequest, rawRequest } from '../support/raw-http.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let served: ServedProject;
let port: number;
let stderr = '';

beforeAll(async () => {
  // `gloss serve` would build a missing renderer itself; building it here keeps that out of the timings below.
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) await buildRenderer();
  tmp = tempDir();
  served = await serveProject(path.join(tmp.dir, 'served.gloss'));
  served.process.stderr!.on('data', (d) => (stderr += d));
  port = Number(new URL(served.url).port);
}, 120_000);
afterAll(async () => {
  await served?.stop();
  tmp?.cleanup();
});

const json = { 'content-type': 'application/json' };

describe('gloss serve', () => {
  it('prints the URL with its token, and the token, in --json', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(served.url).toBe(`${served.base}?token=${served.token}`);
  });

  it('answers each malformed request of the audit and stays up', async () => {
    const head = (line: string, extra = '') => `${line}\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`;
    const cases: [string, number][] = [
      [head('GET /% HTTP/1.1'), 400],
      [head('GET /%E0%A4%A HTTP/1.1'), 400],
      [head('GET /index.html%00.png HTTP/1.1'), 400],
      [head('POST /api/% HTTP/1.1', `Authorization: Bearer ${served.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n`) + '{}', 400],
      [head('POST /api/% HTTP/1.1', 'Content-Type: application/json\r\nContent-Length: 2\r\n') + '{}', 401],
      [head('GET /../../etc/passwd HTTP/1.1'), 404],
      [head('GET / HTTP/1.1', `X-Big: ${'x'.repeat(40_000)}\r\n`), 431],
      [head('BREW / HTTP/1.1'), 400],
    ];
    for (const [request, status] of cases) {
      const res = await rawRequest(port, request);
      expect(res.status, request.split('\r\n')[0]).toBe(status);
    }
    await abortedUpload(port, head('POST /api/documents.import HTTP/1.1', `Authorization: Bearer ${served.token}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n`), Buffer.alloc(100_000, 'a'));
    await new Promise((r) => setTimeout(r, 200));
    expect(served.process.exitCode).toBeNull();
    expect((await httpRequest(port, 'GET', '/')).status).toBe(200);
    expect(stderr).toBe('');
  });

  it('answers an API call without the token with 401, and one with it', async () => {
    const without = await httpRequest(port, 'POST', '/api/documents.list', { headers: json, body: '{}' });
    expect(without.status).toBe(401);
    expect(JSON.parse(without.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    const exchanged = await httpRequest(port, 'GET', `/?token=${served.token}`);
    expect(exchanged.status).toBe(302);
    const cookie = exchanged.headers['set-cookie']![0]!.split(';')[0]!;
    const withCookie = await httpRequest(port, 'POST', '/api/documents.list', { headers: { ...json, cookie }, body: '{}' });
    expect(withCookie.status).toBe(200);
    expect(JSON.parse(withCookie.body)).toEqual({ ok: true, result: [] });
  });
});

describe('gloss serve after an unexpected error', () => {
  it('writes it to stderr and goes on serving', async () => {
    // A hook that throws, and rejects a promise, in the server process whenever it gets SIGUSR2: errors no request handler catches.
    const hook = `process.on('SIGUSR2', () => { Promise.reject(new Error('rejected by the test')); throw new Error('thrown by the test'); });`;
    const child = spawn(process.execPath, [GLOSS_BIN, 'serve', '--port', '0', '--json', '--db', path.join(tmp.dir, 'guard.gloss')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(hook)}` },
    });
    try {
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const printed = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          try {
            resolve(JSON.parse(out) as { url: string; token: string });
          } catch {
            // not all of it yet
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      child.kill('SIGUSR2');
      await expect.poll(() => err, { timeout: 10_000 }).toMatch(/uncaught exception \(the server keeps running\): Error: thrown by the test/);
      await expect.poll(() => err, { timeout: 10_000 }).toMatch(/unhandled promise rejection \(the server keeps running\): Error: rejected by the test/);
      expect(child.exitCode).toBeNull();
      const p = Number(new URL(printed.url).port);
      expect((await httpRequest(p, 'POST', '/api/documents.list', { headers: { ...json, authorization: `Bearer ${printed.token}` }, body: '{}' })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
  });
});

describe('gloss serve --host', () => {
  it('refuses an address other than loopback without --allow-remote, creating no project', () => {
    const db = path.join(tmp.dir, 'remote.gloss');
    const r = spawnSync(process.execPath, [GLOSS_BIN, 'serve', '--host', '0.0.0.0', '--port', '0', '--db', db], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--host 0\.0\.0\.0 is not a loopback address.*--allow-remote/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('serves on it with --allow-remote, warning on stderr, the token still required', async () => {
    const child = spawn(process.execPath, [GLOSS_BIN, 'serve', '--host', '0.0.0.0', '--allow-remote', '--port', '0', '--json', '--db', path.join(tmp.dir, 'remote.gloss')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const printed = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d;
          try {
            resolve(JSON.parse(out) as { url: string; token: string });
          } catch {
            // not all of it yet
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      expect(err).toMatch(/WARNING: serving on 0\.0\.0\.0, so other machines can reach this server/);
      const remotePort = Number(new URL(printed.url).port);
      expect((await httpRequest(remotePort, 'POST', '/api/documents.list', { headers: json, body: '{}' })).status).toBe(401);
      expect((await httpRequest(remotePort, 'POST', '/api/documents.list', { headers: { ...json, authorization: `Bearer ${printed.token}` }, body: '{}' })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
  });

  it('prints the URL with its token in text mode', async () => {
    const child = spawn(process.execPath, [GLOSS_BIN, 'serve', '--port', '0', '--db', path.join(tmp.dir, 'text.gloss')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /^Open (\S+)$/m.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
  });
});
