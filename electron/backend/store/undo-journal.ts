import type { Db } from './database.ts';
import { journalRow, journalTables, ROWID, type JournalTable } from './undo-journal-triggers.ts';
import { quoteIdent } from './sql-quote.ts';

/** A row as the journal holds it: column name to JSON value (bytes as `{"$blob": hex}`, the rowid as `$rowid`). */
export type JournalRow = Record<string, unknown>;

/** One undo step: an undoable call a client made. */
export interface UndoStepRecord {
  id: string;
  actor: string;
  client: string;
  via: string | null;
  at: number;
  /** The change log's newest id when the step began. */
  logId: number;
  state: 'done' | 'undone';
  /** How many row changes it journaled. */
  changes: number;
}

/** One row change of a step, in the order it was made. */
export interface JournalEntry {
  table: string;
  op: 'insert' | 'update' | 'delete';
  /** The whole row (delete), its key and changed columns (update), null (insert). */
  before: JournalRow | null;
  /** The whole row (insert), its key and changed columns (update), null (delete). */
  after: JournalRow | null;
}

/** What undo needs to know of a table. */
export interface JournalTableShape {
  name: string;
  /** The key columns that find a row (`$rowid` for a table without a primary key). */
  key: string[];
  /** 0 for a table that references no other, else one more than its deepest parent: rows go in parents first. */
  depth: number;
  /** Columns that are the engine's bookkeeping, not compared when checking that a row is unchanged. */
  ignored: string[];
}

const STEP_COLUMNS = 's.id, s.actor, s.client, s.via, s.at, s.log_id AS logId, s.state, (SELECT count(*) FROM undo_journal j WHERE j.step_id = s.id) AS changes';

/**
 * The undo journal (migration 011) on SQLite: the steps, their row changes,
 * and the generic row reads and writes that put rows back. All SQL of undo is
 * here; what to put back and in which order is provenance/undo.ts's.
 */
export class UndoJournalStore {
  private tables: Map<string, JournalTable> | undefined;
  private shapeList: JournalTableShape[] | undefined;

  constructor(private readonly db: Db) {}

  step(id: string): UndoStepRecord | undefined {
    return this.db.prepare(`SELECT ${STEP_COLUMNS} FROM undo_steps s WHERE s.id = ?`).get(id) as UndoStepRecord | undefined;
  }

  /** The actor's steps, newest first (one client's when `client` is given). */
  steps(actor: string, limit: number, client?: string): UndoStepRecord[] {
    return this.db
      .prepare(
        `SELECT ${STEP_COLUMNS} FROM undo_steps s
         WHERE s.actor = ? AND (? IS NULL OR s.client = ?) ORDER BY s.at DESC, s.rowid DESC LIMIT ?`,
      )
      .all(actor, client ?? null, client ?? null, limit) as UndoStepRecord[];
  }

  entries(stepId: string): JournalEntry[] {
    const rows = this.db.prepare('SELECT table_name, op, before, after FROM undo_journal WHERE step_id = ? ORDER BY id').all(stepId) as { table_name: string; op: JournalEntry['op']; before: string | null; after: string | null }[];
    return rows.map((r) => ({ table: r.table_name, op: r.op, before: r.before === null ? null : (JSON.parse(r.before) as JournalRow), after: r.after === null ? null : (JSON.parse(r.after) as JournalRow) }));
  }

  shapes(): JournalTableShape[] {
    if (this.shapeList) return this.shapeList;
    const tables = this.tableMap();
    const parents = new Map<string, string[]>();
    for (const name of tables.keys()) {
      const fks = this.db.prepare(`PRAGMA main.foreign_key_list(${quoteIdent(name)})`).all() as { table: string }[];
      parents.set(name, [...new Set(fks.map((f) => f.table).filter((p) => p !== name && tables.has(p)))]);
    }
    this.shapeList = [...tables.values()].map((t) => ({ name: t.name, key: t.key, depth: depthOf(t.name, parents), ignored: [ROWID] }));
    return this.shapeList;
  }

