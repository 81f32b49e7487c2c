import crypto from 'node:crypto';
import type http from 'node:http';
import os from 'node:os';

/**
 * Who may call the local server: the secret of one server start (as Jupyter
 * does), presented as a cookie or an `Authorization: Bearer` header, and the
 * Host names a request may carry (so a rebound DNS name cannot reach it).
 */
export interface Access {
  token: string;
  /** Cookies are shared by every port of a host, so the name carries the port: two servers never overwrite each other's. */
  cookieName: string;
}

/** A fresh secret: 32 random bytes, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Compares two tokens in constant time (hashing first makes the lengths equal, so not even the length leaks). */
export function tokensEqual(a: string, b: string): boolean {
  const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

export function accessFor(token: string, port: number): Access {
  return { token, cookieName: `gloss-token-${port}` };
}

/** The values of one cookie in a Cookie header (a browser may send several of the same name). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/** True when the request carries this server's token, as its cookie or as a bearer token. */
export function isAuthorized(req: http.IncomingMessage, access: Access): boolean {
  const presented = cookieValues(req.headers.cookie, access.cookieName);
  const auth = req.headers.authorization;
  const bearer = auth ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth) : null;
  if (bearer) presented.push(bearer[1]!);
  // Check every value, not stopping at the first match, so timing says nothing about which one matched.
  let ok = false;
  for (const value of presented) ok = tokensEqual(value, access.token) || ok;
  return ok;
}

/** The session cookie the token URL is exchanged for: not readable by scripts, never sent by other sites' requests. */
export function sessionCookie(access: Access): string {
  return `${access.cookieName}=${access.token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Loopback names and addresses: only this machine can reach a server bound to them. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Addresses that listen on every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** `host:port` as a URL or a Host header writes it (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/**
 * The Host header values accepted (lower case). Always this machine's loopback
 * names; for a server bound to another address, that address, and for one bound
 * to every interface, every address of this machine and its host name.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host.toLowerCase(), 'localhost', '127.0.0.1', '::1']);
  if (!isLoopback(host)) names.add(os.hostname().toLowerCase());
  if (isWildcard(host)) {
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
  }
  return new Set([...names].filter((n) => !isWildcard(n)).map((n) => hostPort(n, port)));
}
