import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './server/csp.ts';

/**
 * The renderer is served from `app://gloss/`, a privileged standard scheme,
 * rather than `file://`: it gets a real origin, so `'self'` in the CSP means
 * exactly the app's own files and the IPC sender check has an origin to match.
 * Pure: no Electron imports, so unit tests run it under Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gloss';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is on the app's origin (scheme and host match; no credentials or port). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // `URL.origin` is "null" for non-special schemes under Node, so compare the parts.
  return u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** The file under `root` that an `app://gloss/...` URL names, or undefined when it names none (another host, `..`, a NUL). */
export function appFilePath(root: string, url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined; // malformed %-escape
  }
  if (rel.includes('\0')) return undefined;
  rel = rel.replace(/^\/+/, '') || 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  return file.startsWith(base + path.sep) ? file : undefined;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

/** Response headers for a renderer file: its type, and on HTML pages the same CSP the local server sends. */
export function appResponseHeaders(file: string): Record<string, string> {
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  return headers;
}
