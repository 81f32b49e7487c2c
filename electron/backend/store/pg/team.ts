import type { DocumentStatus, DocumentStatusValue, TeamInfo } from '../../../../shared/index.ts';
import type { Async } from '../repository.ts';
import { MAKER_KEYS, type MakerTable, type TeamStore } from '../team.ts';
import type { Queryable } from './documents.ts';

/** Who annotates what, on PostgreSQL: the counterpart of the SQLite engine's TeamStore. */
export class PgTeamStore implements Async<TeamStore> {
  constructor(private readonly db: Queryable) {}

  async spanTuples(documentId: string): Promise<[string, string, string][]> {
    const { rows } = await this.db.query<[string, string, string]>({ text: 'SELECT label_id, ranges, annotator FROM annotations WHERE document_id = $1', values: [documentId], rowMode: 'array' });
    return rows;
  }

  async claimTuples(documentId: string): Promise<[string, string, string, string][]> {
    const { rows } = await this.db.query<[string, string, string, string]>({
      text: 'SELECT c.annotator, c.proposition_id, c.stance, a.label_id FROM claim_links c JOIN annotations a ON a.id = c.annotation_id WHERE a.document_id = $1',
      values: [documentId],
      rowMode: 'array',
    });
    return rows;
  }

  async annotatorsIn(documentIds: readonly string[]): Promise<string[]> {
    const { rows } = await this.db.query<{ annotator: string }>('SELECT DISTINCT annotator FROM annotations WHERE document_id = ANY($1)', [documentIds]);
    return rows.map((r) => r.annotator);
  }

  async annotationCountsOf(annotator: string): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ document_id: string; n: number }>('SELECT document_id, count(*)::int AS n FROM annotations WHERE annotator = $1 GROUP BY document_id', [annotator]);
    return new Map(rows.map((r) => [r.document_id, r.n]));
  }

  async annotators(): Promise<TeamInfo['annotators']> {
    // Ordered by code point, as SQLite's BINARY collation orders.
    const { rows } = await this.db.query<{ name: string; annotations: number }>(
      'SELECT annotator AS name, count(*)::int AS annotations FROM annotations GROUP BY annotator ORDER BY annotator COLLATE "C"',
    );
    return rows;
  }

  async statuses(): Promise<DocumentStatus[]> {
    const { rows } = await this.db.query<{ document_id: string; annotator: string; status: DocumentStatusValue }>(
      'SELECT document_id, annotator, status FROM document_status ORDER BY annotator COLLATE "C", document_id COLLATE "C"',
    );
    return rows.map((r) => ({ documentId: r.document_id, annotator: r.annotator, status: r.status }));
  }

  async statusOf(documentId: string, annotator: string): Promise<DocumentStatusValue | undefined> {
    const { rows } = await this.db.query<{ status: DocumentStatusValue }>('SELECT status FROM document_status WHERE document_id = $1 AND annotator = $2', [documentId, annotator]);
    return rows[0]?.status;
  }

  async putStatus(documentId: string, annotator: string, status: Exclude<DocumentStatusValue, 'not_started'>, modifiedAt: string): Promise<void> {
    await this.db.query(
      `INSERT INTO document_status (document_id, annotator, status, modified_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (document_id, annotator) DO UPDATE SET status = excluded.status, modified_at = excluded.modified_at`,
      [documentId, annotator, status, modifiedAt],
    );
  }

  async clearStatus(documentId: string, annotator: string): Promise<void> {
    await this.db.query('DELETE FROM document_status WHERE document_id = $1 AND annotator = $2', [documentId, annotator]);
  }

  async recordMaker(table: MakerTable, ids: readonly string[], annotator: string): Promise<void> {
    // The table and key come from MAKER_KEYS, never from a caller's string.
    await this.db.query(`UPDATE ${table} SET annotator = $1 WHERE ${MAKER_KEYS[table]} = ANY($2)`, [annotator, ids]);
  }
}
