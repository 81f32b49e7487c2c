import { equalRuns } from '../anchoring/index.ts';

/** One line saying how much changed between two texts: "3 changes: 12 characters deleted, 40 inserted". */
export function describeChange(oldText: string, newText: string): string {
  const runs = equalRuns(oldText, newText);
  let changes = 0;
  let o = 0;
  let n = 0;
  let deleted = 0;
  let inserted = 0;
  for (const r of [...runs, { oldStart: oldText.length, newStart: newText.length, length: 0 }]) {
    if (r.oldStart > o || r.newStart > n) {
      changes++;
      deleted += r.oldStart - o;
      inserted += r.newStart - n;
    }
    o = r.oldStart + r.length;
    n = r.newStart + r.length;
  }
  if (!changes) return 'no change';
  return `${changes} change${changes === 1 ? '' : 's'}: ${deleted} character${deleted === 1 ? '' : 's'} deleted, ${inserted} inserted`;
}
