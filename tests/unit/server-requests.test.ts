// Requests that once stopped `gloss serve`, or could exhaust it: each gets an
// answer, nothing is logged as unexpected, and the server goes on answering.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { abortedUpload, httpRequest, rawRequest } from '../support/raw-http.ts';
import { SECRET, startTestServer, type TestServer } from '../support/test-server.ts';

const MB = 1024 * 1024;

/** A request line and headers, closing the connection after the answer. */
function head(t: TestServer, requestLine: string, headers: Record<string, string> = {}): string {
  const lines = [requestLine, `Host: 127.0.0.1:${t.port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  return lines.join('\r\n') + '\r\n\r\n';
}

/** The server still serves the app and the API. */
async function stillUp(t: TestServer): Promise<void> {
  expect((await httpRequest(t.port, 'GET', '/')).status).toBe(200);
  const list = await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'application/json', ...t.auth }, body: '{}' });
  expect(list.status).toBe(200);
  expect(JSON.parse(list.body)).toMatchObject({ ok: true });
}

describe('malformed requests', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await stillUp(t);
    expect(t.logs).toEqual([]);
  });
  afterAll(() => t.close());

  it.each([
    ['GET /% HTTP/1.1', 400],
    ['GET /%E0%A4%A HTTP/1.1', 400],
    ['GET /%ZZ HTTP/1.1', 400],
    ['GET /index.html%00.png HTTP/1.1', 400],
    ['GET /%00 HTTP/1.1', 400],
    ['HEAD /% HTTP/1.1', 400],
    ['GET /%?token=x HTTP/1.1', 401],
  ])('answers %s with %i', async (line, status) => {
    const res = await rawRequest(t.port, head(t, line));
    expect(res.status, res.text).toBe(status);
  });

  it('answers POST /api/% with 400 and a JSON error', async () => {
    const res = await rawRequest(t.port, head(t, 'POST /api/% HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Content-Length': '2' }) + '{}');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/"kind":"validation"/);
  });

  it('answers a token URL with a bad path with 400, setting no cookie', async () => {
    const res = await rawRequest(t.port, head(t, `GET /%E0%A4%A?token=${t.server.token} HTTP/1.1`));
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/set-cookie/i);
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '//../secret.txt']) {
      const res = await rawRequest(t.port, head(t, `GET ${p} HTTP/1.1`));
      expect(res.status, p).toBe(404);
      expect(res.text).not.toContain(SECRET);
    }
    expect((await rawRequest(t.port, head(t, 'GET /assets HTTP/1.1'))).status).toBe(404);
    expect((await rawRequest(t.port, head(t, 'GET /assets/ HTTP/1.1'))).status).toBe(404);
  });

  it('answers request targets that are not paths', async () => {
    expect((await rawRequest(t.port, head(t, 'OPTIONS * HTTP/1.1'))).status).toBe(400);
    expect((await rawRequest(t.port, head(t, `GET http://127.0.0.1:${t.port}/ HTTP/1.1`))).status).toBe(400);
    expect((await rawRequest(t.port, head(t, `CONNECT 127.0.0.1:${t.port} HTTP/1.1`))).status).toBe(405);
    // Node hands a CONNECT socket over, paused: it must still be closed, or it would be held forever.
    await expect.poll(() => new Promise((r) => t.server.server.getConnections((_e, n) => r(n)))).toBe(0);
  });

  it('answers methods it does not serve', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']) {
      const res = await rawRequest(t.port, head(t, `${method} / HTTP/1.1`));
      expect(res.status, method).toBe(405);
      expect(res.text).toMatch(/allow: GET, HEAD/i);
    }
    const api = await rawRequest(t.port, head(t, 'PUT /api/documents.list HTTP/1.1', t.auth));
    expect(api.status).toBe(405);
    // Not HTTP methods at all: Node's parser answers them.
    for (const line of ['FOO / HTTP/1.1', 'G\u00e9T / HTTP/1.1', '/ / HTTP/1.1', 'GET / HTTP/9.9', 'GET  HTTP/1.1', 'GET']) {
      expect((await rawRequest(t.port, Buffer.from(head(t, line), 'latin1'))).status, line).toBe(400);
    }
  });

  it('answers an Upgrade request (there is no WebSocket) like any other', async () => {
    const res = await rawRequest(t.port, head(t, 'GET / HTTP/1.1', { Upgrade: 'websocket', Connection: 'Upgrade' }));
    expect(res.status).toBe(200);
  });

  it('answers huge headers with 431, and bad header bytes with 400', async () => {
    expect((await rawRequest(t.port, head(t, 'GET / HTTP/1.1', { 'X-Big': 'a'.repeat(20_000) }))).status).toBe(431);
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`X-H${i}`, 'v']));
    expect((await rawRequest(t.port, head(t, 'GET / HTTP/1.1', many))).status).toBe(431);
    expect((await rawRequest(t.port, head(t, 'GET / HTTP/1.1', { 'X-Ctl': 'a\u0001b' }))).status).toBe(400);
    expect((await rawRequest(t.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n')).status).toBe(400);
    expect((await rawRequest(t.port, head(t, 'GET / HTTP/1.1', { 'Content-Length': '-1' }))).status).toBe(400);
    expect((await rawRequest(t.port, head(t, 'POST /api/x HTTP/1.1', { 'Content-Length': '2', 'Transfer-Encoding': 'chunked' }))).status).toBe(400);
  });

  it('answers bodies that are not JSON, or not its content type', async () => {
    for (const body of ['{oops', '\u0000', '{"a":1}}', '\ud800']) {
      const res = await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'application/json', ...t.auth }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'validation', message: 'request body is not valid JSON' } });
    }
    // Valid JSON of the wrong shape reaches the contract, which names the problem.
    for (const body of ['null', '[]', '"x"', '1e999', '{"id":1}']) {
      const res = await httpRequest(t.port, 'POST', '/api/documents.get', { headers: { 'content-type': 'application/json', ...t.auth }, body });
      expect(res.status, body).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect((await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'text/plain', ...t.auth }, body: '{}' })).status).toBe(415);
  });

  it('lets a client disconnect in the middle of its body', async () => {
    const upload = head(t, 'POST /api/documents.import HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Content-Length': String(4 * MB) });
    await Promise.all([1, 2, 3].map(() => abortedUpload(t.port, upload, Buffer.alloc(512 * 1024, 'a'))));
    // A chunked one too.
    const chunked = head(t, 'POST /api/documents.import HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    await abortedUpload(t.port, chunked, Buffer.from('400\r\n' + 'a'.repeat(1024) + '\r\n'));
  });
});

