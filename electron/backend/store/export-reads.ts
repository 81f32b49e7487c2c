import type { AttributeValue, TextRange } from '../../../shared/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

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

/** A relation as an export reads it, with the document its target annotation is in. */
export interface ExportRelation {
  id: string;
  typeId: string;
  fromAnnotationId: string;
  toAnnotationId: string;
  toDocumentId: string;
  note: string;
  /** As stored (JSON). */
  attributes: string;
}

/**
 * The reads of exports, leaner than the repositories' general ones because an
 * export reads every document. {@link annotationRows} reads a document's annotations for an export, in the annotation store's
 * order (start, longer first, then insertion). Leaner than the store's
 * `listByDocument`, which dominates large exports: one statement for the whole
 * export, no quote and context columns (exporters cut those from the text),
 * rows as arrays, and no JSON.parse for the empty attributes most annotations have.
 * Orphans (their text is gone from the current version) are not spans: left out.
 */
export class ExportReadStore {
  // Prepared on first use (a project on an older prefix of the migrations still opens), in raw mode of its own.
  private rowsStmt: Statement | undefined;

  constructor(private readonly db: Db) {}

  /** A document's placed annotations, in reading order. */
  annotationRows(documentId: string): AnnotationRow[] {
    this.rowsStmt ??= this.db
      .prepare(
        `SELECT id, label_id, ranges, attributes, note, annotator, created_at, modified_at
         FROM annotations WHERE document_id = ? AND anchor <> 'orphaned' ORDER BY start_offset, end_offset DESC, rowid`,
      )
      .raw();
    const rows = this.rowsStmt.all(documentId) as [string, string, string, string, string, string, string, string][];
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

  /**
   * Whether a table has any row. Entity links and relations are found through
   * the document's annotations, a join that costs as much as reading them; many
   * projects have none, and this check (asked per document, as the export may
   * pause between documents while others write) costs next to nothing.
   */
  hasRows(table: 'annotation_entities' | 'relations'): boolean {
    return (cachedStatement(this.db, `SELECT EXISTS (SELECT 1 FROM ${table}) AS found`).get() as { found: number }).found === 1;
  }

  /**
   * Relations that start in a document, in reading order. (The relation store's
   * listByDocument also finds those that end there, with an OR that SQLite
   * cannot answer from an index; an export reads every document, so this one
   * starts from the document's annotations.) Relations with an orphaned end are
   * left out with it (the orphan keeps them for when it is placed again).
   */
  relationsFrom(documentId: string): ExportRelation[] {
    const rows = cachedStatement(
      this.db,
      `SELECT r.id, r.type_id, r.from_annotation_id, r.to_annotation_id, ta.document_id AS to_document_id, r.note, r.attributes
     FROM annotations fa JOIN relations r ON r.from_annotation_id = fa.id JOIN annotations ta ON ta.id = r.to_annotation_id
     WHERE fa.document_id = ? AND fa.anchor <> 'orphaned' AND ta.anchor <> 'orphaned' ORDER BY fa.start_offset, r.rowid`,
    ).all(documentId) as { id: string; type_id: string; from_annotation_id: string; to_annotation_id: string; to_document_id: string; note: string; attributes: string }[];
    return rows.map((r) => ({ id: r.id, typeId: r.type_id, fromAnnotationId: r.from_annotation_id, toAnnotationId: r.to_annotation_id, toDocumentId: r.to_document_id, note: r.note, attributes: r.attributes }));
  }
}
