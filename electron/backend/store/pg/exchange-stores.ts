import type { SuggestionRange } from '../../../../shared/index.ts';
import type { ImportMatchStore } from '../import-matches.ts';
import { nowIso } from '../json.ts';
import type { Async } from '../repository.ts';
import { toMap, type SourceId, type SourceIdRow, type SourceIdStore } from '../source-ids.ts';
import { rejectionKey, type RejectionRow, type SuggestionRejectionStore } from '../suggestion-rejections.ts';
import type { Queryable } from './documents.ts';

// The small stores imports, exports and suggestion review use, on PostgreSQL.
// Where SQLite returns rows in the order of the index it reads (its primary
// key, or rowid), the queries here say that order.

/** Rejected suggestions: the counterpart of the SQLite engine's SuggestionRejectionStore. */
export class PgSuggestionRejectionStore implements Async<SuggestionRejectionStore> {
  constructor(private readonly db: Queryable) {}

  async add(r: SuggestionRange, quote: string): Promise<void> {
    await this.db.query(
      `INSERT INTO suggestion_rejections (document_id, label_id, start_offset, end_offset, quote, rejected_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [r.documentId, r.labelId, r.start, r.end, quote, nowIso()],
    );
  }

  async remove(r: SuggestionRange): Promise<boolean> {
    const res = await this.db.query('DELETE FROM suggestion_rejections WHERE document_id = $1 AND label_id = $2 AND start_offset = $3 AND end_offset = $4', [r.documentId, r.labelId, r.start, r.end]);
    return (res.rowCount ?? 0) > 0;
  }

  async keysOf(documentId: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ label_id: string; start_offset: number; end_offset: number }>('SELECT label_id, start_offset, end_offset FROM suggestion_rejections WHERE document_id = $1', [documentId]);
    return new Set(rows.map((r) => rejectionKey(r.label_id, r.start_offset, r.end_offset)));
  }

  /** In the primary key's order, as SQLite stores this table (WITHOUT ROWID). */
  async listOf(documentId: string): Promise<RejectionRow[]> {
    const { rows } = await this.db.query<{ label_id: string; start_offset: number; end_offset: number; quote: string; rejected_at: string }>(
      'SELECT label_id, start_offset, end_offset, quote, rejected_at FROM suggestion_rejections WHERE document_id = $1 ORDER BY label_id COLLATE "C", start_offset, end_offset',
      [documentId],
    );
    return rows.map((r) => ({ labelId: r.label_id, start: r.start_offset, end: r.end_offset, quote: r.quote, rejectedAt: r.rejected_at }));
  }

  async replaceAll(documentId: string, rows: readonly RejectionRow[]): Promise<void> {
    await this.db.query('DELETE FROM suggestion_rejections WHERE document_id = $1', [documentId]);
    if (!rows.length) return;
    await this.db.query(
      `INSERT INTO suggestion_rejections (document_id, label_id, start_offset, end_offset, quote, rejected_at)
       SELECT $1, l, s, e, q, t FROM unnest($2::text[], $3::int[], $4::int[], $5::text[], $6::text[]) AS r(l, s, e, q, t) ON CONFLICT DO NOTHING`,
      [documentId, rows.map((r) => r.labelId), rows.map((r) => r.start), rows.map((r) => r.end), rows.map((r) => r.quote), rows.map((r) => r.rejectedAt)],
    );
  }
}

/** Ids formats gave records: the counterpart of the SQLite engine's SourceIdStore. */
export class PgSourceIdStore implements Async<SourceIdStore> {
  constructor(private readonly db: Queryable) {}

  async put(scheme: string, documentId: string | null, ids: readonly SourceId[]): Promise<void> {
    for (const x of ids) {
      await this.db.query(
        `INSERT INTO source_ids (scheme, owner, part, source_id, document_id, extra) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (scheme, owner, part) DO UPDATE SET source_id = excluded.source_id, document_id = excluded.document_id, extra = excluded.extra`,
        [scheme, x.owner, x.part, x.sourceId, documentId, x.extra === undefined ? null : JSON.stringify(x.extra)],
      );
    }
  }

  async byDocument(scheme: string, documentId: string): Promise<Map<string, SourceId>> {
    const { rows } = await this.db.query<SourceIdRow>('SELECT owner, part, source_id, extra FROM source_ids WHERE document_id = $1 AND scheme = $2', [documentId, scheme]);
    return toMap(rows);
  }

  async global(scheme: string): Promise<Map<string, SourceId>> {
    const { rows } = await this.db.query<SourceIdRow>('SELECT owner, part, source_id, extra FROM source_ids WHERE document_id IS NULL AND scheme = $1', [scheme]);
    return toMap(rows);
  }
}

/** What an import or merge finds already stored: the counterpart of the SQLite engine's ImportMatchStore (`seq` for rowid). */
export class PgImportMatchStore implements Async<ImportMatchStore> {
  constructor(private readonly db: Queryable) {}

  async lastAnnotationRowid(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT coalesce(max(seq), 0) AS n FROM annotations');
    return Number(rows[0]!.n);
  }

  async documentsWithHash(contentHash: string): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM documents WHERE content_hash = $1 ORDER BY seq', [contentHash]);
    return rows.map((r) => r.id);
  }

  async annotationAt(documentId: string, start: number, end: number, annotator: string, labelId: string, ranges: string, maxRowid: number): Promise<string | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      'SELECT id FROM annotations WHERE document_id = $1 AND start_offset = $2 AND end_offset = $3 AND annotator = $4 AND label_id = $5 AND ranges = $6 AND seq <= $7 ORDER BY seq LIMIT 1',
      [documentId, start, end, annotator, labelId, ranges, maxRowid],
    );
    return rows[0]?.id;
  }

  async entityOf(annotationId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ entity_id: string }>('SELECT entity_id FROM annotation_entities WHERE annotation_id = $1', [annotationId]);
    return rows[0]?.entity_id;
  }

  async propositionsOf(annotationId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ proposition_id: string }>('SELECT proposition_id FROM claim_links WHERE annotation_id = $1 ORDER BY proposition_id COLLATE "C"', [annotationId]);
    return rows.map((r) => r.proposition_id);
  }

  async eventOn(triggerId: string, type: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ id: string }>('SELECT id FROM events WHERE trigger_id = $1 AND type = $2 ORDER BY seq LIMIT 1', [triggerId, type]);
    return rows[0]?.id;
  }
}