describe('request bodies', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ maxBodyBytes: 1 * MB, maxBodyBytesInFlight: 1.5 * MB });
  });
  afterEach(async () => {
    await stillUp(t);
    expect(t.logs).toEqual([]);
  });
  afterAll(() => t.close());

  /** A documents.list call padded with spaces to `size` bytes (valid JSON). */
  const padded = (size: number) => '{}' + ' '.repeat(size - 2);

  it('accepts a body at the limit and answers 413 above it, declared or chunked', async () => {
    const at = await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'application/json', ...t.auth }, body: padded(MB) });
    expect(at.status).toBe(200);
    const declared = await rawRequest(t.port, head(t, 'POST /api/documents.list HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Content-Length': String(MB + 1) }));
    expect(declared.status).toBe(413);
    expect(declared.text).toContain('request body larger than 1 MB');
    const huge = await rawRequest(t.port, head(t, 'POST /api/documents.list HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Content-Length': '99999999999999' }));
    expect(huge.status).toBe(413);
    const chunk = ' '.repeat(64 * 1024);
    const chunkedBody = Array.from({ length: 17 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
    const chunked = await rawRequest(t.port, head(t, 'POST /api/documents.list HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }) + chunkedBody);
    expect(chunked.status).toBe(413);
  });

  it('answers 503 when the bodies in flight would pass the shared budget, and accepts again once they are gone', async () => {
    const big = head(t, 'POST /api/documents.list HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Content-Length': String(MB) });
    // One upload holds 1 MB of the 1.5 MB budget while it trickles in.
    const holder = abortedUpload(t.port, big, Buffer.from('{}'), 400);
    await new Promise((r) => setTimeout(r, 100));
    const refused = await rawRequest(t.port, big + padded(MB));
    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(/retry-after: 1/i);
    expect(refused.text).toContain('try again');
    // Small calls still fit beside it.
    const small = await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'application/json', ...t.auth }, body: '{}' });
    expect(small.status).toBe(200);
    await holder;
    await new Promise((r) => setTimeout(r, 50));
    // The aborted upload's reservation came back: the same request now fits.
    expect((await rawRequest(t.port, big + padded(MB))).status).toBe(200);
  });

  it('counts chunked bodies against the budget as they arrive', async () => {
    const chunked = head(t, 'POST /api/documents.list HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const part = ' '.repeat(900 * 1024);
    const holder = abortedUpload(t.port, chunked, Buffer.from(`${part.length.toString(16)}\r\n${part}\r\n`), 400);
    await new Promise((r) => setTimeout(r, 150));
    const second = await rawRequest(t.port, chunked + `${part.length.toString(16)}\r\n${part}\r\n0\r\n\r\n`);
    expect(second.status).toBe(503);
    await holder;
  });
});

describe('slow clients', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
  afterAll(() => t.close());

  it('are answered 408 when their headers do not arrive in time', async () => {
    const started = Date.now();
    const res = await rawRequest(t.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nX-Slow: 1\r\n`, 10_000);
    expect(res.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(5000);
    await stillUp(t);
  });

  it('are cut off when their body does not arrive in time', async () => {
    const started = Date.now();
    const res = await rawRequest(t.port, head(t, 'POST /api/documents.list HTTP/1.1', { ...t.auth, 'Content-Type': 'application/json', 'Content-Length': '100' }) + '{', 10_000);
    expect(res.ended).not.toBe('timeout');
    expect([408, null]).toContain(res.status);
    expect(Date.now() - started).toBeLessThan(5000);
    await stillUp(t);
    expect(t.logs).toEqual([]);
  });
});

describe('a failure inside the server', () => {
  it('is answered 500 and logged, and the server goes on', async () => {
    const t = await startTestServer({}, (dispatch) => (method, args) => (method === 'documents.get' ? Promise.reject(new Error('the worker died')) : dispatch(method, args)));
    try {
      const res = await httpRequest(t.port, 'POST', '/api/documents.get', { headers: { 'content-type': 'application/json', ...t.auth }, body: '{"id":"x"}' });
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'internal', message: 'the worker died' } });
      expect(t.logs).toHaveLength(1);
      expect(t.logs[0]).toMatch(/documents\.get failed unexpectedly: Error: the worker died/);
      await stillUp(t);
    } finally {
      await t.close();
    }
  });
});
