import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/**
 * The lookups an import or merge makes to find what the project already
 * holds (see the importer's Dedupe): documents by content hash, annotations
 * by exact span, and what an existing annotation is linked to.
 */
export class ImportMatchStore {
  constructor(private readonly db: Db) {}

  /** The highest rowid of the annotations: those at or below it were stored before an import began. */
  lastAnnotationRowid(): number {
    return (cachedStatement(this.db, 'SELECT coalesce(max(rowid), 0) AS n FROM annotations').get() as { n: number }).n;
  }

  /** The documents whose text has this SHA-256, oldest first. */
  documentsWithHash(contentHash: string): string[] {
    return (cachedStatement(this.db, 'SELECT id FROM documents WHERE content_hash = ? ORDER BY rowid').all(contentHash) as { id: string }[]).map((r) => r.id);
  }

  /**
   * An annotation stored at or below `maxRowid` with exactly this span, label
   * and annotator; `ranges` is the sorted ranges' JSON, `start`/`end` their bounds.
   */
  annotationAt(documentId: string, start: number, end: number, annotator: string, labelId: string, ranges: string, maxRowid: number): string | undefined {
    const row = cachedStatement(
      this.db,
      // `+` keeps SQLite on the (document, start) index: the label and annotator indexes would scan a whole label or layer.
      `SELECT id FROM annotations WHERE document_id = ? AND start_offset = ? AND end_offset = ? AND +annotator = ? AND +label_id = ? AND ranges = ? AND rowid <= ?
       LIMIT 1`,
    ).get(documentId, start, end, annotator, labelId, ranges, maxRowid) as { id: string } | undefined;
    return row?.id;
  }

  /** The entity an annotation is linked to, if any. */
  entityOf(annotationId: string): string | undefined {
    return (cachedStatement(this.db, 'SELECT entity_id FROM annotation_entities WHERE annotation_id = ?').get(annotationId) as { entity_id: string } | undefined)?.entity_id;
  }

  /** The propositions an annotation is linked to as a claim. */
  propositionsOf(annotationId: string): string[] {
    return (cachedStatement(this.db, 'SELECT proposition_id FROM claim_links WHERE annotation_id = ?').all(annotationId) as { proposition_id: string }[]).map((r) => r.proposition_id);
  }

  /** An event of this type on this trigger annotation, if any. */
  eventOn(triggerId: string, type: string): string | undefined {
    return (cachedStatement(this.db, 'SELECT id FROM events WHERE trigger_id = ? AND type = ? LIMIT 1').get(triggerId, type) as { id: string } | undefined)?.id;
  }
}
