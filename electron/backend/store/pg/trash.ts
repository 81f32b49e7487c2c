import { randomUUID } from 'node:crypto';
import { GlossError, type TrashEntry } from '../../../../shared/index.ts';
import { nowIso } from '../json.ts';
import type { Async } from '../repository.ts';
import type { TrashStore } from '../trash.ts';
import type { Queryable } from './documents.ts';
import { exec, row, rows } from './query.ts';
import { quoteIdent } from '../sql-quote.ts';

/**
 * One saved row: its table and every stored column in its text form
 * (`column::text`), which each type's input reads back unchanged: bytea as
 * `\x…` hex, json and jsonb as their text, the search tsvector with its
 * weights and positions, identity numbers as digits. Nothing depends on a
 * physical row address.
 */
interface SavedRow {
  table: string;
  row: Record<string, string | null>;
}

/** A foreign key from the live catalog; composite keys keep their columns together. */
interface ForeignKey {
  table: string;
  columns: string[];
  parent: string;
  parentColumns: string[];
  /** pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default. */
  onDelete: string;
}

interface Column {
  name: string;
  type: string;
  /** pg_attribute.attidentity: '' none, 'a' GENERATED ALWAYS, 'd' BY DEFAULT. */
  identity: string;
  generated: boolean;
}

interface TrashRow {
  id: string;
  document_id: string;
  title: string;
  name: string;
  annotation_count: number;
  deleted_at: string;
}

/**
 * Rows that go with a deleted row through a trigger rather than a foreign
 * key (PostgreSQL migration 4, `gloss_standoff_target_deleted`): notes and
 * normalizations name their annotation, event or relation by `target_id`.
 * Restoring leaves them out with their target, as deleting the target on
 * SQLite does.
 */
const TRIGGER_CASCADES: Record<string, readonly { table: string; column: string }[]> = {
  annotations: [
    { table: 'normalizations', column: 'target_id' },
    { table: 'standoff_notes', column: 'target_id' },
  ],
  events: [
    { table: 'normalizations', column: 'target_id' },
    { table: 'standoff_notes', column: 'target_id' },
  ],
  relations: [
    { table: 'normalizations', column: 'target_id' },
    { table: 'standoff_notes', column: 'target_id' },
  ],
};

/**
 * The trash on PostgreSQL: the counterpart of the SQLite engine's
 * TrashStore. Deleting a document saves every row the deletion removes,
 * found by following the ON DELETE CASCADE foreign keys of the live catalog
 * (so tables added later are covered; a composite key is followed as one,
 * so only the document's own rows are saved), then deletes it.
 *
 * PostgreSQL checks foreign keys at once, not at commit as SQLite's restore
 * has them, so restoring first works out which saved rows point at something
 * gone meanwhile (a proposition, a label, a collection): those are left out
 * and counted per table, and what would go with them on the database (ON
 * DELETE CASCADE, the standoff trigger) is left out uncounted. The broken
 * rows are taken parents first, so a row broken on its own whose parent is
 * left out too counts once, with the parent; SQLite's count of such a row
 * depends on the order its foreign-key check walks its tables. The rest go
 * in parents first, under their ids and, when still free, their old `seq`
 * (the library's order). The caller runs trashDocument and restore in a
 * transaction.
 */
export class PgTrashStore implements Async<TrashStore> {
  private foreignKeys: ForeignKey[] | undefined;
  private readonly columnCache = new Map<string, Column[]>();

  constructor(private readonly db: Queryable) {}

  async list(): Promise<TrashEntry[]> {
    return (await rows<TrashRow>(this.db, 'SELECT id, document_id, title, name, annotation_count, deleted_at FROM trash ORDER BY deleted_at DESC, seq DESC')).map(toEntry);
  }

