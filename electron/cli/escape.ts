/**
 * Text from imported files (titles, names, quotes, entity names) reaches the
 * terminal. Control characters in it could clear the screen, recolour the
 * output, plant OSC 8 links or OSC 52 clipboard writes; bidirectional
 * overrides and isolates could reorder a line so it reads as something else.
 */
// C0 controls, DEL and C1 controls; the bidi marks, embeddings, overrides and isolates; the Arabic letter mark; line and paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One field of human-readable output, safe to print: every control character
 * and bidi control becomes a visible escape (`\t`, `\n`, `\x1B`, `\u202E`), so
 * a tab in a title cannot shift the columns it is printed in and an escape
 * sequence is shown instead of run. Everything else is kept as it is.
 */
export function printable(value: unknown): string {
  return String(value).replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

// JSON.stringify escapes C0 controls already; these it leaves raw.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text with DEL, C1 and bidi controls written as `\uXXXX`: the same JSON
 * value (they can only occur inside strings), but inert on a terminal.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
