import { GlossError, type AnchorStatus, type Block, type DocumentVersion, type DocumentVersionText, type TextRange } from '../../../../shared/index.ts';
import { parseJson } from '../json.ts';
import type { Async } from '../repository.ts';
import type { AnchorRecord, NewVersion, VersionRow, VersionStore } from '../versions.ts';
import type { Queryable } from './documents.ts';
import { isPgError, UNIQUE_VIOLATION } from './query.ts';

/** Documents' text versions and re-anchoring records on PostgreSQL: the counterpart of the SQLite engine's VersionStore. */
export class PgVersionStore implements Async<VersionStore> {
  constructor(private readonly db: Queryable) {}

  async list(documentId: string): Promise<Omit<DocumentVersion, 'current'>[]> {
    const { rows } = await this.db.query<VersionRow>(
      `SELECT document_id, version, title, summary, annotator, source, created_at, length(text) AS length
       FROM document_versions WHERE document_id = $1 ORDER BY version`,
      [documentId],
    );
    return rows.map((r) => ({ documentId: r.document_id, version: r.version, title: r.title, summary: r.summary, annotator: r.annotator, source: r.source, createdAt: r.created_at, length: r.length }));
  }

  async latest(documentId: string): Promise<number> {
    const { rows } = await this.db.query<{ v: number | null }>('SELECT max(version) AS v FROM document_versions WHERE document_id = $1', [documentId]);
    return rows[0]?.v ?? 0;
  }

  async get(documentId: string, version: number): Promise<Omit<DocumentVersionText, 'current'> | undefined> {
    const { rows } = await this.db.query<VersionRow & { text: string; blocks: string }>(
      `SELECT document_id, version, title, summary, annotator, source, created_at, length(text) AS length, text, blocks
       FROM document_versions WHERE document_id = $1 AND version = $2`,
      [documentId, version],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      documentId: row.document_id, version: row.version, title: row.title, summary: row.summary, annotator: row.annotator,
      source: row.source, createdAt: row.created_at, length: row.length, text: row.text, blocks: parseJson<Block[]>(row.blocks),
    };
  }

  async insert(v: NewVersion): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO document_versions (document_id, version, title, text, blocks, summary, annotator, source, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [v.documentId, v.version, v.title, v.text, JSON.stringify(v.blocks), v.summary, v.annotator, v.source, v.createdAt],
      );
    } catch (err) {
      if (isPgError(err, UNIQUE_VIOLATION)) throw new GlossError('conflict', `document ${v.documentId} already has a version ${v.version}`);
      throw err;
    }
  }

  async recordAnchors(documentId: string, version: number, records: readonly AnchorRecord[]): Promise<void> {
    if (!records.length) return;
    // One statement for the whole update, its rows in the records' order (seq keeps it).
    await this.db.query(
      `INSERT INTO annotation_anchors (annotation_id, document_id, version, status, old_ranges, new_ranges, old_quote, new_quote)
       SELECT a, $1, $2, s, o, n, oq, nq FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS r(a, s, o, n, oq, nq, i) ORDER BY i`,
      [
        documentId,
        version,
        records.map((r) => r.annotationId),
        records.map((r) => r.status),
        records.map((r) => JSON.stringify(r.oldRanges)),
        records.map((r) => (r.newRanges ? JSON.stringify(r.newRanges) : null)),
        records.map((r) => r.oldQuote),
        records.map((r) => r.newQuote),
      ],
    );
  }

  async anchors(documentId: string, version: number): Promise<AnchorRecord[]> {
    const { rows } = await this.db.query<{ annotation_id: string; status: AnchorStatus; old_ranges: string; new_ranges: string | null; old_quote: string; new_quote: string | null }>(
      'SELECT annotation_id, status, old_ranges, new_ranges, old_quote, new_quote FROM annotation_anchors WHERE document_id = $1 AND version = $2 ORDER BY seq',
      [documentId, version],
    );
    return rows.map((r) => ({
      annotationId: r.annotation_id,
      status: r.status,
      oldRanges: parseJson<TextRange[]>(r.old_ranges),
      newRanges: r.new_ranges === null ? null : parseJson<TextRange[]>(r.new_ranges),
      oldQuote: r.old_quote,
      newQuote: r.new_quote,
    }));
  }

  async lastReviewRecord(annotationId: string): Promise<{ version: number; oldQuote: string } | undefined> {
    const { rows } = await this.db.query<{ version: number; old_quote: string }>(
      `SELECT version, old_quote FROM annotation_anchors WHERE annotation_id = $1 AND status IN ('changed', 'orphaned') ORDER BY version DESC LIMIT 1`,
      [annotationId],
    );
    return rows[0] ? { version: rows[0].version, oldQuote: rows[0].old_quote } : undefined;
  }
}
