import type { Statement } from 'better-sqlite3';
import type { DocumentStatus, DocumentStatusValue, TeamInfo } from '../../../shared/index.ts';
import type { Db } from './database.ts';

/** Link tables whose rows record who made them, with the column that identifies a row. */
export const MAKER_KEYS = { claim_links: 'id', relations: 'id', annotation_entities: 'annotation_id' } as const;

/** A table of links that records its maker (see {@link TeamStore.recordMaker}). */
export type MakerTable = keyof typeof MAKER_KEYS;

/**
 * Who annotates what: the annotators present in the project, each one's
 * status per document, and who made each link. Statements are prepared on
 * use, so a project on an older prefix of the migrations opens.
 */
export class TeamStore {
  // Raw (array) rows for agreement's per-document reads: prepared once, on first use, in their own mode.
  private spansStmt: Statement | undefined;
  private claimsStmt: Statement | undefined;

  constructor(private readonly db: Db) {}

  /** The spans of a document as `[labelId, ranges JSON, annotator]`, for agreement. */
  spanTuples(documentId: string): [string, string, string][] {
    this.spansStmt ??= this.db.prepare('SELECT label_id, ranges, annotator FROM annotations WHERE document_id = ?').raw();
    return this.spansStmt.all(documentId) as [string, string, string][];
  }

  /** The claim links of a document as `[annotator, propositionId, stance, labelId]`, for agreement. */
  claimTuples(documentId: string): [string, string, string, string][] {
    this.claimsStmt ??= this.db
      .prepare('SELECT c.annotator, c.proposition_id, c.stance, a.label_id FROM claim_links c JOIN annotations a ON a.id = c.annotation_id WHERE a.document_id = ?')
      .raw();
    return this.claimsStmt.all(documentId) as [string, string, string, string][];
  }

  /** Every annotator of annotations in these documents (unsorted, the curated layer included). */
  annotatorsIn(documentIds: readonly string[]): string[] {
    // One query over the annotator index, rather than one per document.
    return this.db
      .prepare('SELECT DISTINCT annotator FROM annotations WHERE document_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(documentIds)) as string[];
  }

  /** How many annotations one annotator has in each document (documents without any are absent). */
  annotationCountsOf(annotator: string): Map<string, number> {
    const rows = this.db.prepare('SELECT document_id, count(*) AS n FROM annotations WHERE annotator = ? GROUP BY document_id').all(annotator) as { document_id: string; n: number }[];
    return new Map(rows.map((r) => [r.document_id, r.n]));
  }

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
