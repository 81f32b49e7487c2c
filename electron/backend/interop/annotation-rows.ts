import type { AttributeValue, TextRange } from '../../../shared/index.ts';
import type { Db } from '../store/database.ts';

/** An annotation as an export reads it: the stored fields an exporter writes, nothing more. */
export interface AnnotationRow {
  id: string;
  labelId: string;
  ranges: TextRange[];
  attributes: Record<string, AttributeValue>;
  note: string;
  annotator: string;
  createdAt: string;
  modifiedAt: string;
}

/**
 * Reads a document's annotations for an export, in the annotation store's
 * order (start, longer first, then insertion). Leaner than the store's
 * `listByDocument`, which dominates large exports: one statement for the whole
 * export, no quote and context columns (exporters cut those from the text),
 * rows as arrays, and no JSON.parse for the empty attributes most annotations have.
 * Orphans (their text is gone from the current version) are not spans: left out.
 */
export class AnnotationRows {
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = db
      .prepare(
        `SELECT id, label_id, ranges, attributes, note, annotator, created_at, modified_at
         FROM annotations WHERE document_id = ? AND anchor <> 'orphaned' ORDER BY start_offset, end_offset DESC, rowid`,
      )
      .raw();
  }

  byDocument(documentId: string): AnnotationRow[] {
    const rows = this.stmt.all(documentId) as [string, string, string, string, string, string, string, string][];
    return rows.map((r) => ({
      id: r[0],
      labelId: r[1],
      ranges: JSON.parse(r[2]) as TextRange[],
      attributes: r[3] === '{}' ? {} : (JSON.parse(r[3]) as Record<string, AttributeValue>),
      note: r[4],
      annotator: r[5],
      createdAt: r[6],
      modifiedAt: r[7],
    }));
  }
}
