import type { z } from 'zod';
import { importError, issuePath, lineOfOffset } from './errors.ts';

// Checks every JSON-based import makes before reading a record.

/**
 * A NUL character written as `\u0000` in JSON text is refused as a NUL byte
 * in a .txt file is: it marks binary data, not text, and would reach the
 * store through any format that carries text in JSON.
 */
export function assertNoEscapedNul(raw: string, file: string, lineOffset = 0): void {
  const re = /\\u0000/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    let slashes = 0;
    for (let i = m.index - 1; i >= 0 && raw[i] === '\\'; i--) slashes++;
    // `\\u0000` is a backslash followed by "u0000", not a NUL.
    if (slashes % 2 === 0) throw importError(file, lineOffset + lineOfOffset(raw, m.index), 'a NUL character (\\u0000): this looks like binary data, not text');
  }
}

/** A zod failure as a message naming the field: `annotations[0].ranges: Expected array, received null`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issuePath(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}
