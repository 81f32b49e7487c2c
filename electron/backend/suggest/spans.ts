import type { Span } from './candidate.ts';

const POSSESSIVE = /(?:['’]s|(?<=s)['’])$/u;

/** Shrinks a span so that it does not end in a possessive: "Pakistan’s" → "Pakistan", "States’" → "States". */
export function withoutPossessive(text: string, span: Span): Span {
  const m = POSSESSIVE.exec(text.slice(span.start, span.end));
  return m ? { start: span.start, end: span.end - m[0].length } : span;
}

/** Shrinks a span past leading and trailing white space. */
export function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { start, end };
}

/** All matches of a global regular expression as spans of `text`. */
export function matchSpans(re: RegExp, text: string): Span[] {
  if (!re.global) throw new Error('matchSpans needs a global regular expression');
  const out: Span[] = [];
  for (const m of text.matchAll(re)) if (m[0]) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Answers "does this span overlap any of these ranges?" in O(log n), for ranges that may overlap each other. */
export class RangeIndex {
  private readonly starts: number[];
  /** `maxEnd[i]` is the largest end among the first i + 1 ranges by start. */
  private readonly maxEnd: number[];

  constructor(ranges: readonly Span[]) {
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((r) => r.start);
    this.maxEnd = [];
    let max = -Infinity;
    for (const r of sorted) this.maxEnd.push((max = Math.max(max, r.end)));
  }

  overlaps(span: Span): boolean {
    // The ranges starting before span.end overlap it when one of them ends after span.start.
    const i = lastBefore(this.starts, span.end);
    return i >= 0 && this.maxEnd[i]! > span.start;
  }
}

/** The index of the last value below `x` in an ascending array, or -1. */
function lastBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** A growing set of spans that never overlap one another; `add` refuses a span that would. */
export class DisjointSpans {
  private readonly spans: Span[] = [];

  /** Adds the span unless it overlaps one already in the set; true when added. */
  add(span: Span): boolean {
    // The first span ending after span.start is the only one that can overlap it, as the set is disjoint and sorted.
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.spans[mid]!.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    const next = this.spans[lo];
    if (next && next.start < span.end) return false;
    this.spans.splice(lo, 0, span);
    return true;
  }
}
