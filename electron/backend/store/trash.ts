import { randomUUID } from 'node:crypto';
import { GlossError, type TrashEntry } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { nowIso } from './json.ts';
import { quoteIdent } from './sql-quote.ts';

/** One stored row: its table, its rowid and its columns (BLOBs as `{$base64}`). */
interface SavedRow {
  table: string;
  /** Null for WITHOUT ROWID tables. */
  rowid: number | null;
  row: Record<string, unknown>;
}

interface ChildKey {
  table: string;
  /** The child's columns and the parent's columns they reference, in order (several for a composite key). */
  from: string[];
  to: string[];
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
 * The trash: deleting a document saves every row that the deletion removes
 * (found by following the schema's ON DELETE CASCADE foreign keys from
 * `documents`, so tables added later are covered without changes here) and
 * then deletes it. Restoring inserts the rows again under their ids, with
 * foreign keys checked at the end: rows whose targets have gone since (a
 * proposition deleted meanwhile) are left out and counted.
 */
export class TrashStore {
  private cascades: Map<string, ChildKey[]> | undefined;

  constructor(private readonly db: Db) {}

  list(): TrashEntry[] {
    return (this.db.prepare('SELECT id, document_id, title, name, annotation_count, deleted_at FROM trash ORDER BY deleted_at DESC, rowid DESC').all() as TrashRow[]).map(toEntry);
  }

  /** Moves a document to the trash; the caller runs it in a transaction. Returns the trash entry. */
  trashDocument(documentId: string): TrashEntry {
    const doc = this.db.prepare('SELECT title, name FROM documents WHERE id = ?').get(documentId) as { title: string; name: string } | undefined;
    if (!doc) throw new GlossError('not_found', `no document with id ${documentId}`);
    const rows = this.collect('documents', ['id'], [[documentId]]);
    const annotationCount = rows.filter((r) => r.table === 'annotations').length;
    const entry: TrashRow = { id: randomUUID(), document_id: documentId, title: doc.title, name: doc.name, annotation_count: annotationCount, deleted_at: nowIso() };
    this.db
      .prepare('INSERT INTO trash (id, document_id, title, name, annotation_count, deleted_at, payload) VALUES (@id, @document_id, @title, @name, @annotation_count, @deleted_at, @payload)')
      .run({ ...entry, payload: JSON.stringify(rows, blobReplacer) });
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
    return toEntry(entry);
  }

