// JavaScript strings index UTF-16 code units; brat, W3C Web Annotation and
// REFI-QDA count Unicode code points. These convert at the boundary.

/** Converts a UTF-16 offset into `text` to a code point offset. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let cp = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The low half of a surrogate pair does not start a new code point.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) cp++;
  }
  return cp;
}

/** Converts a code point offset into `text` to a UTF-16 offset; throws past the end. */
export function codePointToUtf16(text: string, cpOffset: number): number {
  let i = 0;
  for (let cp = 0; cp < cpOffset; cp++) {
    if (i >= text.length) throw new RangeError(`code point offset ${cpOffset} is past the end of the text (${countCodePoints(text)} code points)`);
    i += codePointLength(text, i);
  }
  return i;
}

/** Number of code points in `text`. */
export function countCodePoints(text: string): number {
  return utf16ToCodePoint(text, text.length);
}

/**
 * Maps many offsets at once in one pass over the text: `O(n + k log k)`
 * instead of `O(n·k)`. Returns code point offsets in input order.
 */
export function utf16ToCodePointMany(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  const out = new Array<number>(offsets.length);
  let i = 0;
  let cp = 0;
  for (const k of order) {
    const target = Math.min(offsets[k]!, text.length);
    while (i < target) {
      i += codePointLength(text, i);
      cp++;
    }
    // An offset inside a surrogate pair counts the pair as begun.
    out[k] = cp;
  }
  return out;
}

/** Inverse of {@link utf16ToCodePointMany}; throws on an offset past the end. */
export function codePointToUtf16Many(text: string, cpOffsets: readonly number[]): number[] {
  const order = cpOffsets.map((_, i) => i).sort((a, b) => cpOffsets[a]! - cpOffsets[b]!);
  const out = new Array<number>(cpOffsets.length);
  let i = 0;
  let cp = 0;
  for (const k of order) {
    const target = cpOffsets[k]!;
    while (cp < target) {
      if (i >= text.length) throw new RangeError(`code point offset ${target} is past the end of the text (${cp} code points)`);
      i += codePointLength(text, i);
      cp++;
    }
    out[k] = i;
  }
  return out;
}

/** UTF-16 length of the code point at `i`: 2 for a surrogate pair, 1 otherwise (lone surrogates included). */
function codePointLength(text: string, i: number): number {
  if (!isHighSurrogate(text.charCodeAt(i))) return 1;
  const next = text.charCodeAt(i + 1); // NaN past the end
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
