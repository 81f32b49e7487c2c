// The renderer's HTTP transport against the real server: a call refused for now
// (503, the body budget taken by another upload) is sent again and succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from '../../renderer/src/api/transport.ts';
import { abortedUpload } from '../support/raw-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const MB = 1024 * 1024;
let t: TestServer;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  t = await startTestServer({ maxBodyBytes: MB, maxBodyBytesInFlight: MB });
  // A browser sends the session cookie by itself; Node's fetch has no cookie jar, so the token is added here.
  globalThis.fetch = (input, init) => realFetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...t.auth } });
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await t.close();
});

describe('httpTransport', () => {
  it('retries a call the server answered 503, and gets its answer once the budget frees', async () => {
    const head = `POST /api/documents.list HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\n${Object.entries(t.auth).map(([k, v]) => `${k}: ${v}`)[0]}\r\nContent-Type: application/json\r\nContent-Length: ${MB}\r\n\r\n`;
    const holder = abortedUpload(t.port, head, Buffer.from('{'), 1500);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.server.bodyBytesInFlight()).toBe(MB);
    const started = Date.now();
    const envelope = await httpTransport(`${t.server.url}api/`)('documents.list', {});
    expect(envelope).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await holder;
  });

  it('passes a refusal that is not temporary on as the server worded it', async () => {
    const envelope = await httpTransport(`${t.server.url}api/`)('documents.get', JSON.parse('"x"'));
    expect(envelope).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const tooBig = await httpTransport(`${t.server.url}api/`)('documents.list', { pad: ' '.repeat(MB) });
    expect(tooBig).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('larger than 1 MB') } });
  });
});
