import type { AttributeValue, TextRange } from '../../../../shared/index.ts';
import type { AnnotationRow as ExportAnnotationRow, ExportReadStore, ExportRelation } from '../export-reads.ts';
import type { Async } from '../repository.ts';
import type { AnnotationRow as SearchAnnotationRow, ClaimRow, SearchStore } from '../search.ts';
import type { Queryable } from './documents.ts';

// The read-only stores of exports and annotation search, on PostgreSQL.

/** What exports read: the counterpart of the SQLite engine's ExportReadStore. */
export class PgExportReadStore implements Async<ExportReadStore> {
  constructor(private readonly db: Queryable) {}

  async annotationRows(documentId: string): Promise<ExportAnnotationRow[]> {
    const { rows } = await this.db.query<[string, string, string, string, string, string, string, string]>({
      text: `SELECT id, label_id, ranges, attributes, note, annotator, created_at, modified_at
             FROM annotations WHERE document_id = $1 AND anchor <> 'orphaned' ORDER BY start_offset, end_offset DESC, seq`,
      values: [documentId],
      rowMode: 'array',
    });
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

  async hasRows(table: 'annotation_entities' | 'relations'): Promise<boolean> {
    // The table name is one of the two the type allows, never a caller's string.
    const { rows } = await this.db.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table === 'relations' ? 'relations' : 'annotation_entities'}) AS found`);
    return rows[0]!.found;
  }

  async relationsFrom(documentId: string): Promise<ExportRelation[]> {
    const { rows } = await this.db.query<{ id: string; type_id: string; from_annotation_id: string; to_annotation_id: string; to_document_id: string; note: string; attributes: string }>(
      `SELECT r.id, r.type_id, r.from_annotation_id, r.to_annotation_id, ta.document_id AS to_document_id, r.note, r.attributes
       FROM annotations fa JOIN relations r ON r.from_annotation_id = fa.id JOIN annotations ta ON ta.id = r.to_annotation_id
       WHERE fa.document_id = $1 AND fa.anchor <> 'orphaned' AND ta.anchor <> 'orphaned' ORDER BY fa.start_offset, r.seq`,
      [documentId],
    );
    return rows.map((r) => ({ id: r.id, typeId: r.type_id, fromAnnotationId: r.from_annotation_id, toAnnotationId: r.to_annotation_id, toDocumentId: r.to_document_id, note: r.note, attributes: r.attributes }));
  }
}

/** What annotation search reads: the counterpart of the SQLite engine's SearchStore. */
export class PgSearchStore implements Async<SearchStore> {
  constructor(private readonly db: Queryable) {}

  async annotationRows(filter: { labelId?: string; documentIds?: readonly string[] }): Promise<SearchAnnotationRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.labelId !== undefined) {
      params.push(filter.labelId);
      where.push(`a.label_id = $${params.length}`);
    }
    if (filter.documentIds?.length) {
      params.push(filter.documentIds);
      where.push(`a.document_id = ANY($${params.length})`);
    }
    const { rows } = await this.db.query<SearchAnnotationRow>(
      `SELECT a.id, a.document_id, a.label_id, a.ranges, a.quote, a.note,
              l.name AS label_name, l.kind AS label_kind, l.color AS label_color,
              d.title, d.name, d.metadata,
              e.id AS entity_id, e.name AS entity_name, e.aliases AS entity_aliases
       FROM annotations a
       JOIN labels l ON l.id = a.label_id
       JOIN documents d ON d.id = a.document_id
       LEFT JOIN annotation_entities ae ON ae.annotation_id = a.id
       LEFT JOIN entities e ON e.id = ae.entity_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY d.created_at, d.seq, a.start_offset, a.end_offset DESC, a.seq`,
      params,
    );
    return rows;
  }

  async claimRows(): Promise<ClaimRow[]> {
    const { rows } = await this.db.query<ClaimRow>(
      'SELECT c.annotation_id, c.proposition_id, p.text, c.stance, c.note FROM claim_links c JOIN propositions p ON p.id = c.proposition_id ORDER BY c.created_at, c.seq',
    );
    return rows;
  }
}
