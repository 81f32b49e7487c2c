import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { GlossError, toApiError, type Caller, type Envelope } from '../../shared/index.ts';
import type { Dispatch } from '../backend/api/dispatch.ts';
import { accessFor, allowedHosts, hostPort, isAuthorized, isLoopback, isWildcard, newToken, sessionCookie, tokensEqual, type Access } from './access.ts';
import { BodyBudget, readBody } from './body.ts';
import { changeAnnouncer, isLayerWrite } from './change-scope.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { EventHub, originOf, type ChangeEvent, type EventHubOptions } from './events.ts';
import { readStatic, resolveStaticPath } from './static.ts';
import { signInPage, SIGN_IN_PAGE_POLICY } from './signin-page.ts';
import { callerOf, clearedCookie, sessionCookie as teamSessionCookie, teamAccessFor, type TeamAccess } from './team-access.ts';

export interface ServerOptions {
  dispatch: Dispatch;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
  host?: string;
  port?: number;
  /** The secret every API call must carry; a fresh random one when not given. */
  token?: string;
  /** Listen on an address other than loopback (the token still guards the API); refused without it. */
  allowRemote?: boolean;
  /**
   * The address users reach the server at through a TLS reverse proxy
   * (`https://lab.example.org/`): its host is accepted in Host and Origin,
   * and an https address makes the session cookie Secure.
   */
  publicUrl?: string;
  /** Largest request body accepted, in bytes (imports send whole files, base64). */
  maxBodyBytes?: number;
  /** Bytes all request bodies being received may hold together. */
  maxBodyBytesInFlight?: number;
  /** Time a client has to send its request headers, and its whole request (slow clients hold no socket forever). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * A team server: accounts instead of the start secret. The app and every API
   * call need a signed-in session (`/signin?token=` exchanges a one-time
   * sign-in token for one; `POST /signout` ends it), and each call is made as
   * its account, with its role.
   */
  team?: boolean;
  /** Where unexpected errors are reported; stderr by default. */
  log?: (line: string) => void;
  /** Limits of the live-update streams (`GET /api/events`). */
  events?: EventHubOptions;
}

export interface RunningServer {
  /** The server's address, without the token. */
  url: string;
  /** This start's secret. */
  token: string;
  /** The address to open in a browser: `url` with `?token=`, which the server exchanges for a cookie (a team server: `url`; users sign in with their links). */
  openUrl: string;
  server: http.Server;
  /** Bytes of request bodies being held now (0 when idle: a leak would show here). */
  bodyBytesInFlight(): number;
  /** The live-update streams: how many are open, and `publish` for changes made outside this server (another process). */
  events: { readonly streams: number; readonly revision: number; publish(change: Omit<ChangeEvent, 'revision'>): number };
  close(): Promise<void>;
}

/**
 * A body costs about three times its size while it is parsed (bytes, string, parsed
 * value), so the budget for all bodies in flight bounds the server's memory at
 * roughly 3 × 256 MB. One import may use all of it; other calls then get 503 and
 * the renderer retries them (the worker has its copy after a second or two).
 */
export const DEFAULT_LIMITS = {
  maxBodyBytes: 256 * 1024 * 1024,
  maxBodyBytesInFlight: 256 * 1024 * 1024,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  maxHeaderBytes: 16 * 1024,
};

