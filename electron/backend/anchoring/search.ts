import { commonPrefix, commonSuffix } from './similarity.ts';

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
  const prefix = squeeze(ctx.prefix);
  const suffix = squeeze(ctx.suffix);
  const total = prefix.length + suffix.length;
  if (!total) return 1;
  // Some extra characters, as whitespace is squeezed out of them.
  const before = squeeze(text.slice(Math.max(0, start - ctx.prefix.length - 16), start));
  const after = squeeze(text.slice(end, end + ctx.suffix.length + 16));
  return (commonSuffix(prefix, before) + commonPrefix(suffix, after)) / total;
}

function squeeze(s: string): string {
  return s.replace(/\s+/gu, '');
}

/**
 * Finds the quote exactly in `text`, decided by its context, or reports that
 * it cannot be placed without guessing:
 * - the quote with its whole prefix and suffix found once: that place;
 * - the quote found once: taken when it is long enough to be distinctive or
 *   enough of its context agrees;
 * - found several times: the occurrence whose context agrees most, when it
 *   agrees enough and clearly more than the next best;
 * - otherwise (not found, or no deciding context): undefined.
 * Returns the UTF-16 start of the match.
 */
export function findQuote(text: string, ctx: QuoteContext): number | undefined {
  const { quote } = ctx;
  if (!quote) return undefined;
  if (ctx.prefix || ctx.suffix) {
    const whole = ctx.prefix + quote + ctx.suffix;
    const at = text.indexOf(whole);
    if (at !== -1 && text.indexOf(whole, at + 1) === -1) return at + ctx.prefix.length;
  }
  const hits: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    hits.push(at);
    if (hits.length > MAX_OCCURRENCES) return undefined;
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
