import type { ChangeEntry, ChangeOp } from '../../../shared/index.ts';
import type { Db } from './connection.ts';
import { parseJson } from './json.ts';

/** A change_log row as either engine returns it (PostgreSQL gives its bigints as strings). */
export interface ChangeLogRow {
  id: number | string;
  at: number | string;
  actor: string;
  document_id: string | null;
  kind: string;
  object_id: string;
  op: ChangeOp;
  before: string | null;
  after: string | null;
  via: string | null;
}

export const CHANGE_LOG_COLUMNS = 'id, at, actor, document_id, kind, object_id, op, before, after, via';

/**
 * The change log's reading side (provenance): what was changed, by whom and
 * when, newest first. Rows are written by the triggers of
 * `change-log-triggers.ts`, never by this store.
 */
export class ChangeLogStore {
  constructor(private readonly db: Db) {}

  /** A document's changes older than `cursor` (an entry id; none: the newest), newest first. */
  forDocument(documentId: string, limit: number, cursor?: number): ChangeEntry[] {
    const rows = (
      cursor === undefined
        ? this.db.prepare(`SELECT ${CHANGE_LOG_COLUMNS} FROM change_log WHERE document_id = ? ORDER BY id DESC LIMIT ?`).all(documentId, limit)
        : this.db.prepare(`SELECT ${CHANGE_LOG_COLUMNS} FROM change_log WHERE document_id = ? AND id < ? ORDER BY id DESC LIMIT ?`).all(documentId, cursor, limit)
    ) as ChangeLogRow[];
    return rows.map(toEntry);
  }

  /** Every entry after `afterId`, oldest first (tests and audits: the whole log in commit order). */
  since(afterId = 0): ChangeEntry[] {
    return (this.db.prepare(`SELECT ${CHANGE_LOG_COLUMNS} FROM change_log WHERE id > ? ORDER BY id`).all(afterId) as ChangeLogRow[]).map(toEntry);
  }

  /** The id of the newest entry (0 when none). */
  lastId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number) ?? 0;
  }

  /** The documents the entries after `afterId` belong to; null when one of them is project-wide (a label, an entity...). */
  documentsSince(afterId: number): string[] | null {
    const ids = this.db.prepare('SELECT DISTINCT document_id FROM change_log WHERE id > ? ORDER BY document_id').pluck().all(afterId) as (string | null)[];
    return ids.includes(null) ? null : (ids as string[]);
  }

  /** The text versions of these documents logged after `afterId` (inserted or changed), as `document_id/version` keys. */
  versionsSince(afterId: number, documentIds: readonly string[]): { documentId: string; objectId: string }[] {
    if (!documentIds.length) return [];
    return this.db
      .prepare(`SELECT document_id AS documentId, object_id AS objectId FROM change_log WHERE id > ? AND kind = 'document_version' AND document_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(afterId, JSON.stringify(documentIds)) as { documentId: string; objectId: string }[];
  }

  /** How many entries there are and their total size in bytes (before, after and the fixed columns), for the size report. */
  size(): { entries: number; bytes: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS entries, coalesce(sum(coalesce(length(CAST(before AS BLOB)), 0) + coalesce(length(CAST(after AS BLOB)), 0) + length(CAST(actor AS BLOB)) + length(CAST(kind AS BLOB)) + length(CAST(object_id AS BLOB)) + coalesce(length(CAST(document_id AS BLOB)), 0) + coalesce(length(CAST(via AS BLOB)), 0) + 16), 0) AS bytes FROM change_log`,
      )
      .get() as { entries: number; bytes: number };
  }
}

export function toEntry(r: ChangeLogRow): ChangeEntry {
  return {
    id: Number(r.id),
    at: Number(r.at),
    actor: r.actor,
    documentId: r.document_id,
    kind: r.kind,
    objectId: r.object_id,
    op: r.op,
    before: r.before === null ? null : parseJson<Record<string, unknown>>(r.before),
    after: r.after === null ? null : parseJson<Record<string, unknown>>(r.after),
    via: r.via,
  };
}
