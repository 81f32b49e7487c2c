import fs from 'node:fs';
import path from 'node:path';

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

/** What the static handler answers: a file, or a status with a one-line reason. */
export type StaticAnswer = { status: 200; type: string; body: Buffer } | { status: 400 | 404 | 500; message: string };

/**
 * Maps a request path (still percent-encoded) to a file inside `root`: 400 for
 * a malformed encoding or a NUL byte, 404 for anything outside the folder.
 */
export function resolveStaticPath(root: string, rawPathname: string): { file: string } | { status: 400 | 404; message: string } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { status: 400, message: 'bad percent-encoding in the path' };
  }
  if (decoded.includes('\0')) return { status: 400, message: 'NUL byte in the path' };
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) return { status: 404, message: 'not found' };
  return { file };
}

/** Reads a file of the built renderer; never throws (a folder or a missing file is a 404). */
export async function readStatic(root: string, rawPathname: string): Promise<StaticAnswer> {
  const resolved = resolveStaticPath(root, rawPathname);
  if (!('file' in resolved)) return resolved;
  try {
    const body = await fs.promises.readFile(resolved.file);
    return { status: 200, type: MIME[path.extname(resolved.file)] ?? 'application/octet-stream', body };
  } catch {
    if (resolved.file === path.join(root, 'index.html')) return { status: 500, message: `The renderer is not built (${root}). Run: npm run build:renderer` };
    return { status: 404, message: 'not found' };
  }
}
