// Chance-corrected agreement coefficients for nominal data. Values are small
// non-negative integers (category codes); MISSING marks an item a rater did
// not value. Every coefficient follows one convention for its edge cases:
// - no item to compare: null (there is nothing to measure);
// - no disagreement at all (every compared item agrees, including the case of
//   a single category that makes the chance term 0/0): exactly 1, so that
//   identical annotators always get 1.

/** A rater's value for an item that the rater did not value. */
export const MISSING = -1;

/** One rater's values, one per item, aligned across raters. */
export type Column = Int32Array;

/**
 * Cohen's kappa for two raters over the items both valued:
 * (po − pe) / (1 − pe), pe from each rater's own marginals.
 */
export function cohenKappa(x: Column, y: Column): number | null {
  const counts = new Map<number, [number, number]>();
  let n = 0;
  let agree = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === MISSING || b === MISSING) continue;
    n++;
    if (a === b) agree++;
    bump(counts, a, 0);
    bump(counts, b, 1);
  }
  if (n === 0) return null;
  if (agree === n) return 1;
  let pe = 0;
  for (const [ca, cb] of counts.values()) pe += (ca / n) * (cb / n);
  const po = agree / n;
  return (po - pe) / (1 - pe);
}

/**
 * Fleiss' kappa over the items that every rater valued (Fleiss 1971, as
 * statsmodels' `fleiss_kappa`): the mean per-item agreement against the
 * agreement expected from the pooled category shares.
 */
export function fleissKappa(columns: readonly Column[]): number | null {
  const r = columns.length;
  if (r < 2) return null;
  const n = columns[0]!.length;
  const pooled = new Map<number, number>();
  const perItem = new Map<number, number>();
  let items = 0;
  let sumP = 0;
  let unanimous = true;
  for (let i = 0; i < n; i++) {
    let complete = true;
    for (const c of columns) if (c[i] === MISSING) complete = false;
    if (!complete) continue;
    items++;
    perItem.clear();
    for (const c of columns) perItem.set(c[i]!, (perItem.get(c[i]!) ?? 0) + 1);
    let sq = 0;
    for (const [v, k] of perItem) {
      sq += k * k;
      pooled.set(v, (pooled.get(v) ?? 0) + k);
    }
    if (perItem.size > 1) unanimous = false;
    sumP += (sq - r) / (r * (r - 1));
  }
  if (items === 0) return null;
  if (unanimous) return 1;
  const total = items * r;
  let pe = 0;
  for (const k of pooled.values()) pe += (k / total) * (k / total);
  const pBar = sumP / items;
  return (pBar - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha for nominal data with missing values ("Computing
 * Krippendorff's Alpha-Reliability", 2011): items with fewer than two values
 * are not pairable and drop out; α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k
 * from the coincidence matrix.
 */
export function krippendorffAlpha(columns: readonly Column[]): number | null {
  if (columns.length < 2) return null;
  const n = columns[0]!.length;
  const perItem = new Map<number, number>();
  const nc = new Map<number, number>();
  let total = 0;
  let diagonal = 0;
  for (let i = 0; i < n; i++) {
    perItem.clear();
    let m = 0;
    for (const c of columns) {
      const v = c[i]!;
      if (v === MISSING) continue;
      m++;
      perItem.set(v, (perItem.get(v) ?? 0) + 1);
    }
    if (m < 2) continue;
    total += m;
    for (const [v, k] of perItem) {
      diagonal += (k * (k - 1)) / (m - 1);
      nc.set(v, (nc.get(v) ?? 0) + k);
    }
  }
  if (total === 0) return null;
  const observed = total - diagonal;
  if (observed === 0 || nc.size < 2) return 1;
  let sq = 0;
  for (const k of nc.values()) sq += k * k;
  return 1 - ((total - 1) * observed) / (total * total - sq);
}

/** The share of items that every rater who valued them (at least two) valued alike; null without such items. */
export function percentAgreement(columns: readonly Column[]): { items: number; agreement: number | null } {
  const n = columns[0]?.length ?? 0;
  let items = 0;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let first = MISSING;
    let m = 0;
    let alike = true;
    for (const c of columns) {
      const v = c[i]!;
      if (v === MISSING) continue;
      if (m === 0) first = v;
      else if (v !== first) alike = false;
      m++;
    }
    if (m < 2) continue;
    items++;
    if (alike) same++;
  }
  return { items, agreement: items ? same / items : null };
}

function bump(counts: Map<number, [number, number]>, v: number, side: 0 | 1): void {
  let c = counts.get(v);
  if (!c) counts.set(v, (c = [0, 0]));
  c[side]++;
}