  /** Moves a document to the trash; the caller runs it in a transaction. Returns the trash entry. */
  async trashDocument(documentId: string): Promise<TrashEntry> {
    const doc = await row<{ title: string; name: string }>(this.db, 'SELECT title, name FROM documents WHERE id = $1', [documentId]);
    if (!doc) throw new GlossError('not_found', `no document with id ${documentId}`);
    const saved = await this.collect(documentId);
    const annotationCount = saved.filter((r) => r.table === 'annotations').length;
    const entry: TrashRow = { id: randomUUID(), document_id: documentId, title: doc.title, name: doc.name, annotation_count: annotationCount, deleted_at: nowIso() };
    await exec(this.db, 'INSERT INTO trash (id, document_id, title, name, annotation_count, deleted_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      entry.id,
      entry.document_id,
      entry.title,
      entry.name,
      entry.annotation_count,
      entry.deleted_at,
      JSON.stringify(saved),
    ]);
    await exec(this.db, 'DELETE FROM documents WHERE id = $1', [documentId]);
    return toEntry(entry);
  }

  /** Restores a trashed document; the caller runs it in a transaction. */
  async restore(id: string): Promise<{ documentId: string; dropped: Record<string, number> }> {
    const entry = await row<{ document_id: string; payload: string }>(this.db, 'SELECT document_id, payload FROM trash WHERE id = $1', [id]);
    if (!entry) throw new GlossError('not_found', `nothing in the trash with id ${id} (it may have been restored or emptied already)`);
    if (await row(this.db, 'SELECT 1 FROM documents WHERE id = $1', [entry.document_id])) {
      throw new GlossError('conflict', `the document ${entry.document_id} is already in the project`);
    }
    const saved = JSON.parse(entry.payload) as SavedRow[];
    const { alive, dropped } = await this.plan(saved);
    await this.insertAll(saved.filter((r) => alive.has(r)));
    await exec(this.db, 'DELETE FROM trash WHERE id = $1', [id]);
    return { documentId: entry.document_id, dropped };
  }

  /** Deletes one trashed document for good, or all of them. */
  async purge(id?: string): Promise<number> {
    if (id === undefined) return exec(this.db, 'DELETE FROM trash');
    const n = await exec(this.db, 'DELETE FROM trash WHERE id = $1', [id]);
    if (!n) throw new GlossError('not_found', `nothing in the trash with id ${id}`);
    return n;
  }

  /** The document's row, then every row that cascades from it, parents before their children. */
  private async collect(documentId: string): Promise<SavedRow[]> {
    const out: SavedRow[] = [];
    const seen = new Set<string>();
    const fks = await this.keys();
    const visit = async (table: string, columns: readonly string[], keys: readonly (readonly (string | null)[])[]): Promise<void> => {
      if (!keys.length) return;
      const cols = await this.columns(table);
      const types = columns.map((c) => cols.find((x) => x.name === c)!.type);
      const select = cols.filter((c) => !c.generated).map((c) => `${quoteIdent(c.name)}::text AS ${quoteIdent(c.name)}`);
      const found = await rows<Record<string, string | null>>(
        this.db,
        `SELECT ctid::text AS "__ctid", ${select.join(', ')} FROM ${quoteIdent(table)}
         WHERE (${columns.map(quoteIdent).join(', ')}) IN (SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]::${types[i]}[]`).join(', ')}))`,
        columns.map((_, i) => keys.map((k) => k[i])),
      );
      const fresh: Record<string, string | null>[] = [];
      for (const { __ctid, ...r } of found) {
        if (seen.has(`${table}\u0000${__ctid}`)) continue;
        seen.add(`${table}\u0000${__ctid}`);
        fresh.push(r);
        out.push({ table, row: r });
      }
      for (const fk of fks) {
        if (fk.parent !== table || fk.onDelete !== 'c') continue;
        await visit(fk.table, fk.columns, distinct(fresh.map((r) => fk.parentColumns.map((c) => r[c] ?? null)).filter((k) => k.every((v) => v !== null))));
      }
    };
    await visit('documents', ['id'], [[documentId]]);
    return out;
  }

  /**
   * Which saved rows can go back: a row whose foreign key names a row that is
   * neither in the project nor among the saved rows is left out and counted,
   * and what cascades from it goes with it uncounted (a row the deletion
   * would only set null or to its default comes back so), as SQLite's
   * restore does by deleting what its foreign-key check finds at the end.
   */
  private async plan(saved: readonly SavedRow[]): Promise<{ alive: Set<SavedRow>; dropped: Record<string, number> }> {
    const fks = await this.keys();
    const alive = new Set(saved);
    const dropped: Record<string, number> = {};
    const keyOf = (r: SavedRow, columns: readonly string[]): string | null => {
      const values = columns.map((c) => r.row[c] ?? null);
      return values.some((v) => v === null) ? null : JSON.stringify(values);
    };
    // The saved rows by each key a foreign key refers to.
    const index = new Map<string, Map<string, SavedRow[]>>();
    const byKey = (table: string, columns: readonly string[]): Map<string, SavedRow[]> => {
      const name = `${table}\u0000${columns.join('\u0000')}`;
      let m = index.get(name);
      if (!m) {
        m = new Map();
        for (const r of saved) {
          if (r.table !== table) continue;
          const k = keyOf(r, columns);
          if (k === null) continue;
          const list = m.get(k);
          if (list) list.push(r);
          else m.set(k, [r]);
        }
        index.set(name, m);
      }
      return m;
    };
    // The targets outside the saved rows: which of them the project still has.
    const existing = new Set<string>();
    for (const fk of fks) {
      const wanted = distinct(
        saved
          .filter((r) => r.table === fk.table)
          .map((r) => keyOf(r, fk.columns))
          .filter((k): k is string => k !== null && !byKey(fk.parent, fk.parentColumns).has(k))
          .map((k) => JSON.parse(k) as string[]),
      );
      if (!wanted.length) continue;
      const cols = await this.columns(fk.parent);
      const types = fk.parentColumns.map((c) => cols.find((x) => x.name === c)!.type);
      const found = await rows<{ k: string[] }>(
        this.db,
        `SELECT ARRAY[${fk.parentColumns.map((c) => `${quoteIdent(c)}::text`).join(', ')}] AS k FROM ${quoteIdent(fk.parent)}
         WHERE (${fk.parentColumns.map(quoteIdent).join(', ')}) IN (SELECT * FROM unnest(${fk.parentColumns.map((_, i) => `$${i + 1}::text[]::${types[i]}[]`).join(', ')}))`,
        fk.parentColumns.map((_, i) => wanted.map((k) => k[i])),
      );
      for (const f of found) existing.add(`${fk.parent}\u0000${fk.parentColumns.join('\u0000')}\u0000${JSON.stringify(f.k)}`);
    }
    const satisfied = (r: SavedRow, fk: ForeignKey): boolean => {
      const k = keyOf(r, fk.columns);
      if (k === null) return true;
      if (byKey(fk.parent, fk.parentColumns).get(k)?.some((p) => alive.has(p))) return true;
      return existing.has(`${fk.parent}\u0000${fk.parentColumns.join('\u0000')}\u0000${k}`);
    };
    // Leaving a row out takes with it what its deletion would take on the database.
    const leaveOut = (r: SavedRow): void => {
      if (!alive.delete(r)) return;
      for (const fk of fks) {
        if (fk.parent !== r.table) continue;
        const k = keyOf(r, fk.parentColumns);
        if (k === null) continue;
        // The index was built before any column was nulled: each child is checked again.
        for (const child of byKey(fk.table, fk.columns).get(k) ?? []) {
          if (!alive.has(child) || keyOf(child, fk.columns) !== k) continue;
          if (fk.onDelete === 'c') leaveOut(child);
          else if (fk.onDelete === 'n') for (const c of fk.columns) child.row[c] = null;
          // Set default: the column is left out of the insert, so that its default applies.
          else if (fk.onDelete === 'd') for (const c of fk.columns) delete child.row[c];
          // No action or restrict: the child is itself broken now, and counted in the next round.
        }
      }
      for (const t of TRIGGER_CASCADES[r.table] ?? []) {
        for (const child of byKey(t.table, [t.column]).get(JSON.stringify([r.row.id ?? null])) ?? []) leaveOut(child);
      }
    };
    const depth = this.depths(saved, fks);
    for (let round = 0; round < 16; round++) {
      const broken = saved.filter((r) => alive.has(r) && fks.some((fk) => fk.table === r.table && !satisfied(r, fk)));
      if (!broken.length) break;
      // Parents first: a row that goes with its broken parent is not counted on its own.
      broken.sort((a, b) => depth.get(a.table)! - depth.get(b.table)!);
      for (const b of broken) {
        if (!alive.has(b)) continue;
        if (b.table === 'documents') throw new GlossError('conflict', 'the document cannot be restored');
        leaveOut(b);
        dropped[b.table] = (dropped[b.table] ?? 0) + 1;
      }
    }
    return { alive, dropped };
  }

  /** Each saved table's distance from `documents` along the foreign keys between saved tables. */
  private depths(saved: readonly SavedRow[], fks: readonly ForeignKey[]): Map<string, number> {
    const tables = new Set(saved.map((r) => r.table));
    const depth = new Map<string, number>([...tables].map((t) => [t, 0]));
    for (let i = 0; i < tables.size; i++) {
      for (const fk of fks) {
        if (fk.table === fk.parent || !tables.has(fk.table) || !tables.has(fk.parent)) continue;
        depth.set(fk.table, Math.max(depth.get(fk.table)!, depth.get(fk.parent)! + 1));
      }
    }
    return depth;
  }

  /** Inserts the rows, each after the saved rows it refers to; identity values kept where still free. */
  private async insertAll(restore: readonly SavedRow[]): Promise<void> {
    const fks = await this.keys();
    const depth = this.depths(restore, fks);
    const ordered = restore.map((r, i) => ({ r, i })).sort((a, b) => depth.get(a.r.table)! - depth.get(b.r.table)! || a.i - b.i);
    // Identity values already taken (by rows added since), per table and column.
    const taken = new Map<string, Set<string>>();
    for (const table of new Set(restore.map((r) => r.table))) {
      for (const c of (await this.columns(table)).filter((x) => x.identity)) {
        const values = restore.filter((r) => r.table === table && r.row[c.name] != null).map((r) => r.row[c.name]!);
        const found = await rows<{ v: string }>(this.db, `SELECT ${quoteIdent(c.name)}::text AS v FROM ${quoteIdent(table)} WHERE ${quoteIdent(c.name)} = ANY($1::text[]::${c.type}[])`, [values]);
        taken.set(`${table}\u0000${c.name}`, new Set(found.map((f) => f.v)));
      }
    }
    const kept = new Set<string>();
    // Consecutive rows of one table with the same columns go in one statement (within PostgreSQL's 65,535 parameters).
    let batch: { table: string; names: string[]; overriding: boolean; values: (string | null)[][] } | undefined;
    const flush = async (): Promise<void> => {
      if (!batch) return;
      const { table, names, overriding, values } = batch;
      batch = undefined;
      const tuples = values.map((v, i) => `(${v.map((_, j) => `$${i * names.length + j + 1}`).join(', ')})`);
      await exec(this.db, `INSERT INTO ${quoteIdent(table)} (${names.join(', ')}) ${overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES ${tuples.join(', ')}`, values.flat());
    };
    for (const { r } of ordered) {
      const cols = await this.columns(r.table);
      const names: string[] = [];
      const values: (string | null)[] = [];
      let overriding = false;
      for (const c of cols) {
        if (c.generated || !(c.name in r.row)) continue;
        const v = r.row[c.name] ?? null;
        if (c.identity) {
          // A taken (or missing) number: the identity gives a new one, after everything else.
          if (v === null || taken.get(`${r.table}\u0000${c.name}`)!.has(v)) continue;
          overriding = true;
          kept.add(`${r.table}\u0000${c.name}`);
        }
        names.push(quoteIdent(c.name));
        values.push(v);
      }
      const same = batch && batch.table === r.table && batch.overriding === overriding && batch.names.join() === names.join() && (batch.values.length + 1) * names.length <= 65_535;
      if (!same) await flush();
      if (batch) batch.values.push(values);
      else batch = { table: r.table, names, overriding, values: [values] };
    }
    await flush();
    // A kept number past the sequence (a payload older than a reset) must not meet a later plain insert.
    for (const k of kept) {
      const [table, column] = k.split('\u0000') as [string, string];
      const top = await row<{ s: string | null; m: string | null }>(this.db, `SELECT pg_get_serial_sequence($1, $2) AS s, (SELECT max(${quoteIdent(column)}) FROM ${quoteIdent(table)})::text AS m`, [quoteIdent(table), column]);
      if (!top?.s || top.m === null) continue;
      await exec(this.db, `SELECT setval($1::regclass, $2::bigint) WHERE $2::bigint > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${top.s})`, [top.s, top.m]);
    }
  }

  /** Every foreign key of the project's schema, read from the catalog once per instance. */
  private async keys(): Promise<ForeignKey[]> {
    if (!this.foreignKeys) {
      const found = await rows<{ child: string; parent: string; columns: string[]; parent_columns: string[]; on_delete: string }>(
        this.db,
        `SELECT ch.relname::text AS child, pa.relname::text AS parent, c.confdeltype::text AS on_delete,
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
                ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
         FROM pg_constraint c JOIN pg_class ch ON ch.oid = c.conrelid JOIN pg_class pa ON pa.oid = c.confrelid
         WHERE c.contype = 'f' AND ch.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
         ORDER BY ch.relname, c.conname`,
      );
      this.foreignKeys = found.map((f) => ({ table: f.child, columns: f.columns, parent: f.parent, parentColumns: f.parent_columns, onDelete: f.on_delete }));
    }
    return this.foreignKeys;
  }

  /** A table's columns with their types, identity and generation, read from the catalog once per instance. */
  private async columns(table: string): Promise<Column[]> {
    let cols = this.columnCache.get(table);
    if (!cols) {
      const found = await rows<{ name: string; type: string; identity: string; generated: string }>(
        this.db,
        `SELECT a.attname::text AS name, format_type(a.atttypid, NULL) AS type, a.attidentity::text AS identity, a.attgenerated::text AS generated
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [quoteIdent(table)],
      );
      cols = found.map((c) => ({ name: c.name, type: c.type, identity: c.identity, generated: c.generated !== '' }));
      this.columnCache.set(table, cols);
    }
    return cols;
  }
}

function toEntry(r: TrashRow): TrashEntry {
  return { id: r.id, documentId: r.document_id, title: r.title, name: r.name, annotationCount: r.annotation_count, deletedAt: r.deleted_at };
}

/** The distinct keys of a list (compared by value). */
function distinct<T>(keys: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const k of keys) seen.set(JSON.stringify(k), k);
  return [...seen.values()];
}
