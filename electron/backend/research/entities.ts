import type { ParsedArgs, Result } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { recordMaker } from '../team/maker.ts';

/**
 * The rules of entities and their mentions, whoever calls them (the API
 * handlers, the CLI): each runs its checks and writes in one write transaction.
 */

/** Creates an entity, optionally from a mention: its type defaults to the mention's label, and the mention is linked to it. */
export function createEntity(project: Project, { id, annotationId, ...fields }: ParsedArgs<'entities.create'>, actor: string = project.annotator): Result<'entities.create'> {
  return project.transaction(() => {
    const mention = annotationId !== undefined ? project.annotations.get(annotationId) : undefined;
    const type = fields.type || (mention ? project.labels.get(mention.labelId).name : '');
    const entity = project.entities.create({ ...fields, type }, { id });
    if (mention) {
      project.entities.link([{ annotationId: mention.id, entityId: entity.id }]);
      recordMaker(project, 'annotation_entities', [mention.id], actor);
    }
    return entity;
  });
}

/** Sets or clears mentions' entity links (every annotation and entity named must exist), recording the current annotator as their maker. */
export function linkEntities(project: Project, links: ParsedArgs<'entities.link'>['links'], actor: string = project.annotator): Result<'entities.link'> {
  return project.transaction(() => {
    for (const l of links) {
      project.annotations.get(l.annotationId);
      if (l.entityId) project.entities.get(l.entityId);
    }
    const changes = project.entities.link(links);
    recordMaker(project, 'annotation_entities', links.filter((l) => l.entityId).map((l) => l.annotationId), actor);
    return changes;
  });
}
