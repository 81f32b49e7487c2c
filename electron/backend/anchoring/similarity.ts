import DiffMatchPatch from 'diff-match-patch';

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 0.2;

/**
 * How alike two strings are, from 0 (nothing in common) to 1 (equal):
 * one minus the Levenshtein distance over the longer length.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (!longer) return 1;
  // Strings of very different lengths cannot be alike; skips the diff.
  if (Math.min(a.length, b.length) / longer < 0.3) return Math.min(a.length, b.length) / longer;
  return 1 - dmp.diff_levenshtein(dmp.diff_main(a, b, false)) / longer;
}

/** Length of the common suffix of `a` and `b`. */
export function commonSuffix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

/** Length of the common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  let k = 0;
  while (k < a.length && k < b.length && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}
