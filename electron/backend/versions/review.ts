import { GlossError, type AnchorState, type ReviewItem, type TextRange } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/**
 * The annotations of a document that need review after a new version: those
 * whose text was edited (`changed`, drawn) and those whose text is gone
 * (`orphaned`, not drawn), with their quotes and how many links they keep.
 */
export function reviewList(project: Project, documentId: string): ReviewItem[] {
  project.documents.get(documentId);
  const rows = project.anchors.reviewRows(documentId);
  const versions = project.versions;
  return rows.map((r) => {
    const rec = versions.lastReviewRecord(r.id);
    const orphan = r.anchor === 'orphaned';
    return {
      annotationId: r.id,
      labelId: r.labelId,
      status: r.anchor,
      oldQuote: rec?.oldQuote ?? r.quote,
      quote: orphan ? null : r.quote,
      ranges: orphan ? null : r.ranges,
      version: rec?.version ?? 1,
      note: r.note,
      links: { claims: r.claims, relations: r.relations, entity: r.entity },
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
    const before = project.anchors.stateOf(annotationId);
    if (!before) throw new GlossError('not_found', `no annotation with id ${annotationId}`);
    if (ranges) {
      project.annotations.update(annotationId, { ranges }, () => project.documents.text(before.documentId));
    } else if (before.anchor === 'orphaned' && anchor !== 'orphaned') {
      throw new GlossError('validation', 'an orphaned annotation is placed again with the ranges of its new text');
    }
    project.anchors.setState(annotationId, anchor);
    return { anchor: before.anchor, ranges: before.ranges };
  });
}
