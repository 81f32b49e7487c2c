import type { ChangeEntry } from '../api/history.ts';

/** The column that names a record best, in this order, for inserts and deletes. */
const NAMING_COLUMNS = ['quote', 'title', 'name', 'text', 'summary', 'status', 'stance', 'justification'] as const;

/** Columns every update touches; shown only when nothing else changed. */
const BOOKKEEPING = new Set(['modified_at', 'created_at']);

/** How many changed columns a summary names before "+N more". */
const SHOWN_COLUMNS = 3;

/** One value, short: strings quoted and cut at `max` characters, others as JSON. */
export function shortValue(value: unknown, max = 40): string {
  if (value === null || value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const cut = [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
  return typeof value === 'string' ? `"${cut}"` : cut;
}

/**
 * A one-line summary of what a change did: for an update each changed column
 * as `column: before → after`; for an insert or delete the record's naming
 * column (its quote, title, name, ...). For the History tab and `gloss history`.
 */
export function describeChange(entry: Pick<ChangeEntry, 'op' | 'before' | 'after'>): string {
  if (entry.op === 'update') {
    const before = entry.before ?? {};
    const after = entry.after ?? {};
    const all = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const meaningful = all.filter((c) => !BOOKKEEPING.has(c));
    const columns = meaningful.length ? meaningful : all;
    const shown = columns.slice(0, SHOWN_COLUMNS).map((c) => `${c}: ${shortValue(before[c], 24)} → ${shortValue(after[c], 24)}`);
    if (columns.length > SHOWN_COLUMNS) shown.push(`+${columns.length - SHOWN_COLUMNS} more`);
    return shown.join('; ');
  }
  const row = (entry.op === 'insert' ? entry.after : entry.before) ?? {};
  const naming = NAMING_COLUMNS.find((c) => typeof row[c] === 'string' && row[c] !== '');
  return naming ? `${naming} ${shortValue(row[naming])}` : '';
}
