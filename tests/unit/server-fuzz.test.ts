// Fuzzes the local server's request handling over real sockets: random methods,
// paths, percent-encodings, headers and bodies, and uploads cut off midway.
// Every request that is not cut off must get an HTTP answer (never a hang or a
// silent close), nothing may be logged as unexpected, no body budget may leak,
// and afterwards the server must still answer normal requests.
// Reproduce a failure with GLOSS_FUZZ_SEED=<seed printed in the failure>; GLOSS_FUZZ_REQUESTS
// changes the count, GLOSS_FUZZ_VERBOSE=1 prints the statuses seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/index.ts';
import { abortedUpload, httpRequest, rawRequest } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const SEED = Number(process.env.GLOSS_FUZZ_SEED ?? 1_406_2025);
const REQUESTS = Number(process.env.GLOSS_FUZZ_REQUESTS ?? 500);
const CONCURRENCY = 8;
/** The run stops sending new requests after this long, however many remain (a busy machine is slow). */
const TIME_BUDGET_MS = 25_000;
const MAX_BODY = 64 * 1024;

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  bytes: Buffer;
  /** Cut off after sending `bytes`: there is nobody left to answer. */
  abort: boolean;
  label: string;
}

function generator(t: TestServer, random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => random() < p;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const methods = Object.keys(contract);

  const encodings = ['%', '%Z1', '%E0%A4%A', '%00', '%C0%AF', '%2e%2e', '%2f', '%5c', '%25', '%FF', '%ED%A0%80', '%F0%9F%91%8D', '%e2%80%ae', '%0d%0a'];
  function segment(): string {
    switch (int(7)) {
      case 0:
        return pick(['', 'api', 'events', 'index.html', 'app.js', 'assets', '..', '.', 'secret.txt', '__proto__', 'constructor']);
      case 1:
        return pick(methods);
      case 2:
        return pick(encodings);
      case 3:
        // Any code point but a lone surrogate, which has no UTF-8 form (the encodings above cover broken UTF-8).
        return encodeURIComponent(String.fromCodePoint(((cp) => (cp >= 0xd800 && cp < 0xe000 ? cp + 0x800 : cp))(int(0x2ffff))));
      case 4:
        // Raw bytes above ASCII: Node reads the request line as latin1.
        return String.fromCharCode(0x80 + int(0x80));
      case 5:
        return pick(methods).replace(/./g, (c) => (chance(0.3) ? `%${c.charCodeAt(0).toString(16)}` : c));
      default:
        return Array.from({ length: int(8) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789-_.~'[int(40)]).join('');
    }
  }
  function path(): string {
    let p = chance(0.5) ? '/api/' : '/';
    const n = int(4);
    for (let i = 0; i < n; i++) p += (i ? pick(['/', '/', '\\', '//']) : '') + segment();
    if (chance(0.3)) {
      const params = [chance(0.5) ? `token=${chance(0.5) ? t.server.token : segment()}` : `${segment()}=${segment()}`];
      if (chance(0.3)) params.push(`${segment()}=${segment()}`);
      p += '?' + params.join('&');
    }
    if (chance(0.03)) p = pick(['*', `http://127.0.0.1:${t.port}/`, '', 'api/documents.list', '\t/']);
    return p;
  }
  function json(depth = 0): unknown {
    switch (int(depth > 2 ? 4 : 7)) {
      case 0:
        return null;
      case 1:
        return random() * 1e6 - 5e5;
      case 2:
        return segment();
      case 3:
        return chance(0.5);
      case 4:
        return Array.from({ length: int(4) }, () => json(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(['id', 'documentId', 'files', 'ranges', 'name', 'labelId', '__proto__', segment()]), json(depth + 1)]));
    }
  }
  function body(): Buffer {
    switch (int(6)) {
      case 0:
        return Buffer.alloc(0);
      case 1:
      case 2:
        return Buffer.from(JSON.stringify(json()));
      case 3:
        return bytes(int(200));
      case 4:
        return Buffer.from(JSON.stringify(json()).slice(0, -1));
      default:
        // Around the size limit, on either side.
        return Buffer.from('{}' + ' '.repeat(MAX_BODY - 256 + int(512)));
    }
  }

  /** A well-formed call or page request with random arguments: so that many requests get past the checks into the handlers. */
  function plausible(): Case {
    if (chance(0.05)) {
      // The live-update stream, with or without a Last-Event-ID: it stays open, so the client cuts it after its first bytes.
      const last = chance(0.5) ? `Last-Event-ID: ${pick(['', 'x.1', segment(), `${segment()}.${int(1e6)}`])}\r\n` : '';
      const target = pick(['/api/events', `/api/events?last=${segment()}`]);
      return { bytes: Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.server.token}\r\n${last}Connection: close\r\n\r\n`, 'latin1'), abort: false, label: `GET ${target}` };
    }
    if (chance(0.3)) {
      const target = pick(['/', '/index.html', '/app.js', '/assets/', `/?token=${t.server.token}`, `/${segment()}`]);
      return { bytes: Buffer.from(`${pick(['GET', 'HEAD'])} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`, 'latin1'), abort: false, label: `GET ${target}` };
    }
    const method = pick(methods);
    // Some just under or over the size limit: 413s, and 503s when several are in flight at once.
    const payload = Buffer.from(chance(0.15) ? '{}' + ' '.repeat(MAX_BODY - 512 + int(1024)) : JSON.stringify(chance(0.3) ? {} : json()));
    const head = `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.server.token}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n`;
    return { bytes: Buffer.concat([Buffer.from(head), payload]), abort: false, label: `POST /api/${method} ${payload.toString().slice(0, 100)}` };
  }

  return (): Case => {
    if (chance(0.3)) return plausible();
    const method = chance(0.9)
      ? pick(['GET', 'GET', 'HEAD', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT'])
      : pick(['FOO', 'get', 'G ET', 'POST\u00e9', '', 'PROPFIND', 'M-SEARCH']);
    const target = path();
    const version = chance(0.95) ? 'HTTP/1.1' : pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.x', '']);
    const headers: string[] = [];
    if (chance(0.9)) headers.push(`Host: ${chance(0.9) ? `127.0.0.1:${t.port}` : pick(['evil.example', `localhost:${t.port}`, `127.0.0.1:${t.port + 1}`, ''])}`);
    if (chance(0.2)) headers.push(`Origin: ${pick([`http://127.0.0.1:${t.port}`, 'http://evil.example', 'null', segment()])}`);
    if (chance(0.6)) headers.push(`Authorization: Bearer ${chance(0.8) ? t.server.token : segment()}`);
    if (chance(0.1)) headers.push(`Cookie: gloss-token-${t.port}=${chance(0.5) ? t.server.token : segment()}`);
    if (chance(0.7)) headers.push(`Content-Type: ${pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', segment()])}`);
    for (let i = int(3); i > 0; i--) headers.push(`${pick(['X-A', 'Accept', 'Range', 'If-None-Match', 'Expect', 'Upgrade', segment()])}: ${segment()}`);
    if (chance(0.05)) headers.push(`X-Big: ${'b'.repeat(10_000 + int(20_000))}`);
    if (chance(0.03)) headers.push(`X-Bad: ${String.fromCharCode(int(32))}`);

    const payload = method === 'GET' && chance(0.7) ? Buffer.alloc(0) : body();
    const abort = chance(0.08);
    const chunked = chance(0.15);
    let framed: Buffer;
    if (chunked) {
      headers.push('Transfer-Encoding: chunked');
      const good = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
      framed = payload.length === 0 ? Buffer.from('0\r\n\r\n') : chance(0.9) ? good : Buffer.concat([Buffer.from(pick(['zz\r\n', '-1\r\n', 'ffffffffffffffff\r\n'])), payload]);
    } else {
      if (payload.length || chance(0.3)) headers.push(`Content-Length: ${chance(0.97) ? payload.length : pick(['-5', 'abc', '1e3', `${payload.length}, ${payload.length}`])}`);
      framed = payload;
    }
    headers.push('Connection: close');
    const head = Buffer.from(`${method} ${target} ${version}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1');
    const sent = abort ? framed.subarray(0, int(framed.length + 1)) : framed;
    return { bytes: Buffer.concat([head, sent]), abort, label: `${method} ${JSON.stringify(target).slice(0, 120)} (${payload.length} bytes${chunked ? ', chunked' : ''}${abort ? ', aborted' : ''})` };
  };
}

describe('fuzzing the local server', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ maxBodyBytes: MAX_BODY, maxBodyBytesInFlight: 4 * MAX_BODY, headersTimeoutMs: 2000, requestTimeoutMs: 3000 });
  });
  afterAll(() => t.close());

  it(`answers every request (seed ${SEED}) and keeps serving`, { timeout: 90_000 }, async () => {
    const next = generator(t, rng(SEED));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let aborted = 0;
    let streams = 0;
    const started = Date.now();
    const worker = async () => {
      while (sent < REQUESTS && Date.now() - started < TIME_BUDGET_MS) {
        const index = sent++;
        const c = next();
        if (c.abort) {
          aborted++;
          await abortedUpload(t.port, c.bytes.toString('latin1'), Buffer.alloc(0), 5);
          continue;
        }
        // An event stream never ends by itself: a shorter wait, and its timeout is not a failure once it has answered.
        const stream = /\bevents\b/.test(c.label);
        const res = await rawRequest(t.port, c.bytes, stream ? 300 : 10_000);
        statuses.set(res.status ?? 0, (statuses.get(res.status ?? 0) ?? 0) + 1);
        const openStream = res.status === 200 && /content-type: text\/event-stream/i.test(res.text);
        if (openStream) streams++;
        if (res.status === null || res.status >= 500 || (res.ended === 'timeout' && !openStream)) {
          failures.push(`#${index} ${c.label}: ${res.status ?? 'no answer'} (${res.ended}) ${JSON.stringify(res.text.slice(0, 200))}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const summary = `seed ${SEED}: ${sent} requests (${aborted} aborted, ${streams} event streams) in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`;
    if (process.env.GLOSS_FUZZ_VERBOSE) console.log(summary);
    expect(failures, `${summary}\n${failures.join('\n')}`).toEqual([]);
    expect(t.logs, summary).toEqual([]);
    // A good share of the requests must reach the API and pass its checks, or the fuzz tests little.
    expect(sent, summary).toBeGreaterThanOrEqual(Math.min(REQUESTS, 100));
    expect(statuses.get(200) ?? 0, summary).toBeGreaterThan(sent / 20);
    expect([...statuses.keys()].filter((s) => s >= 400).length, summary).toBeGreaterThanOrEqual(5);

    // Every reservation came back once the connections closed.
    await expect.poll(() => t.server.bodyBytesInFlight(), { timeout: 5000 }).toBe(0);
    // Event streams opened (some are) and cut by the client are all forgotten.
    expect(streams, summary).toBeGreaterThan(0);
    await expect.poll(() => t.server.events.streams, { timeout: 5000 }).toBe(0);
    expect((await httpRequest(t.port, 'GET', '/')).status).toBe(200);
    const list = await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'application/json', ...t.auth }, body: '{}' });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toMatchObject({ ok: true });
  });
});
