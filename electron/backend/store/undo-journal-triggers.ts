import type { Db } from './connection.ts';
import { cacheWriteStatements } from './statements.ts';
import { quoteIdent, quoteString } from './sql-quote.ts';

/**
 * The undo journal's recording side on SQLite: TEMP triggers, generated from
 * the live schema on each connection (for the same reasons as the change
 * log's, store/change-log-triggers.ts), that copy every row an undoable call
 * changes into `undo_journal` under the call's step. They do nothing unless
 * the change context names a step (`gloss_undo_step()` answers null), so
 * imports, the CLI and migrations pay one function call per row and write
 * nothing.
 *
 * Unlike the change log, rows are kept whole, with their large and derived
 * columns (a document's text, an annotation's offsets): undo must put back
 * exactly what was there. An update keeps the key and the columns it changed.
 */

/** Tables never journaled: the journal and log themselves, PostgreSQL's migration record, the full-text index (kept by its own triggers) and secrets. */
export const UNJOURNALED_TABLES: ReadonlySet<string> = new Set(['undo_steps', 'undo_journal', 'change_log', 'gloss_migrations', 'signin_tokens', 'sessions']);

/** Whether a table's rows are journaled for undo. */
export function isJournaled(table: string): boolean {
  return !UNJOURNALED_TABLES.has(table) && !table.startsWith('sqlite_') && !table.startsWith('documents_fts');
}

/** The row's rowid, in a journaled row of a table that has one: put back when free (library order and the full-text index follow it). */
export const ROWID = '$rowid';

/** A table as the journal sees it. */
export interface JournalTable {
  name: string;
  columns: { name: string; blob: boolean }[];
  /** Its primary key columns; `[ROWID]` for a table without one. */
  key: string[];
  hasRowid: boolean;
}

const NOW_MS = "CAST(round((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";

/** The journaled tables of this database, with their columns and keys. */
export function journalTables(db: Db): JournalTable[] {
  const names = (db.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'").all() as { name: string; sql: string | null }[]).filter(
    (t) => isJournaled(t.name) && !/^\s*CREATE\s+VIRTUAL/i.test(t.sql ?? ''),
  );
  return names.map(({ name, sql }) => {
    const info = db.prepare(`PRAGMA main.table_info(${quoteIdent(name)})`).all() as { name: string; type: string; pk: number }[];
    const hasRowid = !/WITHOUT\s+ROWID\s*$/i.test((sql ?? '').trim());
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return {
      name,
      // A BLOB (or untyped) column may hold bytes, which JSON cannot: written as {"$blob": hex}.
      columns: info.map((c) => ({ name: c.name, blob: c.type === '' || /BLOB/i.test(c.type) })),
      key: pk.length ? pk : [ROWID],
      hasRowid,
    };
  });
}

/** A column's value as the journal holds it. */
export function journalValue(r: string, c: { name: string; blob: boolean }): string {
  const v = `${r}.${quoteIdent(c.name)}`;
  return c.blob ? `CASE WHEN typeof(${v}) = 'blob' THEN json_object('$blob', hex(${v})) ELSE ${v} END` : v;
}

/** The row `r` (`new`, `old` or a table alias) as a JSON object of all its columns, with its rowid when it has one. */
export function journalRow(t: JournalTable, r: string): string {
  const parts = t.columns.map((c) => `${quoteString(c.name)}, ${journalValue(r, c)}`);
  if (t.hasRowid) parts.unshift(`'${ROWID}', ${r}.rowid`);
  return `json_object(${parts.join(', ')})`;
}

/**
 * Creates the journal's TEMP triggers on this connection. Needs the change
 * log's functions (`gloss_change_actor()`, `gloss_change_via()`), so it runs
 * after installChangeLogTriggers. Does nothing on a database without the
 * journal (one opened at an older schema by a test).
 */
export function installUndoJournalTriggers(db: Db, source: { step(): string | null; client(): string }): void {
  if (!db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'undo_journal'").get()) return;
  db.function('gloss_undo_step', { deterministic: false }, () => source.step());
  db.function('gloss_undo_client', { deterministic: false }, () => source.client());
  const statements: string[] = [];
  for (const t of journalTables(db)) statements.push(...triggersFor(t));
  db.exec(statements.join(';\n'));
  cacheWriteStatements(db);
}

function triggersFor(t: JournalTable): string[] {
  const name = (op: string) => quoteIdent(`gloss_undo_${t.name}_${op}`);
  const on = `main.${quoteIdent(t.name)}`;
  const keys = new Set(t.key);
  // An update: the key (and rowid) always, other columns when they changed (json_remove drops the unchanged ones).
  const changed = (r: string) =>
    `json_remove(${journalRow(t, r)}, ${t.columns
      .filter((c) => !keys.has(c.name))
      .map((c) => `CASE WHEN old.${quoteIdent(c.name)} IS new.${quoteIdent(c.name)} THEN ${quoteString('$."' + c.name.replace(/"/g, '\\"') + '"')} ELSE '$.__kept' END`)
      .join(', ') || "'$.__kept'"})`;
  const step = `INSERT OR IGNORE INTO main.undo_steps (id, actor, client, via, at, log_id, state) VALUES (gloss_undo_step(), gloss_change_actor(), gloss_undo_client(), gloss_change_via(), ${NOW_MS}, (SELECT coalesce(max(id), 0) FROM main.change_log), 'done')`;
  const entry = (op: string, before: string, after: string) =>
    `INSERT INTO main.undo_journal (step_id, table_name, op, before, after) VALUES (gloss_undo_step(), ${quoteString(t.name)}, '${op}', ${before}, ${after})`;
  const when = 'WHEN gloss_undo_step() IS NOT NULL';
  const anyChange = t.columns.map((c) => `old.${quoteIdent(c.name)} IS NOT new.${quoteIdent(c.name)}`).join(' OR ');
  const keyChange = t.key.map((k) => (k === ROWID ? 'old.rowid IS NOT new.rowid' : `old.${quoteIdent(k)} IS NOT new.${quoteIdent(k)}`)).join(' OR ');
  return [
    `CREATE TEMP TRIGGER ${name('insert')} AFTER INSERT ON ${on} ${when} BEGIN ${step}; ${entry('insert', 'NULL', journalRow(t, 'new'))}; END`,
    `CREATE TEMP TRIGGER ${name('update')} AFTER UPDATE ON ${on} ${when} AND NOT (${keyChange}) AND (${anyChange}) BEGIN ${step}; ${entry('update', changed('old'), changed('new'))}; END`,
    // A row whose key changes (re-anchoring moves a rejected suggestion's offsets) is another row: journaled as a delete and an insert.
    `CREATE TEMP TRIGGER ${name('rekey')} AFTER UPDATE ON ${on} ${when} AND (${keyChange}) BEGIN ${step}; ${entry('delete', journalRow(t, 'old'), 'NULL')}; ${entry('insert', 'NULL', journalRow(t, 'new'))}; END`,
    `CREATE TEMP TRIGGER ${name('delete')} AFTER DELETE ON ${on} ${when} BEGIN ${step}; ${entry('delete', journalRow(t, 'old'), 'NULL')}; END`,
  ];
}
