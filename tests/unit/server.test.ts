// The local HTTP server with the real dispatcher over a real project file.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/server/csp.ts';
import { startServer, type RunningServer } from '../../electron/server/server.ts';
import type { Annotation, DocumentSummary, Envelope, Label } from '../../shared/index.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');

let cleanup: () => void;
let project: Project;
let server: RunningServer;
let port: number;

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  project = await Project.open(path.join(dir, 'project.gloss'));
  server = await startServer({ dispatch: createDispatcher(project), staticDir: RENDERER_DIR, port: 0 });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  project.close();
  cleanup();
});

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so that Host and Origin can be set to anything. */
function request(method: string, pathname: string, options: { headers?: Record<string, string>; body?: string; noHost?: boolean } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    // Every call carries this start's token unless a test is about the Host or Origin checks, which come first.
    const auth = { authorization: `Bearer ${server.token}` };
    const headers = options.noHost ? { ...auth, ...options.headers } : { host: `127.0.0.1:${port}`, ...auth, ...options.headers };
    const req = http.request(
      { host: '127.0.0.1', port, method, path: pathname, headers, setHost: !options.noHost },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Calls an API method the way the renderer does and returns the envelope. */
async function call<T>(method: string, args: unknown, headers: Record<string, string> = {}): Promise<Envelope<T>> {
  const res = await request('POST', `/api/${method}`, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) });
  expect(res.status, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(res.body) as Envelope<T>;
}

async function ok<T>(method: string, args: unknown): Promise<T> {
  const env = await call<T>(method, args);
  if (!env.ok) throw new Error(`${method}: ${env.error.kind}: ${env.error.message}`);
  return env.result;
}

const base64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

describe('local server API', () => {
  let doc: DocumentSummary;
  const text = 'Shehbaz Sharif met Donald Trump 👍🏽 at the White House.\nSecond line.\n';

  it('imports a file sent as base64, then lists it', async () => {
    const imported = await ok<DocumentSummary[]>('documents.import', { files: [{ name: 'meeting.txt', base64: base64(text) }] });
    expect(imported.map((d) => [d.name, d.title])).toEqual([['meeting', 'Shehbaz Sharif met Donald Trump 👍🏽 at the White House.']]);
    doc = imported[0]!;
    const listed = await ok<DocumentSummary[]>('documents.list', {});
    expect(listed.map((d) => d.id)).toEqual([doc.id]);
    expect((await ok<{ text: string }>('documents.get', { id: doc.id })).text).toBe(text);
  });

  it('creates an annotation and counts it', async () => {
    const labels = await ok<Label[]>('labels.list', {});
    const person = labels.find((l) => l.name === 'Person')!;
    const a = await ok<Annotation>('annotations.create', { documentId: doc.id, labelId: person.id, ranges: [{ start: 0, end: 14 }] });
    expect(a).toMatchObject({ documentId: doc.id, labelId: person.id, quote: 'Shehbaz Sharif', ranges: [{ start: 0, end: 14 }] });
    expect((await ok<Annotation[]>('annotations.list', { documentId: doc.id })).map((x) => x.id)).toEqual([a.id]);
    expect((await ok<DocumentSummary[]>('documents.list', {}))[0]!.annotationCount).toBe(1);
  });

  it('returns validation errors as {ok: false, error: {kind, message}}', async () => {
    const labelId = (await ok<Label[]>('labels.list', {}))[0]!.id;
    const cases: unknown[] = [
      { documentId: doc.id, ranges: [{ start: 0, end: 3 }] }, // no label
      { documentId: doc.id, labelId, ranges: [] },
      { documentId: doc.id, labelId, ranges: [{ start: 5, end: 2 }] },
      { documentId: doc.id, labelId, ranges: [{ start: 0, end: text.length + 1 }] }, // past the end
      { documentId: doc.id, labelId, ranges: [{ start: 0, end: 3 }], unexpected: true },
    ];
    for (const args of cases) {
      const env = await call('annotations.create', args);
      expect(env.ok, JSON.stringify(args)).toBe(false);
      if (env.ok) continue;
      expect(env.error.kind).toBe('validation');
      expect(env.error.message.length).toBeGreaterThan(0);
    }
    const bad = await call('documents.import', { files: [{ name: 'x.txt', base64: '***not base64***' }] });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('x.txt') } });
    expect(await call('annotations.list', { documentId: doc.id })).toMatchObject({ ok: true, result: [expect.anything()] });
  });

  it('reports import errors naming the file, and stores nothing', async () => {
    const env = await call('documents.import', {
      files: [
        { name: 'good.txt', base64: base64('fine\n') },
        { name: 'latin1.txt', base64: base64(new Uint8Array([0x63, 0x61, 0x66, 0xe9])) },
      ],
    });
    expect(env).toMatchObject({ ok: false, error: { kind: 'import', message: expect.stringMatching(/^latin1\.txt: line 1: /) } });
    expect(await ok<DocumentSummary[]>('documents.list', {})).toHaveLength(1);
  });

  it('answers an unknown method with a validation error', async () => {
    expect(await call('documents.explode', {})).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('documents.explode') } });
    expect(await call('toString', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('refuses a body that is not JSON, other methods and other content types', async () => {
    const notJson = await request('POST', '/api/documents.list', { headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect((await request('GET', '/api/documents.list')).status).toBe(405);
    // A form post (which a foreign page could send without CORS preflight) is not JSON.
    expect((await request('POST', '/api/documents.list', { headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
  });
});

describe('local server: who may call it', () => {
  it('refuses a wrong Host header (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const res = await request('POST', '/api/documents.list', { headers: { host, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('"ok"');
    }
    expect((await request('GET', '/', { headers: { host: 'evil.example' } })).status).toBe(403);
    // No Host at all: Node's HTTP server already answers 400.
    expect([400, 403]).toContain((await request('GET', '/', { noHost: true })).status);
  });

  it('refuses a foreign Origin and accepts its own', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `https://attacker.test`]) {
      const res = await request('POST', '/api/documents.list', { headers: { origin, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, origin).toBe(403);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const res = await request('POST', '/api/documents.list', { headers: { origin, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, origin).toBe(200);
    }
    const viaLocalhost = await request('POST', '/api/documents.list', { headers: { host: `localhost:${port}`, 'content-type': 'application/json' }, body: '{}' });
    expect(viaLocalhost.status).toBe(200);
  });

  it('serves no file outside the renderer folder', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
      const res = await request('GET', p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('"name": "gloss"');
    }
  });
});

describe('local server: the app', () => {
  it('serves index.html with the Content Security Policy', async (ctx) => {
    if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      ctx.skip(`the renderer is not built (${RENDERER_DIR}); run npm run build:renderer to check this`);
    }
    const res = await request('GET', '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toMatch(/<html/i);
  });
});
