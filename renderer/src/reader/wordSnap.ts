/**
 * Whether the code point at UTF-16 index `i` of `text` is part of a word:
 * a letter, a digit, a combining mark, or an apostrophe or hyphen between
 * two such characters ("don't", "rare-earth"). Surrogate pairs are read as
 * one code point, so an emoji is not a word character and never split.
 */
function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = codePointAround(text, i);
  if (WORD.test(c)) return true;
  if (JOINER.test(c)) return i > 0 && i + 1 < text.length && WORD.test(codePointAround(text, i - 1)) && WORD.test(codePointAround(text, i + 1));
  return false;
}

const WORD = /^[\p{L}\p{N}\p{M}_]$/u;
const JOINER = /^['’\-‐]$/u;

/** The whole code point that UTF-16 index `i` belongs to (either half of a surrogate pair). */
function codePointAround(text: string, i: number): string {
  const code = text.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff && i > 0) return String.fromCodePoint(text.codePointAt(i - 1)!);
  return String.fromCodePoint(text.codePointAt(i)!);
}

/**
 * Widens [start, end) of `text` so that it neither starts nor ends inside a
 * word: a drag that began in the middle of "Islamabad" takes the whole word.
 * An empty or all-space range comes back unchanged; a range that is not
 * inside a word at either end is not moved there.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start, end };
  let s = start;
  let e = end;
  // Grow the start leftwards while it cuts a word (the characters on both sides of it are word characters).
  while (s > 0 && isWordAt(text, s) && isWordAt(text, s - 1)) s--;
  while (e < text.length && isWordAt(text, e - 1) && isWordAt(text, e)) e++;
  // Never stop between the halves of a surrogate pair.
  if (s > 0 && isLowSurrogate(text.charCodeAt(s))) s--;
  if (e < text.length && isLowSurrogate(text.charCodeAt(e))) e++;
  return { start: s, end: e };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
