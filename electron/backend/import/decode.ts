import { GlossError } from '../../../shared/index.ts';

/** Files larger than this are refused before they are read whole. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/**
 * Decodes bytes as UTF-8 text, strictly. A BOM is dropped; binary data,
 * UTF-16 and invalid sequences get an error naming the file and line.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new GlossError('import', `${file}: file is too large to import (${(bytes.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_IMPORT_BYTES / 1048576} MiB)`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new GlossError('import', `${file}: line 1: the file is UTF-16 encoded; save it as UTF-8 and import it again`);
  }
  if (looksLikeUtf16WithoutBom(bytes)) {
    throw new GlossError('import', `${file}: line 1: the file looks UTF-16 encoded (without a byte order mark); save it as UTF-8 and import it again`);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const line = lineAt(bytes, bad);
    const what = bytes[bad] === 0 ? 'a NUL byte: this looks like a binary file, not text' : `byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} is not valid UTF-8 (is it Latin-1 or Windows-1252? save it as UTF-8)`;
    throw new GlossError('import', `${file}: line ${line}: ${what}`);
  }
  let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** CRLF and lone CR become LF; nothing else changes, so offsets refer to the result. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Byte offset of the first invalid UTF-8 sequence or NUL byte, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c === 0) return i;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * UTF-16 text without a BOM: in its first bytes, nearly every other byte is
 * NUL (ASCII letters in UTF-16) while the bytes between them are not. Binary
 * files have NULs too, but not in that regular pattern.
 */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 8) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (oddNul >= pairs * 0.7 && evenNul <= pairs * 0.05) || (evenNul >= pairs * 0.7 && oddNul <= pairs * 0.05);
}
