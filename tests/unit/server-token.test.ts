// The local server's access token: the API answers only calls that carry it
// (as the cookie its ?token= URL sets, or a bearer header); the app shell does not need it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, isAuthorized, tokensEqual } from '../../electron/server/access.ts';
import { startServer } from '../../electron/server/server.ts';
import type { DocumentSummary } from '../../shared/index.ts';
import { httpRequest, type HttpAnswer } from '../support/raw-http.ts';
import { INDEX_HTML, startTestServer, type TestServer } from '../support/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const json = { 'content-type': 'application/json' };
const importArgs = JSON.stringify({ files: [{ name: 'intruder.txt', base64: Buffer.from('written without the token\n').toString('base64') }] });

function api(method: string, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
  return httpRequest(t.port, 'POST', `/api/${method}`, { headers: { ...json, ...headers }, body });
}

async function documentCount(): Promise<number> {
  const res = await api('documents.list', '{}', t.auth);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { result: DocumentSummary[] }).result.length;
}

/** The cookie a browser would keep from the token URL's answer, as `name=value`. */
async function cookieFromTokenUrl(): Promise<string> {
  const res = await httpRequest(t.port, 'GET', `/?token=${t.server.token}`);
  expect(res.status).toBe(302);
  const setCookie = res.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0]!;
}

describe('the API without the token', () => {
  it('answers 401 with a JSON error and changes nothing', async () => {
    const before = await documentCount();
    for (const headers of [{}, { cookie: 'gloss-token=x' }, { authorization: 'Basic Zm9vOmJhcg==' }, { authorization: 'Bearer' }] as Record<string, string>[]) {
      const res = await api('documents.import', importArgs, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'unauthorized', message: expect.stringContaining('?token=') } });
    }
    expect(await documentCount()).toBe(before);
  });

  it('answers 401 to a wrong token, as bearer or as cookie, whatever its length', async () => {
    const before = await documentCount();
    const wrong = [t.server.token.slice(0, -1) + (t.server.token.endsWith('A') ? 'B' : 'A'), t.server.token.slice(0, 10), t.server.token + 'x', 'x'.repeat(4000)];
    for (const token of wrong) {
      expect((await api('documents.import', importArgs, { authorization: `Bearer ${token}` })).status).toBe(401);
      expect((await api('documents.import', importArgs, { cookie: `${accessFor(t.server.token, t.port).cookieName}=${token}` })).status).toBe(401);
    }
    // Another server's cookie (another port) is not this one's.
    expect((await api('documents.list', '{}', { cookie: `gloss-token-${t.port + 1}=${t.server.token}` })).status).toBe(401);
    expect(await documentCount()).toBe(before);
  });

  it('answers 401 before looking at the method, the content type or the body', async () => {
    expect((await httpRequest(t.port, 'GET', '/api/documents.list')).status).toBe(401);
    expect((await httpRequest(t.port, 'POST', '/api/documents.list', { headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(401);
    expect((await httpRequest(t.port, 'POST', '/api/%', { headers: json, body: '{' })).status).toBe(401);
    expect((await httpRequest(t.port, 'POST', '/api', { headers: json, body: '{}' })).status).toBe(401);
  });
});

describe('the token URL', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and sends the browser to the page without the token', async () => {
    const res = await httpRequest(t.port, 'GET', `/?token=${t.server.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = res.headers['set-cookie'] ?? [];
    expect(cookie).toHaveLength(1);
    const [pair, ...attributes] = cookie[0]!.split(';').map((s) => s.trim());
    expect(pair).toBe(`gloss-token-${t.port}=${t.server.token}`);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('keeps the other query parameters and never redirects to another site', async () => {
    const cases: [string, string][] = [
      [`/?a=1&token=${t.server.token}&b=2`, '/?a=1&b=2'],
      [`/index.html?token=${t.server.token}`, '/index.html'],
      [`//evil.example/?token=${t.server.token}`, '/evil.example/'],
      [`/\\evil.example/?token=${t.server.token}`, '/evil.example/'],
    ];
    for (const [target, location] of cases) {
      const res = await httpRequest(t.port, 'GET', target);
      expect(res.status, target).toBe(302);
      expect(res.headers.location, target).toBe(location);
    }
  });

  it('refuses a wrong token with 401 and sets no cookie', async () => {
    for (const token of ['wrong', '', t.server.token.toUpperCase()]) {
      const res = await httpRequest(t.port, 'GET', `/?token=${encodeURIComponent(token)}`);
      expect(res.status, token).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).toContain('gloss serve');
    }
  });

  it('gives a cookie with which API calls work', async () => {
    const cookie = await cookieFromTokenUrl();
    const before = await documentCount();
    const res = await api('documents.import', importArgs, { cookie: `other=1; ${cookie}; more=2` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, result: [{ name: 'intruder' }] });
    expect(await documentCount()).toBe(before + 1);
  });
});

describe('the app shell', () => {
  it('is served without the token (it holds no data), with the CSP', async () => {
    const res = await httpRequest(t.port, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await httpRequest(t.port, 'GET', '/app.js')).status).toBe(200);
  });
});

describe('tokens', () => {
  it('differ between server starts', async () => {
    const other = await startServer({ dispatch: async () => ({ ok: true, result: null }), staticDir: t.staticDir, port: 0 });
    try {
      expect(other.token).not.toBe(t.server.token);
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.openUrl).toBe(`${other.url}?token=${other.token}`);
    } finally {
      await other.close();
    }
  });

  it('compare equal only when equal', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'a')).toBe(false);
  });

  it('are read from a bearer header or the cookie of this port only', () => {
    const access = accessFor('s3cret', 4242);
    const req = (headers: Record<string, string>) => ({ headers }) as never;
    expect(isAuthorized(req({ authorization: 'Bearer s3cret' }), access)).toBe(true);
    expect(isAuthorized(req({ authorization: 'bearer   s3cret ' }), access)).toBe(true);
    expect(isAuthorized(req({ cookie: 'a=b; gloss-token-4242=s3cret' }), access)).toBe(true);
    expect(isAuthorized(req({ cookie: 'gloss-token-4242=wrong; gloss-token-4242=s3cret' }), access)).toBe(true);
    expect(isAuthorized(req({ cookie: 'gloss-token-4243=s3cret' }), access)).toBe(false);
    expect(isAuthorized(req({ authorization: 'Bearer s3cret extra' }), access)).toBe(false);
    expect(isAuthorized(req({}), access)).toBe(false);
  });
});

describe('--host', () => {
  it('refuses an address other than loopback unless remote access is allowed', async () => {
    const dispatch = async () => ({ ok: true as const, result: null });
    await expect(startServer({ dispatch, staticDir: t.staticDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/not a loopback address.*--allow-remote/);
    const remote = await startServer({ dispatch, staticDir: t.staticDir, host: '0.0.0.0', port: 0, allowRemote: true });
    try {
      const port = Number(new URL(remote.url).port);
      // The token still guards the API.
      expect((await httpRequest(port, 'POST', '/api/documents.list', { headers: json, body: '{}' })).status).toBe(401);
      expect((await httpRequest(port, 'POST', '/api/documents.list', { headers: { ...json, authorization: `Bearer ${remote.token}` }, body: '{}' })).status).toBe(200);
      expect((await httpRequest(port, 'GET', '/', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    } finally {
      await remote.close();
    }
  });
});
