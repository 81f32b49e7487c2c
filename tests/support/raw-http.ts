import http from 'node:http';
import net from 'node:net';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequestOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send no Host header at all (Node's client adds one otherwise). */
  noHost?: boolean;
}

/** One request through Node's client, with Host and any other header set as given. */
export function httpRequest(port: number, method: string, pathname: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers = options.noHost ? { ...options.headers } : { host: `127.0.0.1:${port}`, ...options.headers };
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers, setHost: !options.noHost, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface RawAnswer {
  /** The status of the first response line, or null when none came. */
  status: number | null;
  /** Everything the server sent. */
  text: string;
  /** Why the wait ended. */
  ended: 'closed' | 'timeout' | 'error';
}

/**
 * Sends bytes exactly as given on a fresh connection (so malformed requests reach
 * the server untouched) and collects what comes back until the server closes the
 * connection or `timeoutMs` passes.
 */
export function rawRequest(port: number, bytes: string | Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (ended: RawAnswer['ended']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : null, text, ended });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    // A reset after the answer arrived (the server closed while bytes were unread) still counts the answer.
    socket.on('error', () => finish(chunks.length ? 'closed' : 'error'));
    socket.write(bytes);
  });
}

/**
 * Sends a request's headers and part of its body, then drops the connection, as
 * a browser tab closed mid-upload does. Resolves once the socket is gone.
 */
export function abortedUpload(port: number, head: string, partialBody: Buffer, afterMs = 20): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head);
      socket.write(partialBody);
      setTimeout(() => socket.resetAndDestroy(), afterMs);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}
