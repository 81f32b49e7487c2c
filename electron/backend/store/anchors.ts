import type { AnchorState, TextRange } from '../../../shared/index.ts';
import type { Db } from './database.ts';
import { parseJson } from './json.ts';
import { cachedStatement } from './statements.ts';

/** An annotation as a new version of its document's text has to place it. */
export interface StoredAnchor {
  id: string;
  labelId: string;
  ranges: TextRange[];
  quote: string;
  prefix: string;
  suffix: string;
  anchor: 'placed' | 'changed' | 'orphaned';
}

/** Where an annotation is moved to by a new version: its ranges and the text around them. */
export interface AnchorMove {
  ranges: TextRange[];
  quote: string;
  prefix: string;
  suffix: string;
  state: 'placed' | 'changed';
}

/** An annotation to review after a new version, with how many links it keeps. */
export interface ReviewRow {
  id: string;
  labelId: string;
  anchor: 'changed' | 'orphaned';
  quote: string;
  ranges: TextRange[];
  note: string;
  claims: number;
  relations: number;
  entity: boolean;
}

/**
 * How annotations sit in their document's text across versions: placed,
 * changed (to review) or orphaned (their text is gone). Statements are
 * prepared on use, so a project on an older prefix of the migrations opens.
 */
export class AnchorStore {
  constructor(private readonly db: Db) {}

  /** Every annotation of the document, orphans included, in reading order. */
  stored(documentId: string): StoredAnchor[] {
    const rows = cachedStatement(
      this.db,
      'SELECT id, label_id, ranges, quote, prefix, suffix, anchor FROM annotations WHERE document_id = ? ORDER BY start_offset, end_offset DESC, rowid',
    ).all(documentId) as { id: string; label_id: string; ranges: string; quote: string; prefix: string; suffix: string; anchor: StoredAnchor['anchor'] }[];
    return rows.map((r) => ({ id: r.id, labelId: r.label_id, ranges: parseJson<TextRange[]>(r.ranges), quote: r.quote, prefix: r.prefix, suffix: r.suffix, anchor: r.anchor }));
  }

  /** Marks an annotation orphaned; its ranges stay as they were, for review. */
  orphan(annotationId: string): void {
    cachedStatement(this.db, "UPDATE annotations SET anchor = 'orphaned' WHERE id = ?").run(annotationId);
  }

  /** Moves an annotation to new ranges of its document's new text. */
  move(annotationId: string, m: AnchorMove): void {
    cachedStatement(
      this.db,
      'UPDATE annotations SET ranges = ?, start_offset = ?, end_offset = ?, quote = ?, prefix = ?, suffix = ?, anchor = ? WHERE id = ?',
    ).run(JSON.stringify(m.ranges), m.ranges[0]!.start, m.ranges[m.ranges.length - 1]!.end, m.quote, m.prefix, m.suffix, m.state, annotationId);
  }

  /** The annotations of a document not placed (changed first, then orphaned), in reading order. */
  reviewRows(documentId: string): ReviewRow[] {
    const rows = cachedStatement(
      this.db,
      `SELECT a.id, a.label_id, a.anchor, a.quote, a.ranges, a.note,
       (SELECT count(*) FROM claim_links c WHERE c.annotation_id = a.id) AS claims,
       (SELECT count(*) FROM relations r WHERE r.from_annotation_id = a.id OR r.to_annotation_id = a.id) AS relations,
       EXISTS (SELECT 1 FROM annotation_entities e WHERE e.annotation_id = a.id) AS entity
     FROM annotations a WHERE a.document_id = ? AND a.anchor <> 'placed' ORDER BY a.anchor DESC, a.start_offset, a.rowid`,
    ).all(documentId) as { id: string; label_id: string; anchor: 'changed' | 'orphaned'; quote: string; ranges: string; note: string; claims: number; relations: number; entity: number }[];
    return rows.map((r) => ({
      id: r.id, labelId: r.label_id, anchor: r.anchor, quote: r.quote, ranges: JSON.parse(r.ranges) as TextRange[], note: r.note,
      claims: r.claims, relations: r.relations, entity: r.entity === 1,
    }));
  }

  /** An annotation's anchor state, ranges and document; undefined when there is no such annotation. */
  stateOf(annotationId: string): { anchor: AnchorState; ranges: TextRange[]; documentId: string } | undefined {
    const row = cachedStatement(this.db, 'SELECT anchor, ranges, document_id FROM annotations WHERE id = ?').get(annotationId) as
      | { anchor: AnchorState; ranges: string; document_id: string }
      | undefined;
    return row ? { anchor: row.anchor, ranges: JSON.parse(row.ranges) as TextRange[], documentId: row.document_id } : undefined;
  }

  /** Sets an annotation's anchor state. */
  setState(annotationId: string, anchor: AnchorState): void {
    cachedStatement(this.db, 'UPDATE annotations SET anchor = ? WHERE id = ?').run(anchor, annotationId);
  }

  /** How many annotations of the document are orphaned. */
  orphanCount(documentId: string): number {
    return (cachedStatement(this.db, "SELECT count(*) AS n FROM annotations WHERE document_id = ? AND anchor = 'orphaned'").get(documentId) as { n: number }).n;
  }

  /** The ids of the document's orphaned annotations, in storage order. */
  orphanIds(documentId: string): string[] {
    return (cachedStatement(this.db, "SELECT id FROM annotations WHERE document_id = ? AND anchor = 'orphaned'").all(documentId) as { id: string }[]).map((r) => r.id);
  }
}
