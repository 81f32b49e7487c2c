import type { Annotation } from '../../../shared/index.ts';
import { CURATION } from '../agreement/load.ts';
import type { Project } from '../project.ts';

/**
 * Copies annotations into the curated layer (`curation`): the span, label,
 * attributes and note, its claim links (with their stances) and its entity
 * link. An annotation the curated layer already has (same document, label and
 * ranges) is not copied again. All or nothing; returns the copies.
 */
export function curate(project: Project, annotationIds: readonly string[]): Annotation[] {
  return project.transaction(() => {
    const made: Annotation[] = [];
    for (const id of annotationIds) {
      const src = project.annotations.get(id);
      const exists = project.db
        .prepare('SELECT 1 FROM annotations WHERE document_id = ? AND annotator = ? AND label_id = ? AND ranges = ?')
        .get(src.documentId, CURATION, src.labelId, JSON.stringify(src.ranges));
      if (exists) continue;
      const copy = project.annotations.create(
        { documentId: src.documentId, ranges: src.ranges, labelId: src.labelId, attributes: src.attributes, note: src.note, annotator: CURATION },
        project.documents.text(src.documentId),
      );
      for (const c of project.claims.forAnnotation(src.id)) {
        project.claims.insert({ annotationId: copy.id, propositionId: c.propositionId, stance: c.stance, attribution: c.attribution, hedged: c.hedged, reported: c.reported, note: c.note });
      }
      const entity = project.db.prepare('SELECT entity_id FROM annotation_entities WHERE annotation_id = ?').pluck().get(src.id) as string | undefined;
      if (entity) project.entities.link([{ annotationId: copy.id, entityId: entity }]);
      made.push(copy);
    }
    return made;
  });
}
