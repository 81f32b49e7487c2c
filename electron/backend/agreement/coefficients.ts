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
  const k = categories([x, y]);
  const ca = new Float64Array(k);
  const cb = new Float64Array(k);
  let n = 0;
  let agree = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === MISSING || b === MISSING) continue;
    n++;
    if (a === b) agree++;
    ca[a]!++;
    cb[b]!++;
  }
  if (n === 0) return null;
  if (agree === n) return 1;
  let pe = 0;
  for (let c = 0; c < k; c++) pe += (ca[c]! / n) * (cb[c]! / n);
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
  const k = categories(columns);
  const pooled = new Float64Array(k);
  const perItem = new Int32Array(k);
  let items = 0;
  let sumP = 0;
  let unanimous = true;
  for (let i = 0; i < n; i++) {
    let complete = true;
    for (let j = 0; j < r; j++) if (columns[j]![i] === MISSING) complete = false;
    if (!complete) continue;
    items++;
    let sq = 0;
    const first = columns[0]![i]!;
    for (let j = 0; j < r; j++) {
      const v = columns[j]![i]!;
      if (v !== first) unanimous = false;
      sq += 2 * perItem[v]! + 1; // (c + 1)² − c²
      perItem[v]!++;
      pooled[v]!++;
    }
    for (let j = 0; j < r; j++) perItem[columns[j]![i]!] = 0;
    sumP += (sq - r) / (r * (r - 1));
  }
  if (items === 0) return null;
  if (unanimous) return 1;
  const total = items * r;
  let pe = 0;
  for (let c = 0; c < k; c++) pe += (pooled[c]! / total) * (pooled[c]! / total);
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
  const r = columns.length;
  if (r < 2) return null;
  const n = columns[0]!.length;
  const k = categories(columns);
  const perItem = new Int32Array(k);
  const nc = new Float64Array(k);
  let total = 0;
  let diagonal = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < r; j++) if (columns[j]![i] !== MISSING) m++;
    if (m < 2) continue;
    total += m;
    // Σ_c n_uc(n_uc − 1), accumulated as each value arrives.
    let same = 0;
    for (let j = 0; j < r; j++) {
      const v = columns[j]![i]!;
      if (v === MISSING) continue;
      same += 2 * perItem[v]!;
      perItem[v]!++;
      nc[v]!++;
    }
    for (let j = 0; j < r; j++) {
      const v = columns[j]![i]!;
      if (v !== MISSING) perItem[v] = 0;
    }
    diagonal += same / (m - 1);
  }
  if (total === 0) return null;
  const observed = total - diagonal;
  let used = 0;
  let sq = 0;
  for (let c = 0; c < k; c++) {
    if (nc[c]! > 0) used++;
    sq += nc[c]! * nc[c]!;
  }
  if (observed === 0 || used < 2) return 1;
  return 1 - ((total - 1) * observed) / (total * total - sq);
}

/** The number of category codes in use (codes are small non-negative integers). */
function categories(columns: readonly Column[]): number {
  let max = -1;
  for (const c of columns) for (let i = 0; i < c.length; i++) if (c[i]! > max) max = c[i]!;
  return max + 1;
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

