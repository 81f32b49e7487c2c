import type { TextRange } from '../model/annotation.ts';

/** Characters of context kept on each side of a quote for re-anchoring. */
export const QUOTE_CONTEXT = 32;

/** Separator between the parts of a discontinuous annotation's quote. */
export const QUOTE_GAP = ' … ';

export interface QuoteSelector {
  quote: string;
  prefix: string;
  suffix: string;
}

/** Builds the exact quote with 32 characters of prefix and suffix for `ranges` of `text`. */
export function quoteOf(text: string, ranges: readonly TextRange[]): QuoteSelector {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return { quote: '', prefix: '', suffix: '' };
  return {
    quote: sorted.map((r) => text.slice(r.start, r.end)).join(QUOTE_GAP),
    prefix: text.slice(Math.max(0, first.start - QUOTE_CONTEXT), first.start),
    suffix: text.slice(last.end, last.end + QUOTE_CONTEXT),
  };
}

/** Sorts ranges and merges those that overlap or touch. */
export function normalizeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.start <= prev.end) prev.end = Math.max(prev.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}
