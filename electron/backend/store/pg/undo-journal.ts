import type { Async } from '../repository.ts';
import { isJournaled } from '../undo-journal-triggers.ts';
import { depthOf, type JournalEntry, type JournalRow, type JournalTableShape, type UndoJournalStore, type UndoStepRecord } from '../undo-journal.ts';
import type { Queryable } from './documents.ts';
import { exec, row, rows } from './query.ts';
import { TABLE_KEYS_SQL } from './undo-journal-triggers.ts';
import { quoteIdent } from '../sql-quote.ts';

/** Columns PostgreSQL derives from others (the search vector): not compared when checking a row is unchanged. */
const DERIVED = ['search', 'search_words'];

interface StepRow {
  id: string;
  actor: string;
  client: string;
  via: string | null;
  at: string;
  log_id: string;
  state: 'done' | 'undone';
  changes: string;
}

const toStep = (r: StepRow): UndoStepRecord => ({ id: r.id, actor: r.actor, client: r.client, via: r.via, at: Number(r.at), logId: Number(r.log_id), state: r.state, changes: Number(r.changes) });
const STEP_COLUMNS = 's.id, s.actor, s.client, s.via, s.at::text AS at, s.log_id::text AS log_id, s.state, (SELECT count(*) FROM undo_journal j WHERE j.step_id = s.id)::text AS changes';

/**
 * The undo journal on PostgreSQL (see the SQLite UndoJournalStore). Rows go
 * in and out as jsonb through `jsonb_populate_record`, which gives each value
 * its column's type back, so one statement shape serves every table.
 */
export class PgUndoJournalStore implements Async<UndoJournalStore> {
  private shapeList: JournalTableShape[] | undefined;

  constructor(private readonly db: Queryable) {}

  async step(id: string): Promise<UndoStepRecord | undefined> {
    const found = await row<StepRow>(this.db, `SELECT ${STEP_COLUMNS} FROM undo_steps s WHERE s.id = $1`, [id]);
    return found && toStep(found);
  }

  async steps(actor: string, limit: number, client?: string): Promise<UndoStepRecord[]> {
    const found = await rows<StepRow>(this.db, `SELECT ${STEP_COLUMNS} FROM undo_steps s WHERE s.actor = $1 AND ($2::text IS NULL OR s.client = $2) ORDER BY s.at DESC, s.seq DESC LIMIT $3`, [actor, client ?? null, limit]);
    return found.map(toStep);
  }

  async entries(stepId: string): Promise<JournalEntry[]> {
    const found = await rows<{ table_name: string; op: JournalEntry['op']; before: string | null; after: string | null }>(this.db, 'SELECT table_name, op, before, after FROM undo_journal WHERE step_id = $1 ORDER BY id', [stepId]);
    return found.map((r) => ({ table: r.table_name, op: r.op, before: r.before === null ? null : (JSON.parse(r.before) as JournalRow), after: r.after === null ? null : (JSON.parse(r.after) as JournalRow) }));
  }

  async shapes(): Promise<JournalTableShape[]> {
    if (this.shapeList) return this.shapeList;
    const keys = (await rows<{ table_name: string; key: string[] }>(this.db, TABLE_KEYS_SQL)).filter((t) => isJournaled(t.table_name) && t.key.length);
    const fks = await rows<{ child: string; parent: string }>(
      this.db,
      `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = current_schema() WHERE k.contype = 'f'`,
    );
    const parents = new Map<string, string[]>();
    for (const f of fks) if (f.child !== f.parent) parents.set(f.child, [...(parents.get(f.child) ?? []), f.parent]);
    this.shapeList = keys.map((t) => ({ name: t.table_name, key: t.key, depth: depthOf(t.table_name, parents), ignored: DERIVED }));
    return this.shapeList;
  }

  async current(table: string, key: JournalRow): Promise<JournalRow | undefined> {
    const t = await this.shape(table);
    const found = await row<{ row: string }>(this.db, `SELECT to_jsonb(r)::text AS row FROM ${quoteIdent(t.name)} r WHERE ${whereKey(t)}`, [JSON.stringify(key)]);
    return found && (JSON.parse(found.row) as JournalRow);
  }

  async insert(table: string, values: JournalRow): Promise<void> {
    const t = await this.shape(table);
    await exec(this.db, `INSERT INTO ${quoteIdent(t.name)} SELECT * FROM jsonb_populate_record(NULL::${quoteIdent(t.name)}, $1::jsonb)`, [JSON.stringify(values)]);
  }

  async update(table: string, key: JournalRow, columns: JournalRow): Promise<void> {
    const t = await this.shape(table);
    const names = Object.keys(columns).filter((c) => !t.key.includes(c));
    if (!names.length) return;
    const list = names.map(quoteIdent).join(', ');
    await exec(this.db, `UPDATE ${quoteIdent(t.name)} SET (${list}) = (SELECT ${list} FROM jsonb_populate_record(NULL::${quoteIdent(t.name)}, $2::jsonb)) WHERE ${whereKey(t)}`, [JSON.stringify(key), JSON.stringify(columns)]);
  }

  async remove(table: string, key: JournalRow): Promise<void> {
    const t = await this.shape(table);
    await exec(this.db, `DELETE FROM ${quoteIdent(t.name)} WHERE ${whereKey(t)}`, [JSON.stringify(key)]);
  }

  async setState(id: string, state: 'done' | 'undone'): Promise<void> {
    await exec(this.db, 'UPDATE undo_steps SET state = $1 WHERE id = $2', [state, id]);
  }

  async discard(id: string): Promise<void> {
    await exec(this.db, 'DELETE FROM undo_steps WHERE id = $1', [id]);
  }

  async prune(keep: number, before: number): Promise<number> {
    return exec(
      this.db,
      `DELETE FROM undo_steps WHERE at < $1 OR id IN (
         SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY actor ORDER BY at DESC, seq DESC) AS n FROM undo_steps) x WHERE n > $2)`,
      [before, keep],
    );
  }

  /** A journaled table by name: names from the journal reach SQL only once found in the catalog. */
  private async shape(name: string): Promise<JournalTableShape> {
    const t = (await this.shapes()).find((s) => s.name === name);
    if (!t) throw new Error(`the undo journal names a table this project does not have: ${name}`);
    return t;
  }
}

/** `(k1, k2) = (the key's values, typed as the table's columns)`, the key given as $1. */
function whereKey(t: JournalTableShape): string {
  const list = t.key.map(quoteIdent).join(', ');
  return `(${list}) = (SELECT ${list} FROM jsonb_populate_record(NULL::${quoteIdent(t.name)}, $1::jsonb))`;
}
