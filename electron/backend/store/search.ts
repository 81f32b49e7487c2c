import type { Db } from './database.ts';

/** An annotation as annotation search reads it, with its label, document and linked entity. */
export interface AnnotationRow {
  id: string;
  document_id: string;
  label_id: string;
  ranges: string;
  quote: string;
  note: string;
  label_name: string;
  label_kind: string;
  label_color: string;
  title: string;
  name: string;
  metadata: string;
  entity_id: string | null;
  entity_name: string | null;
  entity_aliases: string | null;
}

/** A claim link with its proposition's text, as annotation search reads it. */
export interface ClaimRow {
  annotation_id: string;
  proposition_id: string;
  text: string;
  stance: string;
  note: string;
}

/**
 * The reads of annotation search: every candidate annotation, and every claim
 * link, in one query each; matching the query's words runs in the caller.
 */
export class SearchStore {
  constructor(private readonly db: Db) {}

  /**
   * Annotations with their label, document and entity, optionally of one
   * label and some documents, in reading order of documents as imported.
   */
  annotationRows(filter: { labelId?: string; documentIds?: readonly string[] }): AnnotationRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.labelId !== undefined) {
      where.push('a.label_id = ?');
      params.push(filter.labelId);
    }
    if (filter.documentIds?.length) {
      where.push(`a.document_id IN (${filter.documentIds.map(() => '?').join(',')})`);
      params.push(...filter.documentIds);
    }
    return this.db
      .prepare(
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
       ORDER BY d.created_at, d.rowid, a.start_offset, a.end_offset DESC, a.rowid`,
      )
      .all(...params) as AnnotationRow[];
  }

  /** Every claim link with its proposition's text, oldest first. */
  claimRows(): ClaimRow[] {
    return this.db
      .prepare(`SELECT c.annotation_id, c.proposition_id, p.text, c.stance, c.note FROM claim_links c JOIN propositions p ON p.id = c.proposition_id ORDER BY c.created_at`)
      .all() as ClaimRow[];
  }
}
