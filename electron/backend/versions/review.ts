import { GlossError, type AnchorState, type ReviewItem, type TextRange } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { cachedStatement } from '../store/statements.ts';
import { VersionStore } from './store.ts';

/**
 * The annotations of a document that need review after a new version: those
 * whose text was edited (`changed`, drawn) and those whose text is gone
 * (`orphaned`, not drawn), with their quotes and how many links they keep.
 */
export function reviewList(project: Project, documentId: string): ReviewItem[] {
  project.documents.get(documentId);
  const rows = cachedStatement(
    project.db,
    `SELECT a.id, a.label_id, a.anchor, a.quote, a.ranges, a.note,
       (SELECT count(*) FROM claim_links c WHERE c.annotation_id = a.id) AS claims,
       (SELECT count(*) FROM relations r WHERE r.from_annotation_id = a.id OR r.to_annotation_id = a.id) AS relations,
       EXISTS (SELECT 1 FROM annotation_entities e WHERE e.annotation_id = a.id) AS entity
     FROM annotations a WHERE a.document_id = ? AND a.anchor <> 'placed' ORDER BY a.anchor DESC, a.start_offset, a.rowid`,
  ).all(documentId) as { id: string; label_id: string; anchor: 'changed' | 'orphaned'; quote: string; ranges: string; note: string; claims: number; relations: number; entity: number }[];
  const versions = new VersionStore(project.db);
  return rows.map((r) => {
    const rec = versions.lastReviewRecord(r.id);
    const orphan = r.anchor === 'orphaned';
    return {
      annotationId: r.id,
      labelId: r.label_id,
      status: r.anchor,
      oldQuote: rec?.oldQuote ?? r.quote,
      quote: orphan ? null : r.quote,
      ranges: orphan ? null : (JSON.parse(r.ranges) as TextRange[]),
      version: rec?.version ?? 1,
      note: r.note,
      links: { claims: r.claims, relations: r.relations, entity: r.entity === 1 },
    };
  });
}

/**
 * Sets how an annotation sits in the text: `placed` marks a changed one as
 * reviewed, or places an orphan again on `ranges` of the current text;
 * `changed` and `orphaned` put it back for review (undo). Returns the state
 * and ranges before.
 */
export function setAnchor(project: Project, annotationId: string, anchor: AnchorState, ranges?: TextRange[]): { anchor: AnchorState; ranges: TextRange[] } {
  return project.transaction(() => {
    const before = cachedStatement(project.db, 'SELECT anchor, ranges, document_id FROM annotations WHERE id = ?').get(annotationId) as
      | { anchor: AnchorState; ranges: string; document_id: string }
      | undefined;
    if (!before) throw new GlossError('not_found', `no annotation with id ${annotationId}`);
    if (ranges) {
      project.annotations.update(annotationId, { ranges }, () => project.documents.text(before.document_id));
    } else if (before.anchor === 'orphaned' && anchor !== 'orphaned') {
      throw new GlossError('validation', 'an orphaned annotation is placed again with the ranges of its new text');
    }
    cachedStatement(project.db, 'UPDATE annotations SET anchor = ? WHERE id = ?').run(anchor, annotationId);
    return { anchor: before.anchor, ranges: JSON.parse(before.ranges) as TextRange[] };
  });
}
