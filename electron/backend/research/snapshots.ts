import { GlossError, type Annotation, type AnnotationSnapshot } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/** An annotation with its entity link, claim links and relations. */
export function takeSnapshot(project: Project, annotationId: string): AnnotationSnapshot {
  return {
    annotation: project.annotations.get(annotationId),
    entityId: project.entities.entityOf(annotationId),
    claims: project.claims.forAnnotation(annotationId),
    relations: project.relations.forAnnotation(annotationId),
  };
}

/** Deletes annotations with everything attached, in one transaction; returns their snapshots. */
export function deleteAnnotations(project: Project, annotationIds: readonly string[]): AnnotationSnapshot[] {
  return project.transaction(() => {
    const ids = [...new Set(annotationIds)];
    const snapshots = ids.map((id) => takeSnapshot(project, id));
    for (const id of ids) project.annotations.delete(id);
    return snapshots;
  });
}

/**
 * Puts annotations back under their ids with their links, all or nothing:
 * first every annotation, then entity links, claim links and relations (a
 * relation between two restored annotations is restored once). A link to
 * something that no longer exists (an entity, a proposition, the other end of
 * a relation) is a not_found error and nothing is restored.
 */
export function restoreSnapshots(project: Project, snapshots: readonly AnnotationSnapshot[]): Annotation[] {
  return project.transaction(() => {
    const restored: Annotation[] = [];
    for (const { annotation: a } of snapshots) {
      const text = project.documents.text(a.documentId);
      project.labels.get(a.labelId);
      restored.push(
        project.annotations.create(
          { id: a.id, documentId: a.documentId, ranges: a.ranges, labelId: a.labelId, attributes: a.attributes, note: a.note, annotator: a.annotator, createdAt: a.createdAt, modifiedAt: a.modifiedAt },
          text,
        ),
      );
    }
    const relationIds = new Set<string>();
    for (const s of snapshots) {
      if (s.entityId) {
        project.entities.get(s.entityId);
        project.entities.link([{ annotationId: s.annotation.id, entityId: s.entityId }]);
      }
      for (const c of s.claims) {
        if (c.annotationId !== s.annotation.id) throw new GlossError('validation', `claim link ${c.id} belongs to another annotation`);
        project.propositions.get(c.propositionId);
        if (c.attribution.entityId) project.entities.get(c.attribution.entityId);
        project.claims.restore(c);
      }
      for (const r of s.relations) {
        if (r.fromAnnotationId !== s.annotation.id && r.toAnnotationId !== s.annotation.id) {
          throw new GlossError('validation', `relation ${r.id} does not involve annotation ${s.annotation.id}`);
        }
        if (relationIds.has(r.id)) continue;
        relationIds.add(r.id);
        project.relations.create(
          { typeId: r.typeId, fromAnnotationId: r.fromAnnotationId, toAnnotationId: r.toAnnotationId, note: r.note },
          { id: r.id, createdAt: r.createdAt, modifiedAt: r.modifiedAt },
        );
      }
    }
    return restored;
  });
}
