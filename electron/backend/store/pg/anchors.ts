import type { AnchorState, TextRange } from '../../../../shared/index.ts';
import type { AnchorMove, AnchorStore, ReviewRow, StoredAnchor } from '../anchors.ts';
import { parseJson } from '../json.ts';
import type { Async } from '../repository.ts';
import type { Queryable } from './documents.ts';

/** Annotations' places across text versions on PostgreSQL: the counterpart of the SQLite engine's AnchorStore. */
export class PgAnchorStore implements Async<AnchorStore> {
  constructor(private readonly db: Queryable) {}

  async stored(documentId: string): Promise<StoredAnchor[]> {
    const { rows } = await this.db.query<{ id: string; label_id: string; ranges: string; quote: string; prefix: string; suffix: string; anchor: StoredAnchor['anchor'] }>(
      'SELECT id, label_id, ranges, quote, prefix, suffix, anchor FROM annotations WHERE document_id = $1 ORDER BY start_offset, end_offset DESC, seq',
      [documentId],
    );
    return rows.map((r) => ({ id: r.id, labelId: r.label_id, ranges: parseJson<TextRange[]>(r.ranges), quote: r.quote, prefix: r.prefix, suffix: r.suffix, anchor: r.anchor }));
  }

  async orphan(annotationId: string): Promise<void> {
    await this.db.query("UPDATE annotations SET anchor = 'orphaned' WHERE id = $1", [annotationId]);
  }

  async move(annotationId: string, m: AnchorMove): Promise<void> {
    await this.db.query('UPDATE annotations SET ranges = $1, start_offset = $2, end_offset = $3, quote = $4, prefix = $5, suffix = $6, anchor = $7 WHERE id = $8', [
      JSON.stringify(m.ranges),
      m.ranges[0]!.start,
      m.ranges[m.ranges.length - 1]!.end,
      m.quote,
      m.prefix,
      m.suffix,
      m.state,
      annotationId,
    ]);
  }

  async reviewRows(documentId: string): Promise<ReviewRow[]> {
    const { rows } = await this.db.query<{ id: string; label_id: string; anchor: 'changed' | 'orphaned'; quote: string; ranges: string; note: string; claims: number; relations: number; entity: boolean }>(
      `SELECT a.id, a.label_id, a.anchor, a.quote, a.ranges, a.note,
       (SELECT count(*) FROM claim_links c WHERE c.annotation_id = a.id)::int AS claims,
       (SELECT count(*) FROM relations r WHERE r.from_annotation_id = a.id OR r.to_annotation_id = a.id)::int AS relations,
       EXISTS (SELECT 1 FROM annotation_entities e WHERE e.annotation_id = a.id) AS entity
     FROM annotations a WHERE a.document_id = $1 AND a.anchor <> 'placed' ORDER BY a.anchor COLLATE "C" DESC, a.start_offset, a.seq`,
      [documentId],
    );
    return rows.map((r) => ({ id: r.id, labelId: r.label_id, anchor: r.anchor, quote: r.quote, ranges: JSON.parse(r.ranges) as TextRange[], note: r.note, claims: r.claims, relations: r.relations, entity: r.entity }));
  }

  async stateOf(annotationId: string): Promise<{ anchor: AnchorState; ranges: TextRange[]; documentId: string } | undefined> {
    const { rows } = await this.db.query<{ anchor: AnchorState; ranges: string; document_id: string }>('SELECT anchor, ranges, document_id FROM annotations WHERE id = $1', [annotationId]);
    const row = rows[0];
    return row ? { anchor: row.anchor, ranges: JSON.parse(row.ranges) as TextRange[], documentId: row.document_id } : undefined;
  }

  async setState(annotationId: string, anchor: AnchorState): Promise<void> {
    await this.db.query('UPDATE annotations SET anchor = $1 WHERE id = $2', [anchor, annotationId]);
  }

  async orphanCount(documentId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM annotations WHERE document_id = $1 AND anchor = 'orphaned'", [documentId]);
    return rows[0]!.n;
  }

  /** In the order SQLite reads them through its index on (document, start): by start, then as stored. */
  async orphanIds(documentId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>("SELECT id FROM annotations WHERE document_id = $1 AND anchor = 'orphaned' ORDER BY start_offset, seq", [documentId]);
    return rows.map((r) => r.id);
  }
}