/**
 * The local server: serves the built renderer and the API (`POST /api/<method>`
 * with a JSON body). Bound to 127.0.0.1 by default. Requests whose Host or
 * Origin is not this server are refused, so other web pages cannot call it; API
 * calls must carry this start's token (cookie or bearer), so other users of the
 * machine cannot either. Every request is answered, whatever it holds: a bad
 * one gets a 4xx, an unexpected failure a 500 and a line on the log.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const publicUrl = options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl);
  if (!isLoopback(host) && !options.allowRemote) {
    return Promise.reject(
      new GlossError('validation', `serve: ${host} is not a loopback address, so other machines could reach the server; pass --allow-remote to serve on it anyway`),
    );
  }
  const log = options.log ?? ((line: string) => void process.stderr.write(line + '\n'));
  const token = options.token ?? newToken();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes;
  const budget = new BodyBudget(options.maxBodyBytesInFlight ?? DEFAULT_LIMITS.maxBodyBytesInFlight);
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_LIMITS.headersTimeoutMs;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? DEFAULT_LIMITS.requestTimeoutMs, headersTimeout);
  const staticRoot = path.resolve(options.staticDir);
  const events = new EventHub(options.events);
  // Both are set once the port is known; until then every request is refused.
  let hosts = new Set<string>();
  let access: Access | undefined;
  let team: TeamAccess | undefined;

  const server = http.createServer(
    {
      maxHeaderSize: DEFAULT_LIMITS.maxHeaderBytes,
      headersTimeout,
      requestTimeout,
      // Node checks the two timeouts on this period; a fraction of the shorter keeps them close to what they say.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(headersTimeout / 4))),
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => fail(req, res, err));
    },
  );

  // Every socket, including those Node hands over on CONNECT, so that close() can end them all.
  const sockets = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const target = req.url ?? '';
    // Only origin-form targets ("/path?query"): not "*", not a proxy's absolute URL.
    if (!target.startsWith('/')) return sendText(res, 400, 'the request target must be a path');
    if (!access || !hosts.has((req.headers.host ?? '').toLowerCase())) return sendText(res, 403, 'forbidden host');
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^https?:\/\//, ''))) return sendText(res, 403, 'forbidden origin');
    const q = target.indexOf('?');
    const rawPath = q === -1 ? target : target.slice(0, q);
    if (rawPath === '/api' || rawPath.startsWith('/api/')) return handleApi(req, res, access, rawPath.slice('/api/'.length));
    if (team && rawPath === '/signout') return signOut(req, res, team);
    if (team && rawPath === '/signin') return signIn(req, res, team, new URLSearchParams(q === -1 ? '' : target.slice(q + 1)));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'method not allowed');
    }
    const params = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
    if (team) {
      if (!(await callerOf(req, team))) {
        return sendText(res, 401, 'Sign in first: open the sign-in link an admin of this Gloss team server gave you (gloss users add NAME, or a new one: gloss users link NAME).');
      }
    } else if (params.has('token')) return exchangeToken(res, access, rawPath, params);
    const answer = await readStatic(staticRoot, rawPath);
    if (answer.status !== 200) return sendText(res, answer.status, answer.message);
    if (answer.type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    send(res, 200, answer.type, answer.body);
  }

  /** The printed URL's `?token=`: set the session cookie, then send the browser to the same page without the token. */
  function exchangeToken(res: http.ServerResponse, access: Access, rawPath: string, params: URLSearchParams): void {
    if (!params.getAll('token').some((t) => tokensEqual(t, access.token))) {
      return sendText(res, 401, "This link's token is not this server's (was Gloss restarted?). Open the address that `gloss serve` printed last.");
    }
    const resolved = resolveStaticPath(staticRoot, rawPath);
    if ('status' in resolved && resolved.status === 400) return sendText(res, 400, resolved.message);
    params.delete('token');
    const rest = params.toString();
    // One leading slash: "//host" or "/\host" would send the browser to another site.
    const location = '/' + rawPath.replace(/^[/\\]+/, '') + (rest ? `?${rest}` : '');
    if (/[^\x21-\x7e]/.test(location)) return sendText(res, 400, 'unexpected characters in the path');
    res.setHeader('Set-Cookie', sessionCookie(access));
    res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
    res.end();
  }

  /**
   * A team server's sign-in: `GET /signin?token=` answers a page whose button
   * posts the token back (see signin-page.ts); `POST /signin` exchanges a valid
   * one-time token for a session cookie and sends the browser to the app,
   * the token in no address.
   */
  async function signIn(req: http.IncomingMessage, res: http.ServerResponse, team: TeamAccess, params: URLSearchParams): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const shown = params.get('token') ?? '';
      if (!/^[A-Za-z0-9_-]{1,200}$/.test(shown)) return sendText(res, 400, 'This sign-in link is incomplete: open the whole link an admin gave you.');
      res.setHeader('Content-Security-Policy', SIGN_IN_PAGE_POLICY);
      // Under no-referrer a browser sends `Origin: null` with a form's POST, which the Origin check refuses; same-origin sends this server's.
      res.setHeader('Referrer-Policy', 'same-origin');
      return send(res, 200, 'text/html; charset=utf-8', signInPage(shown));
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'GET, HEAD, POST');
      return sendText(res, 405, 'method not allowed');
    }
    const body = await readBody(req, res, { maxBytes: 4096, budget });
    if (body.kind === 'aborted') return;
    if (body.kind === 'refused') return sendText(res, body.status, body.message);
    const token = new URLSearchParams(body.bytes.toString('utf8')).get('token') ?? '';
    body.release();
    const answer = token ? await options.dispatch('auth.signIn', { token }) : undefined;
    if (!answer?.ok) {
      return sendText(res, 401, 'This sign-in link is not valid: it was used already, has expired, or its account was removed. Ask an admin for a new one (gloss users link NAME).');
    }
    const session = answer.result as { sessionId: string; expiresAt: string };
    res.setHeader('Set-Cookie', teamSessionCookie(team, session.sessionId, session.expiresAt));
    res.writeHead(303, { Location: '/', 'Cache-Control': 'no-store' });
    res.end();
  }

  /** A team server's `POST /signout`: ends the session and clears its cookie. */
  async function signOut(req: http.IncomingMessage, res: http.ServerResponse, team: TeamAccess): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendText(res, 405, 'method not allowed');
    }
    req.resume();
    const who = await callerOf(req, team);
    if (who) await options.dispatch('auth.signOut', { sessionId: who.sessionId });
    res.setHeader('Set-Cookie', clearedCookie(team));
    sendJson(res, 200, { ok: true, result: { signedOut: Boolean(who) } });
  }

  /** Who an API call is from: the owner (undefined caller) with the start secret, or a team server's signed-in account; null when neither. */
  async function authenticate(req: http.IncomingMessage, access: Access): Promise<{ caller?: Caller } | null> {
    if (!team) return isAuthorized(req, access) ? {} : null;
    const who = await callerOf(req, team);
    return who ? { caller: who.caller } : null;
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, access: Access, rawMethod: string): Promise<void> {
    const who = await authenticate(req, access);
    if (!who) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(
        res,
        401,
        'unauthorized',
        team ? 'this team server needs you signed in: open your sign-in link (gloss users link NAME gives a new one)' : "this server's API needs its access token: open the address that `gloss serve` printed (it ends in ?token=…)",
      );
    }
    if (rawMethod === 'events') return events.serve(req, res, new URLSearchParams((req.url ?? '').split('?')[1] ?? ''), who.caller ? { name: who.caller.name, role: who.caller.role } : undefined);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'validation', 'use POST');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'validation', 'send application/json');
    let method: string;
    try {
      method = decodeURIComponent(rawMethod);
    } catch {
      return sendError(res, 400, 'validation', 'bad percent-encoding in the method name');
    }
    // A promise chain, not awaits: the async function's frame would keep the body and its parsed form alive
    // until the (maybe long) call returns, though the worker has its own copy from the start.
    return readBody(req, res, { maxBytes: maxBodyBytes, budget }).then((body) => {
      if (body.kind === 'aborted') return; // the client is gone: nobody to answer
      if (body.kind === 'refused') {
        if (body.status === 503) res.setHeader('Retry-After', '1');
        return sendError(res, body.status, 'validation', body.message);
      }
      const answer = parseAndDispatch(method, body.bytes, originOf(req), who.caller, stepOf(req));
      body.release();
      if (!answer) return sendError(res, 400, 'validation', 'request body is not valid JSON');
      return answer.then(
        ({ envelope, announce }) => {
          if (envelope.ok) announce?.(envelope.result);
          // A role's refusal and a session that ended mid-call are HTTP's 403 and 401; other errors stay in a 200 envelope, as before.
          sendJson(res, envelope.ok ? 200 : envelope.error.kind === 'forbidden' ? 403 : envelope.error.kind === 'unauthorized' ? 401 : 200, envelope);
        },
        (err: unknown) => {
          // The dispatcher answers errors as envelopes; a rejection means it broke (e.g. its worker died).
          log(`gloss serve: ${method} failed unexpectedly: ${describe(err)}`);
          sendJson(res, 500, { ok: false, error: toApiError(err) });
        },
      );
    });
  }

  /**
   * Parses a JSON body and hands it to the dispatcher (which copies it to the store's worker) with who calls; undefined when it is not JSON.
   * A write comes back with what announces it to the live-update streams once it has succeeded.
   */
  function parseAndDispatch(
    method: string,
    bytes: Buffer,
    origin: string | null,
    caller: Caller | undefined,
    step: string | undefined,
  ): Promise<{ envelope: Envelope<unknown>; announce?: (result: unknown) => void }> | undefined {
    let args: unknown;
    try {
      args = bytes.length ? JSON.parse(bytes.toString('utf8')) : {};
    } catch {
      return undefined;
    }
    try {
      const writer = { actor: caller?.name ?? null, layered: isLayerWrite(method) };
      const announce = changeAnnouncer(method, args, origin, (change) => events.publish(change, writer));
      return options.dispatch(method, args, caller, { step, client: origin ?? undefined }).then((envelope) => ({ envelope, announce }));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** An error no handler expected: answered with a 500 (or the connection cut, if the answer had begun) and logged, never thrown at the server. */
  function fail(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
    log(`gloss serve: unexpected error answering ${req.method} ${printable(req.url ?? '')}: ${describe(err)}`);
    try {
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    } catch {
      res.destroy();
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      // CONNECT is not given to the request handler; without this Node would close the connection unanswered.
      server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
        // The socket is no longer the HTTP server's: answer, then close it for good (it is paused and half-open otherwise).
        socket.on('error', () => {});
        socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', () => socket.destroy());
        socket.resume();
      });
      // Errors after listening belong to single connections; Node already answers or closes them.
      server.on('error', (err) => log(`gloss serve: server error: ${describe(err)}`));
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
      hosts = allowedHosts(host, port);
      if (publicUrl) hosts.add(publicUrl.host.toLowerCase());
      access = accessFor(token, port);
      if (options.team) team = teamAccessFor(port, options.dispatch, publicUrl?.protocol === 'https:');
      const url = `http://${hostPort(isWildcard(host) ? '127.0.0.1' : host, port)}/`;
      resolve({
        url,
        token,
        openUrl: options.team ? url : `${url}?token=${token}`,
        server,
        bodyBytesInFlight: () => budget.used,
        events,
        close: () => {
          // Streams never end by themselves: end them first, or closing would wait for the forced cut.
          events.close();
          return closeServer(server, sockets);
        },
      });
    });
  });
}

/** Stops listening, ends idle connections, and cuts the rest after a few seconds. */
function closeServer(server: http.Server, sockets: Set<Duplex>): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, 3000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendText(res: http.ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', message);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

function sendError(res: http.ServerResponse, status: number, kind: 'validation' | 'unauthorized', message: string): void {
  sendJson(res, status, { ok: false, error: { kind, message } });
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** A request target as a log line may show it: control and bidi characters escaped, at most 200 characters. */
function printable(s: string): string {
  const cut = s.length > 200 ? `${s.slice(0, 200)}…` : s;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `--public-url`: an http(s) address without path beyond "/", query or credentials. */
export function parsePublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GlossError('validation', `serve: --public-url ${value} is not an address (for example https://lab.example.org/)`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || (url.pathname !== '/' && url.pathname !== '')) {
    throw new GlossError('validation', `serve: --public-url must be an http or https address with no path, query or credentials (got ${value})`);
  }
  return url;
}

/** The undo step a client names for its call (`X-Gloss-Step`); the dispatcher checks its form and that it is new. */
function stepOf(req: http.IncomingMessage): string | undefined {
  const value = req.headers['x-gloss-step'];
  return typeof value === 'string' ? value : undefined;
}
