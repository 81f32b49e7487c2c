// Entities across compared documents: which the documents share and which
// only one of them mentions. A mention is an annotation linked to an entity
// of the project's registry; unlinked annotations do not count.

import type { CompareDocument, CompareEntities, CompareEntity, Entity, EntityLink } from '../../../shared/index.ts';

export interface EntitiesInput {
  /** The columns, in order. */
  documents: readonly CompareDocument[];
  /** Per document id: its mention links, in reading order. */
  links: ReadonlyMap<string, readonly EntityLink[]>;
  /** The linked entities, by id. */
  entities: ReadonlyMap<string, Entity>;
}

/**
 * Shared entities (mentioned by two or more compared documents; most
 * documents, then most mentions, then name first) and, per document, the
 * entities only it mentions (most mentions, then name first).
 */
export function compareEntities(input: EntitiesInput): CompareEntities {
  const byEntity = new Map<string, CompareEntity>();
  for (const d of input.documents) {
    for (const link of input.links.get(d.id) ?? []) {
      const e = link.entityId ? input.entities.get(link.entityId) : undefined;
      if (!e) continue;
      let row = byEntity.get(e.id);
      if (!row) byEntity.set(e.id, (row = { id: e.id, name: e.name, type: e.type, externalId: e.externalId, total: 0, documents: [] }));
      let mentions = row.documents[row.documents.length - 1];
      if (mentions?.document !== d.id) row.documents.push((mentions = { document: d.id, count: 0, annotationIds: [] }));
      mentions.count++;
      mentions.annotationIds.push(link.annotationId);
      row.total++;
    }
  }
  const byName = (a: CompareEntity, b: CompareEntity) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const all = [...byEntity.values()];
  const shared = all.filter((e) => e.documents.length > 1).sort((a, b) => b.documents.length - a.documents.length || b.total - a.total || byName(a, b));
  const unique = input.documents.map((d) => ({
    document: d.id,
    entities: all.filter((e) => e.documents.length === 1 && e.documents[0]!.document === d.id).sort((a, b) => b.total - a.total || byName(a, b)),
  }));
  return { shared, unique };
}
