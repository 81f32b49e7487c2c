/** What was stored about an annotation's text: the quote and up to 32 characters either side. */
export interface QuoteContext {
  quote: string;
  prefix: string;
  suffix: string;
}

/**
 * The least share of the stored context (prefix and suffix characters next to
 * the quote) that must agree for an occurrence to be taken when the quote
 * occurs once and is short; and for the best of several occurrences.
 */
export const MIN_CONTEXT = 0.3;
/** A quote at least this long that occurs exactly once is distinctive on its own. */
export const DISTINCTIVE_QUOTE = 24;
/** Among several occurrences, the best must beat the next by this much context to decide. */
export const CONTEXT_MARGIN = 0.2;
/** More occurrences than this and a short quote is not worth placing by context. */
const MAX_OCCURRENCES = 2000;

/**
 * The share of the stored prefix and suffix that agrees with the text around
 * `[start, end)`: the characters that match next to the quote, counted
 * outwards until the first difference. Whitespace is left out of the count,
 * so that a spacing fix next to a quote ("atthe" → "at the") does not make
 * its context disagree.
 */
export function contextScore(text: string, start: number, end: number, ctx: QuoteContext): number {
  const total = nonSpace(ctx.prefix) + nonSpace(ctx.suffix);
  if (!total) return 1;
  return (matchBefore(text, start, ctx.prefix) + matchAfter(text, end, ctx.suffix)) / total;
}

// Whitespace is skipped on both sides; the scan looks a little further than the context's length, as
// spaces inserted in the text take room. No strings are made: this runs for every occurrence of a quote.
const SLACK = 16;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 12 || c === 11;
}

function nonSpace(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) n++;
  return n;
}

/** Non-space characters of `prefix` that match the text before `pos`, from the quote outwards. */
function matchBefore(text: string, pos: number, prefix: string): number {
  let i = prefix.length - 1;
  let j = pos - 1;
  const stop = Math.max(0, pos - prefix.length - SLACK);
  let n = 0;
  for (;;) {
    while (i >= 0 && isSpace(prefix.charCodeAt(i))) i--;
    while (j >= stop && isSpace(text.charCodeAt(j))) j--;
    if (i < 0 || j < stop || prefix.charCodeAt(i) !== text.charCodeAt(j)) return n;
    n++;
    i--;
    j--;
  }
}

/** Non-space characters of `suffix` that match the text from `pos` on. */
function matchAfter(text: string, pos: number, suffix: string): number {
  let i = 0;
  let j = pos;
  const stop = Math.min(text.length, pos + suffix.length + SLACK);
  let n = 0;
  for (;;) {
    while (i < suffix.length && isSpace(suffix.charCodeAt(i))) i++;
    while (j < stop && isSpace(text.charCodeAt(j))) j++;
    if (i >= suffix.length || j >= stop || suffix.charCodeAt(i) !== text.charCodeAt(j)) return n;
    n++;
    i++;
    j++;
  }
}

/**
 * Finds the quote exactly in `text`, decided by its context, or reports that
 * it cannot be placed without guessing:
 * - the quote found once: taken when it is long enough to be distinctive or
 *   enough of its context agrees;
 * - found several times: the occurrence whose context agrees most, when it
 *   agrees enough and clearly more than the next best;
 * - found very many times: only with its whole prefix and suffix, found once;
 * - otherwise (not found, or no deciding context): undefined.
 * Returns the UTF-16 start of the match.
 */
export function findQuote(text: string, ctx: QuoteContext): number | undefined {
  const { quote } = ctx;
  if (!quote) return undefined;
  const hits: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    hits.push(at);
    if (hits.length > MAX_OCCURRENCES) {
      // Too common to score one by one: only the quote with its whole context, found once, decides.
      const whole = ctx.prefix + quote + ctx.suffix;
      if (!ctx.prefix && !ctx.suffix) return undefined;
      const w = text.indexOf(whole);
      return w !== -1 && text.indexOf(whole, w + 1) === -1 ? w + ctx.prefix.length : undefined;
    }
  }
  if (!hits.length) return undefined;
  const scored = hits.map((at) => ({ at, score: contextScore(text, at, at + quote.length, ctx) })).sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  if (scored.length === 1) return quote.length >= DISTINCTIVE_QUOTE || best.score >= MIN_CONTEXT ? best.at : undefined;
  const second = scored[1]!;
  return best.score >= MIN_CONTEXT && best.score - second.score >= CONTEXT_MARGIN ? best.at : undefined;
}

/**
 * Where the text between the stored prefix and suffix went: both found once
 * (each at least 8 characters, so that they say something), in order, close
 * enough together for the quote to fit between them. The span between them
 * is a candidate for a quote that was edited where it now stands.
 */
export function spanBetweenContext(text: string, ctx: QuoteContext): { start: number; end: number } | undefined {
  if (ctx.prefix.length < 8 || ctx.suffix.length < 8) return undefined;
  const p = uniqueIndex(text, ctx.prefix);
  const s = uniqueIndex(text, ctx.suffix);
  if (p === undefined || s === undefined) return undefined;
  const start = p + ctx.prefix.length;
  const end = s;
  if (end <= start || end - start > 2 * ctx.quote.length + 16) return undefined;
  return { start, end };
}

function uniqueIndex(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at !== -1 && text.indexOf(needle, at + 1) === -1 ? at : undefined;
}
