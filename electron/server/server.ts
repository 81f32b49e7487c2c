import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Dispatch } from '../backend/api/dispatch.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export interface ServerOptions {
  dispatch: Dispatch;
  /** The built renderer (`dist/renderer`). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Largest request body accepted, in bytes (imports send whole files). */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The local server: serves the built renderer and the API (`POST /api/<method>`
 * with a JSON body). Bound to 127.0.0.1 by default. Requests whose Host or
 * Origin is not this server are refused, so other web pages cannot call it.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBody = options.maxBodyBytes ?? 256 * 1024 * 1024;
  const staticRoot = path.resolve(options.staticDir);
  let allowedHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain', 'forbidden host');
    const origin = req.headers.origin;
    if (origin && !allowedHosts.has(origin.replace(/^https?:\/\//, ''))) return send(res, 403, 'text/plain', 'forbidden origin');
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'use POST');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'send application/json');
      return handleApi(req, res, decodeURIComponent(url.pathname.slice(5)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    serveStatic(url.pathname, res);
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        return send(res, 413, 'application/json', JSON.stringify({ ok: false, error: { kind: 'validation', message: `request larger than ${maxBody} bytes` } }));
      }
      chunks.push(chunk as Buffer);
    }
    let args: unknown;
    try {
      args = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { kind: 'validation', message: 'request body is not valid JSON' } }));
    }
    const envelope = await options.dispatch(method, args);
    send(res, 200, 'application/json', JSON.stringify(envelope));
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticRoot, rel);
    if (!file.startsWith(staticRoot + path.sep)) return send(res, 404, 'text/plain', 'not found');
    fs.readFile(file, (err, data) => {
      if (err) {
        if (rel === 'index.html') return send(res, 500, 'text/plain', `The renderer is not built (${staticRoot}). Run: npm run build:renderer`);
        return send(res, 404, 'text/plain', 'not found');
      }
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      send(res, 200, type, data);
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      allowedHosts = new Set([`${shownHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
      resolve({
        url: `http://${shownHost}:${port}/`,
        server,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}
