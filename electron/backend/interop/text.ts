import { codePointToUtf16Many, utf16ToCodePointMany, type TextRange } from '../../../shared/index.ts';

// Formats that count code points (brat, W3C, REFI-QDA, doccano, Gloss JSONL)
// convert here, many offsets in one pass over the text.

/** UTF-16 ranges to code point ranges. */
export function rangesToCodePoints(text: string, ranges: readonly TextRange[]): TextRange[] {
  const cps = utf16ToCodePointMany(text, ranges.flatMap((r) => [r.start, r.end]));
  return ranges.map((_, i) => ({ start: cps[2 * i]!, end: cps[2 * i + 1]! }));
}

/** Code point ranges to UTF-16 ranges; throws a RangeError past the end of the text. */
export function rangesFromCodePoints(text: string, ranges: readonly TextRange[]): TextRange[] {
  const us = codePointToUtf16Many(text, ranges.flatMap((r) => [r.start, r.end]));
  return ranges.map((_, i) => ({ start: us[2 * i]!, end: us[2 * i + 1]! }));
}

/**
 * Converts the ranges of many records at once: `get` reads a record's ranges,
 * the result has them in code points, in record order.
 */
export function manyRangesToCodePoints<T>(text: string, items: readonly T[], get: (t: T) => readonly TextRange[]): TextRange[][] {
  const offsets: number[] = [];
  for (const it of items) for (const r of get(it)) offsets.push(r.start, r.end);
  const cps = utf16ToCodePointMany(text, offsets);
  let k = 0;
  return items.map((it) => get(it).map(() => ({ start: cps[k++]!, end: cps[k++]! })));
}

/** UTF-16 code units of context kept on each side of a quote (Hypothesis's anchoring, diff-match-patch, takes patterns of at most 32). */
export const CONTEXT_UTF16_UNITS = 32;

/**
 * Up to `n` UTF-16 code units before `start` and after `end`, one fewer where
 * the cut would split a surrogate pair, so the context is valid Unicode and
 * fits a 32-bit bitap pattern.
 */
export function contextAroundUnits(text: string, start: number, end: number, n = CONTEXT_UTF16_UNITS): { prefix: string; suffix: string } {
  let s = Math.max(0, start - n);
  if (splitsSurrogatePair(text, s)) s++;
  let e = Math.min(text.length, end + n);
  if (splitsSurrogatePair(text, e)) e--;
  return { prefix: text.slice(s, start), suffix: text.slice(end, e) };
}

/** Whether a UTF-16 offset falls inside a surrogate pair (between its halves). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The longest title taken from a document's text, in UTF-16 code units: a headline is far shorter, a first paragraph standing in for one is cut. */
export const TITLE_MAX_UNITS = 300;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A title taken from a line of the text: trimmed and, when longer than
 * TITLE_MAX_UNITS, cut at the last space (or, in a text without spaces near
 * the end, at the last whole character: never inside a surrogate pair, a flag
 * or a letter with combining marks) and ended with an ellipsis.
 */
export function titleFromLine(line: string): string {
  const t = line.trim();
  if (t.length <= TITLE_MAX_UNITS) return t;
  let end = 0;
  for (const { index, segment } of graphemes.segment(t)) {
    if (index + segment.length > TITLE_MAX_UNITS - 1) break;
    end = index + segment.length;
  }
  const head = t.slice(0, end);
  const space = head.search(/\s\S*$/);
  return `${(space > TITLE_MAX_UNITS / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * A title from a text with no title of its own: its first line that is not
 * blank, as {@link titleFromLine} makes it ('' when every line is blank).
 * Read line by line, so a long text is not split whole for its first line.
 */
export function titleFromText(text: string): string {
  for (let start = 0; ; ) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? text.length : newline);
    if (line.trim()) return titleFromLine(line);
    if (newline < 0) return '';
    start = newline + 1;
  }
}

/** A file-system-safe slug of a title: letters, digits and dashes, at most 60 characters. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'document';
}

/** Names unique among themselves (case-insensitively, as file systems may be): `a`, `a-2`, `a-3`. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${n}-${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
