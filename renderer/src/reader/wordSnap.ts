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

/** Punctuation that never ends a span: dashes, separators and sentence marks left over from a drag or a word jump. */
const DANGLING = /^[\p{Pd},;:!?…·،؛؟۔。、，；：！？]$/u;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '"': '"', '“': '”', '‘': '’', '«': '»', '„': '“', '‹': '›' };
const CLOSERS = new Map(Object.entries(OPENERS).map(([open, close]) => [close, open]));
/** "U.S.", "Inc.", "Jr.": a final full stop that belongs to the word before it. */
const ABBREVIATION = /(?:^|[^\p{L}])(?:(?:\p{L}\.){2,}|\p{Lu}\.|(?:Inc|Ltd|Corp|Co|Bros|Jr|Sr|St|Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Rev|Mt|Ave|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|etc|vs)\.)$/u;

/**
 * Shrinks a whole-word selection to its words: white space, dangling
 * punctuation (a dash, a comma, a sentence's full stop) and a quote or
 * bracket without its partner inside the selection are left out at either
 * end; "(Reuters)", "“a model”" and "U.S." stay whole. A selection of
 * punctuation only is kept as it is: then the punctuation was meant.
 */
export function trimToWords(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (let changed = true; changed && s < e; ) {
    changed = false;
    const first = text[s]!;
    if (/\s/u.test(first) || DANGLING.test(first) || first === '.' || (OPENERS[first] !== undefined && !text.slice(s + 1, e).includes(OPENERS[first]!))) {
      s++;
      changed = true;
    }
    if (s >= e) break;
    const last = text[e - 1]!;
    if (
      /\s/u.test(last) ||
      DANGLING.test(last) ||
      (last === '.' && !ABBREVIATION.test(text.slice(Math.max(s, e - 12), e))) ||
      (CLOSERS.has(last) && !text.slice(s, e - 1).includes(CLOSERS.get(last)!))
    ) {
      e--;
      changed = true;
    }
  }
  return s < e ? { start: s, end: e } : { start, end };
}
