import type { DocumentStatus, DocumentStatusValue, TeamInfo } from '../../../shared/index.ts';
import type { Db } from './database.ts';

/** Link tables whose rows record who made them, with the column that identifies a row. */
const MAKER_KEYS = { claim_links: 'id', relations: 'id', annotation_entities: 'annotation_id' } as const;

/** A table of links that records its maker (see {@link TeamStore.recordMaker}). */
export type MakerTable = keyof typeof MAKER_KEYS;

/**
 * Who annotates what: the annotators present in the project, each one's
 * status per document, and who made each link. Statements are prepared on
 * use, so a project on an older prefix of the migrations opens.
 */
export class TeamStore {
  constructor(private readonly db: Db) {}

  /** Every annotator with annotations and how many, by name. */
  annotators(): TeamInfo['annotators'] {
    return this.db.prepare('SELECT annotator AS name, count(*) AS annotations FROM annotations GROUP BY annotator ORDER BY annotator').all() as TeamInfo['annotators'];
  }

  /** Every status row, by annotator then document (not started has no row). */
  statuses(): DocumentStatus[] {
    const rows = this.db.prepare('SELECT document_id, annotator, status FROM document_status ORDER BY annotator, document_id').all() as { document_id: string; annotator: string; status: DocumentStatusValue }[];
    return rows.map((r) => ({ documentId: r.document_id, annotator: r.annotator, status: r.status }));
  }

  /** An annotator's stored status on a document; undefined when not started. */
  statusOf(documentId: string, annotator: string): DocumentStatusValue | undefined {
    return this.db.prepare('SELECT status FROM document_status WHERE document_id = ? AND annotator = ?').pluck().get(documentId, annotator) as DocumentStatusValue | undefined;
  }

  /** Stores an annotator's status on a document, replacing the one before. */
  putStatus(documentId: string, annotator: string, status: Exclude<DocumentStatusValue, 'not_started'>, modifiedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO document_status (document_id, annotator, status, modified_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(document_id, annotator) DO UPDATE SET status = excluded.status, modified_at = excluded.modified_at`,
      )
      .run(documentId, annotator, status, modifiedAt);
  }

  /** Forgets an annotator's status on a document (back to not started). */
  clearStatus(documentId: string, annotator: string): void {
    this.db.prepare('DELETE FROM document_status WHERE document_id = ? AND annotator = ?').run(documentId, annotator);
  }

  /** Records `annotator` as the maker of these links of `table`. */
  recordMaker(table: MakerTable, ids: readonly string[], annotator: string): void {
    const stmt = this.db.prepare(`UPDATE ${table} SET annotator = ? WHERE ${MAKER_KEYS[table]} = ?`);
    for (const id of ids) stmt.run(annotator, id);
  }
}