  /** The row with this key as it is now, in the journal's form; undefined when there is none. */
  current(table: string, key: JournalRow): JournalRow | undefined {
    const t = this.table(table);
    const { where, values } = whereKey(t, key);
    const found = this.db.prepare(`SELECT ${journalRow(t, 'r')} AS row FROM main.${quoteIdent(t.name)} AS r WHERE ${where}`).pluck().get(...(values as never[])) as string | undefined;
    return found === undefined ? undefined : (JSON.parse(found) as JournalRow);
  }

  /** Puts a whole row back, under its old rowid when that is free. */
  insert(table: string, row: JournalRow): void {
    const t = this.table(table);
    const columns = t.columns.filter((c) => c.name in row).map((c) => c.name);
    const rowid = row[ROWID];
    const keep = t.hasRowid && typeof rowid === 'number' && !this.db.prepare(`SELECT 1 FROM main.${quoteIdent(t.name)} WHERE rowid = ?`).get(rowid);
    const names = keep ? ['rowid', ...columns.map(quoteIdent)] : columns.map(quoteIdent);
    const values = keep ? [rowid, ...columns.map((c) => toSql(row[c]))] : columns.map((c) => toSql(row[c]));
    this.db.prepare(`INSERT INTO main.${quoteIdent(t.name)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...(values as never[]));
  }

  /** Sets some columns of the row with this key. */
  update(table: string, key: JournalRow, columns: JournalRow): void {
    const t = this.table(table);
    const names = t.columns.filter((c) => c.name in columns && !t.key.includes(c.name)).map((c) => c.name);
    if (!names.length) return;
    const { where, values } = whereKey(t, key);
    this.db.prepare(`UPDATE main.${quoteIdent(t.name)} SET ${names.map((n) => `${quoteIdent(n)} = ?`).join(', ')} WHERE ${where}`).run(...(names.map((n) => toSql(columns[n])) as never[]), ...(values as never[]));
  }

  /** Deletes the row with this key (nothing when it is gone already). */
  remove(table: string, key: JournalRow): void {
    const t = this.table(table);
    const { where, values } = whereKey(t, key);
    this.db.prepare(`DELETE FROM main.${quoteIdent(t.name)} WHERE ${where}`).run(...(values as never[]));
  }

  setState(id: string, state: 'done' | 'undone'): void {
    this.db.prepare('UPDATE undo_steps SET state = ? WHERE id = ?').run(state, id);
  }

  /** Forgets a step and its journal. */
  discard(id: string): void {
    this.db.prepare('DELETE FROM undo_steps WHERE id = ?').run(id);
  }

  /** Forgets steps older than `before` (UTC ms) and all but each actor's newest `keep`; returns how many went. */
  prune(keep: number, before: number): number {
    return this.db
      .prepare(
        `DELETE FROM undo_steps WHERE at < ? OR id IN (
           SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY actor ORDER BY at DESC, rowid DESC) AS n FROM undo_steps) WHERE n > ?)`,
      )
      .run(before, keep).changes;
  }

  private tableMap(): Map<string, JournalTable> {
    this.tables ??= new Map(journalTables(this.db).map((t) => [t.name, t]));
    return this.tables;
  }

  private table(name: string): JournalTable {
    const t = this.tableMap().get(name);
    if (!t) throw new Error(`the undo journal names a table this project does not have: ${name}`);
    return t;
  }
}

function whereKey(t: JournalTable, key: JournalRow): { where: string; values: unknown[] } {
  if (t.key[0] === ROWID) return { where: 'rowid = ?', values: [key[ROWID]] };
  return { where: t.key.map((k) => `${quoteIdent(k)} IS ?`).join(' AND '), values: t.key.map((k) => toSql(key[k])) };
}

/** A journal value as SQLite takes it. */
function toSql(value: unknown): unknown {
  if (value && typeof value === 'object' && '$blob' in value) return Buffer.from(String((value as { $blob: string }).$blob), 'hex');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

/** A table's depth below the tables it references (cycles count once). */
export function depthOf(table: string, parents: ReadonlyMap<string, readonly string[]>, seen: Set<string> = new Set()): number {
  if (seen.has(table)) return 0;
  seen.add(table);
  let depth = 0;
  for (const p of parents.get(table) ?? []) depth = Math.max(depth, 1 + depthOf(p, parents, seen));
  seen.delete(table);
  return depth;
}
