import type { Annotation, ClaimLink } from '../../../shared/index.ts';
import { CURATION } from '../agreement/load.ts';
import type { Project } from '../project.ts';

/**
 * Copies annotations into the curated layer (`curation`): the span, label,
 * attributes and note, its claim links (with their stances) and its entity
 * link. An annotation the curated layer already has (same document, label and
 * ranges) is not copied again; it gains the source's claim links on
 * propositions it is not linked to yet. All or nothing; returns the copies
 * and every link added (to copies or to annotations already curated).
 */
export function curate(project: Project, annotationIds: readonly string[]): { annotations: Annotation[]; links: ClaimLink[] } {
  return project.transaction(() => {
    const made: Annotation[] = [];
    const links: ClaimLink[] = [];
    for (const id of annotationIds) {
      const src = project.annotations.get(id);
      const existing = project.annotations.findSameSpan(src.documentId, CURATION, src.labelId, src.ranges);
      const target =
        existing ??
        project.annotations.create(
          { documentId: src.documentId, ranges: src.ranges, labelId: src.labelId, attributes: src.attributes, note: src.note, annotator: CURATION },
          project.documents.text(src.documentId),
        ).id;
      // One link per proposition: a curated claim keeps the stance it was given first.
      const linked = new Set(project.claims.forAnnotation(target).map((c) => c.propositionId));
      for (const c of project.claims.forAnnotation(src.id)) {
        if (linked.has(c.propositionId)) continue;
        links.push(project.claims.insert({ annotationId: target, propositionId: c.propositionId, stance: c.stance, attribution: c.attribution, hedged: c.hedged, reported: c.reported, note: c.note }));
      }
      if (existing) continue;
      const entity = project.entities.entityOf(src.id);
      if (entity) project.entities.link([{ annotationId: target, entityId: entity }]);
      made.push(project.annotations.get(target));
    }
    return { annotations: made, links };
  });
}