  /** Restores a trashed document; the caller runs it in a transaction. */
  restore(id: string): { documentId: string; dropped: Record<string, number> } {
    const entry = this.db.prepare('SELECT document_id, payload FROM trash WHERE id = ?').get(id) as { document_id: string; payload: string } | undefined;
    if (!entry) throw new GlossError('not_found', `nothing in the trash with id ${id} (it may have been restored or emptied already)`);
    if (this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(entry.document_id)) {
      throw new GlossError('conflict', `the document ${entry.document_id} is already in the project`);
    }
    const rows = JSON.parse(entry.payload, blobReviver) as SavedRow[];
    // Checked at commit: rows go in parent-first, but a row may name one restored later.
    this.db.pragma('defer_foreign_keys = ON');
    for (const r of rows) {
      const columns = Object.keys(r.row);
      // The old rowid when it is free (documents_fts and library order follow it), else a new one.
      const keep = r.rowid !== null && !this.db.prepare(`SELECT 1 FROM "${r.table}" WHERE rowid = ?`).get(r.rowid);
      const names = keep ? ['rowid', ...columns] : columns;
      const values = keep ? [r.rowid, ...columns.map((c) => r.row[c])] : columns.map((c) => r.row[c]);
      this.db.prepare(`INSERT INTO "${r.table}" (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...(values as never[]));
    }
    const dropped: Record<string, number> = {};
    // Rows whose target is gone: remove them (and, by cascade, what hangs on them) until none is left.
    for (let round = 0; round < 16; round++) {
      const broken = this.db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
      if (!broken.length) break;
      for (const b of broken) {
        if (b.table === 'documents') throw new GlossError('conflict', 'the document cannot be restored');
        // foreign_key_check names WITHOUT ROWID tables' rows by null: those are matched by their foreign key instead.
        const info = b.rowid === null ? this.deleteOrphans(b.table, b.parent) : this.db.prepare(`DELETE FROM "${b.table}" WHERE rowid = ?`).run(b.rowid);
        if (info.changes) dropped[b.table] = (dropped[b.table] ?? 0) + 1;
      }
    }
    this.db.prepare('DELETE FROM trash WHERE id = ?').run(id);
    return { documentId: entry.document_id, dropped };
  }

  /** Deletes one trashed document for good, or all of them. */
  purge(id?: string): number {
    if (id === undefined) return this.db.prepare('DELETE FROM trash').run().changes;
    const n = this.db.prepare('DELETE FROM trash WHERE id = ?').run(id).changes;
    if (!n) throw new GlossError('not_found', `nothing in the trash with id ${id}`);
    return n;
  }

  /**
   * The rows of `table` whose `columns` hold one of the `keys` (tuples, one
   * value per column), then every row that cascades from them, parents
   * first. A composite foreign key is matched as a whole: matching its
   * columns one by one would take other documents' rows that share a value.
   */
  private collect(table: string, columns: string[], keys: readonly unknown[][]): SavedRow[] {
    const out: SavedRow[] = [];
    const seen = new Set<string>();
    const visit = (t: string, cols: string[], tuples: readonly unknown[][]): void => {
      if (!tuples.length) return;
      const found: Record<string, unknown>[] = [];
      const per = Math.max(1, Math.floor(500 / cols.length));
      for (let i = 0; i < tuples.length; i += per) {
        const chunk = tuples.slice(i, i + per);
        const rowid = this.hasRowid(t) ? 'rowid' : 'NULL';
        const where =
          cols.length === 1
            ? `${quoteIdent(cols[0]!)} IN (${chunk.map(() => '?').join(',')})`
            : `(${cols.map(quoteIdent).join(', ')}) IN (VALUES ${chunk.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')})`;
        found.push(...(this.db.prepare(`SELECT ${rowid} AS "__rowid", * FROM "${t}" WHERE ${where}`).all(...(chunk.flat() as never[])) as Record<string, unknown>[]));
      }
      const fresh = found.filter((r) => {
        const key = r.__rowid === null ? `${t}\u0000${JSON.stringify(r)}` : `${t}\u0000${String(r.__rowid)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      for (const r of fresh) {
        const { __rowid, ...row } = r;
        out.push({ table: t, rowid: __rowid === null ? null : Number(__rowid), row });
      }
      for (const child of this.children(t)) {
        const distinct = new Map<string, unknown[]>();
        for (const r of fresh) {
          const tuple = child.to.map((c) => r[c]);
          if (tuple.some((v) => v === null || v === undefined)) continue;
          distinct.set(JSON.stringify(tuple), tuple);
        }
        visit(child.table, child.from, [...distinct.values()]);
      }
    };
    visit(table, columns, keys);
    return out;
  }

  private readonly rowidTables = new Map<string, boolean>();

  private hasRowid(table: string): boolean {
    let has = this.rowidTables.get(table);
    if (has === undefined) {
      try {
        this.db.prepare(`SELECT rowid FROM "${table}" LIMIT 0`).all();
        has = true;
      } catch {
        has = false;
      }
      this.rowidTables.set(table, has);
    }
    return has;
  }

  /** Deletes the rows of a WITHOUT ROWID table whose foreign keys into `parent` point nowhere. */
  private deleteOrphans(table: string, parent: string): { changes: number } {
    const keys = (this.db.pragma(`foreign_key_list("${table}")`) as { table: string; from: string; to: string | null }[]).filter((k) => k.table === parent);
    let changes = 0;
    for (const k of keys) {
      changes += this.db.prepare(`DELETE FROM "${table}" WHERE ${quoteIdent(k.from)} IS NOT NULL AND ${quoteIdent(k.from)} NOT IN (SELECT ${quoteIdent(k.to ?? 'id')} FROM "${parent}")`).run().changes;
    }
    return { changes };
  }

  /** Tables whose rows are deleted with a row of `table` (ON DELETE CASCADE), read from the schema once. */
  private children(table: string): ChildKey[] {
    if (!this.cascades) {
      this.cascades = new Map();
      const tables = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
      for (const t of tables) {
        let keys: { id: number; seq: number; table: string; from: string; to: string | null; on_delete: string }[];
        try {
          keys = this.db.pragma(`foreign_key_list("${t}")`) as typeof keys;
        } catch {
          continue; // virtual tables
        }
        // One entry per key: the rows of a composite key share its id.
        const byKey = new Map<number, typeof keys>();
        for (const k of keys) byKey.set(k.id, [...(byKey.get(k.id) ?? []), k]);
        for (const parts of byKey.values()) {
          const first = parts[0]!;
          if (first.on_delete.toUpperCase() !== 'CASCADE') continue;
          parts.sort((a, b) => a.seq - b.seq);
          const list = this.cascades.get(first.table) ?? [];
          list.push({ table: t, from: parts.map((k) => k.from), to: parts.map((k) => k.to ?? 'id') });
          this.cascades.set(first.table, list);
        }
      }
    }
    return this.cascades.get(table) ?? [];
  }
}

function toEntry(r: TrashRow): TrashEntry {
  return { id: r.id, documentId: r.document_id, title: r.title, name: r.name, annotationCount: r.annotation_count, deletedAt: r.deleted_at };
}

function blobReplacer(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return { $base64: Buffer.from((value as { data: number[] }).data).toString('base64') };
  }
  return value;
}

function blobReviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string') return Buffer.from((value as { $base64: string }).$base64, 'base64');
  return value;
}

