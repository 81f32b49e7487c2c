// Krippendorff's unitizing alpha (αu) for one category on a continuum
// (Krippendorff 1995, "On the reliability of unitizing continuous data";
// 2004, Content Analysis, 2nd ed., §12.4), the measure INCEpTION reports
// through DKPro Agreement. Each rater divides the continuum [0, L) into units
// of the category and gaps; disagreement is the squared difference of the
// boundaries of overlapping units, or a unit's squared length where the other
// rater left it entirely in a gap.

/** A unit: a half-open interval [start, end) of the continuum. */
export interface Unit {
  start: number;
  end: number;
}

/** Observed and expected disagreement, and αu. */
export interface UnitizingFigures {
  observed: number;
  expected: number;
  /** 1 − observed/expected; 1 when nobody disagrees; null when there is no unit. */
  alpha: number | null;
}

/**
 * αu for one category: `raters[r]` are rater r's units, which must not
 * overlap one another (see {@link disjointUnits}).
 */
export function unitizingAlpha(length: number, raters: readonly (readonly Unit[])[]): UnitizingFigures {
  const segs = raters.map((units) => segments(length, units));
  const r = raters.length;
  const unitCount = raters.reduce((s, u) => s + u.length, 0);
  if (unitCount === 0 || r < 2 || length <= 0) return { observed: 0, expected: 0, alpha: null };
  let sum = 0;
  for (let i = 0; i < r; i++) for (let j = i + 1; j < r; j++) sum += pairDisagreement(segs[i]!, segs[j]!);
  const observed = (2 * sum) / (r * (r - 1) * length * length);
  const expected = expectedDisagreement(length, raters, segs);
  const alpha = observed === 0 ? 1 : expected === 0 ? null : 1 - observed / expected;
  return { observed, expected, alpha };
}

/**
 * A rater's units made disjoint: units that share a position become their
 * union (αu is defined for non-overlapping units; a rater's coverage of the
 * category is what counts). Units that only touch stay apart.
 */
export function disjointUnits(units: readonly Unit[]): Unit[] {
  const sorted = units.filter((u) => u.end > u.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Unit[] = [];
  for (const u of sorted) {
    const last = out[out.length - 1];
    if (last && u.start < last.end) last.end = Math.max(last.end, u.end);
    else out.push({ start: u.start, end: u.end });
  }
  return out;
}

/** A segment of one rater's partition of the continuum: a unit of the category, or a gap. */
interface Segment {
  start: number;
  end: number;
  unit: boolean;
}

function segments(length: number, units: readonly Unit[]): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  for (const u of units) {
    if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    pos = u.end;
  }
  if (pos < length) out.push({ start: pos, end: length, unit: false });
  return out;
}

/** Σ δ² over every pair of intersecting segments of two raters (a merge of their sorted partitions). */
function pairDisagreement(a: readonly Segment[], b: readonly Segment[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const g = a[i]!;
    const h = b[j]!;
    if (g.unit && h.unit) {
      const ds = g.start - h.start;
      const de = g.end - h.end;
      sum += ds * ds + de * de;
    } else if (g.unit && !h.unit) {
      if (g.start >= h.start && g.end <= h.end) sum += (g.end - g.start) ** 2;
    } else if (!g.unit && h.unit) {
      if (h.start >= g.start && h.end <= g.end) sum += (h.end - h.start) ** 2;
    }
    if (g.end < h.end) i++;
    else if (h.end < g.end) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

/**
 * Expected disagreement over all the ways the raters' units and gaps could
 * be placed on the continuum (Krippendorff 2004):
 * De = (2/L)·Σ_u [ (N−1)(2l³ − 3l² + l)/3 + l²·Σ_{gaps g ≥ l}(g − l + 1) ] / (mL(mL − 1) − Σ_u l(l − 1)).
 * The gap sums use sorted gap lengths with suffix sums, so this is O((U + G) log G).
 */
function expectedDisagreement(length: number, raters: readonly (readonly Unit[])[], segs: readonly Segment[][]): number {
  const m = raters.length;
  const units = raters.flat();
  const n = units.length;
  const gaps = segs
    .flat()
    .filter((s) => !s.unit)
    .map((s) => s.end - s.start)
    .sort((x, y) => x - y);
  // suffix[k] = Σ gaps[k..]
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
  let squared = 0;
  let sum = 0;
  for (const u of units) {
    const l = u.end - u.start;
    squared += l * (l - 1);
    const from = lowerBound(gaps, l);
    const count = gaps.length - from;
    const gapSum = suffix[from]! - (l - 1) * count;
    sum += ((n - 1) * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * gapSum;
  }
  const denominator = m * length * (m * length - 1) - squared;
  return denominator === 0 ? 0 : ((2 / length) * sum) / denominator;
}

/** The first index whose value is ≥ x in an ascending array. */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
