import type { ChangeEntry } from '../../../../shared/index.ts';
import { CHANGE_LOG_COLUMNS, toEntry, type ChangeLogRow, type ChangeLogStore } from '../change-log.ts';
import type { Async } from '../repository.ts';
import type { Queryable } from './documents.ts';

/**
 * The change log's reading side on PostgreSQL (the triggers of
 * change-log-triggers.ts write it). Ids follow commit order as far as the log
 * is read: writers take the engine's advisory lock, so one transaction's
 * entries are numbered after the previous writer's commit.
 */
export class PgChangeLogStore implements Async<ChangeLogStore> {
  constructor(private readonly db: Queryable) {}

  async forDocument(documentId: string, limit: number, cursor?: number): Promise<ChangeEntry[]> {
    const { rows } =
      cursor === undefined
        ? await this.db.query<ChangeLogRow>(`SELECT ${CHANGE_LOG_COLUMNS} FROM change_log WHERE document_id = $1 ORDER BY id DESC LIMIT $2`, [documentId, limit])
        : await this.db.query<ChangeLogRow>(`SELECT ${CHANGE_LOG_COLUMNS} FROM change_log WHERE document_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`, [documentId, cursor, limit]);
    return rows.map(toEntry);
  }

  async since(afterId = 0): Promise<ChangeEntry[]> {
    const { rows } = await this.db.query<ChangeLogRow>(`SELECT ${CHANGE_LOG_COLUMNS} FROM change_log WHERE id > $1 ORDER BY id`, [afterId]);
    return rows.map(toEntry);
  }

  async lastId(): Promise<number> {
    const { rows } = await this.db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM change_log');
    return Number(rows[0]!.id);
  }

  async documentsSince(afterId: number): Promise<string[] | null> {
    const { rows } = await this.db.query<{ document_id: string | null }>('SELECT DISTINCT document_id FROM change_log WHERE id > $1', [afterId]);
    // Sorted here, by code unit as SQLite orders them, not by the database's collation.
    const ids = rows.map((r) => r.document_id).sort();
    return ids.includes(null) ? null : (ids as string[]);
  }

  async versionsSince(afterId: number, documentIds: readonly string[]): Promise<{ documentId: string; objectId: string }[]> {
    if (!documentIds.length) return [];
    const { rows } = await this.db.query<{ documentId: string; objectId: string }>(
      `SELECT document_id AS "documentId", object_id AS "objectId" FROM change_log WHERE id > $1 AND kind = 'document_version' AND document_id = ANY($2::text[]) ORDER BY id`,
      [afterId, [...documentIds]],
    );
    return rows;
  }

  async size(): Promise<{ entries: number; bytes: number }> {
    const { rows } = await this.db.query<{ entries: string; bytes: string }>(
      `SELECT count(*)::text AS entries, coalesce(sum(coalesce(octet_length(before), 0) + coalesce(octet_length(after), 0) + octet_length(actor) + octet_length(kind) + octet_length(object_id) + coalesce(octet_length(document_id), 0) + coalesce(octet_length(via), 0) + 16), 0)::text AS bytes FROM change_log`,
    );
    return { entries: Number(rows[0]!.entries), bytes: Number(rows[0]!.bytes) };
  }
}
