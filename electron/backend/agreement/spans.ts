import type { Prf, SpanFigures } from '../../../shared/index.ts';
import type { CpSpan } from './input.ts';

/** Counts behind the span figures of one label. */
export interface SpanCounts {
  a: number;
  b: number;
  /** Spans in both (same label, same fragments), matched one to one. */
  exact: number;
  /** B's spans that overlap an A span of the same label. */
  overlapB: number;
  /** A's spans overlapped by a B span of the same label. */
  overlapA: number;
}

/** Adds one document's span counts of reference A and annotator B to `byLabel`. */
export function countSpans(a: readonly CpSpan[], b: readonly CpSpan[], byLabel: Map<string, SpanCounts>): void {
  const get = (label: string) => {
    let c = byLabel.get(label);
    if (!c) byLabel.set(label, (c = { a: 0, b: 0, exact: 0, overlapB: 0, overlapA: 0 }));
    return c;
  };
  const aBy = groupByLabel(a);
  const bBy = groupByLabel(b);
  for (const [label, as] of aBy) get(label).a += as.length;
  for (const [label, bs] of bBy) {
    const c = get(label);
    c.b += bs.length;
    const as = aBy.get(label) ?? [];
    // Exact: a multiset intersection of fragment keys.
    const keys = new Map<string, number>();
    for (const s of as) keys.set(keyOf(s), (keys.get(keyOf(s)) ?? 0) + 1);
    for (const s of bs) {
      const k = keyOf(s);
      const left = keys.get(k) ?? 0;
      if (left > 0) {
        c.exact++;
        keys.set(k, left - 1);
      }
    }
    for (const s of bs) if (as.some((t) => overlaps(s, t))) c.overlapB++;
    for (const s of as) if (bs.some((t) => overlaps(s, t))) c.overlapA++;
  }
}

/**
 * Figures from counts. Exact: precision = TP/|B|, recall = TP/|A|. Overlap:
 * precision = share of B's spans overlapping an A span, recall = share of A's
 * spans overlapped by a B span. A share over no span is null; F1 is the
 * harmonic mean, 0 when either side has spans and nothing matches, null when
 * neither has any.
 */
export function spanFigures(c: SpanCounts): SpanFigures {
  return {
    a: c.a,
    b: c.b,
    exact: prf(c.b ? c.exact / c.b : null, c.a ? c.exact / c.a : null),
    overlap: prf(c.b ? c.overlapB / c.b : null, c.a ? c.overlapA / c.a : null),
  };
}

export function sumCounts(counts: Iterable<SpanCounts>): SpanCounts {
  const out: SpanCounts = { a: 0, b: 0, exact: 0, overlapB: 0, overlapA: 0 };
  for (const c of counts) {
    out.a += c.a;
    out.b += c.b;
    out.exact += c.exact;
    out.overlapB += c.overlapB;
    out.overlapA += c.overlapA;
  }
  return out;
}

function prf(precision: number | null, recall: number | null): Prf {
  let f1: number | null;
  if (precision === null && recall === null) f1 = null;
  else if (precision === null || recall === null) f1 = 0;
  else if (precision === 1 && recall === 1) f1 = 1;
  else f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function groupByLabel(spans: readonly CpSpan[]): Map<string, CpSpan[]> {
  const m = new Map<string, CpSpan[]>();
  for (const s of spans) {
    const list = m.get(s.label);
    if (list) list.push(s);
    else m.set(s.label, [s]);
  }
  return m;
}

function keyOf(s: CpSpan): string {
  return s.fragments.map((f) => `${f.start}-${f.end}`).join(',');
}

/** Whether two spans share at least one character (any fragment of one with any of the other). */
function overlaps(x: CpSpan, y: CpSpan): boolean {
  for (const f of x.fragments) for (const g of y.fragments) if (f.start < g.end && g.start < f.end) return true;
  return false;
}
