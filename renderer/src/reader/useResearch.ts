import { useCallback, useEffect, useState } from 'react';
import type { ClaimLink, DocumentStance, Entity, EntityLink, Relation, RelationType, StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

/** What the research model says about one document: entity links, claims, stances and relations. */
export interface ResearchData {
  entityByAnnotation: Map<string, string>;
  entities: Map<string, Entity>;
  claims: ClaimLink[];
  documentStances: DocumentStance[];
  relations: Relation[];
  relationTypes: RelationType[];
  stances: StanceSet;
}

const EMPTY: ResearchData = {
  entityByAnnotation: new Map(),
  entities: new Map(),
  claims: [],
  documentStances: [],
  relations: [],
  relationTypes: [],
  stances: { values: ['favor', 'against', 'neutral'], defaultValue: 'neutral' },
};

/** Loads the document's research data; `reload` fetches it again after a change. */
export function useResearch(documentId: string): [ResearchData, () => Promise<void>] {
  const [data, setData] = useState<ResearchData>(EMPTY);
  const reload = useCallback(async () => {
    try {
      const [links, claims, documentStances, relations, relationTypes, tagset] = await Promise.all([
        api.entities.linksByDocument({ documentId }),
        api.claims.listByDocument({ documentId }),
        api.stances.listByDocument({ documentId }),
        api.relations.listByDocument({ documentId }),
        api.relationTypes.list({}),
        api.tagset.get({}),
      ]);
      setData({
        entityByAnnotation: new Map(links.links.filter((l: EntityLink) => l.entityId).map((l) => [l.annotationId, l.entityId!])),
        entities: new Map(links.entities.map((e) => [e.id, e])),
        claims,
        documentStances,
        relations,
        relationTypes,
        stances: tagset.stances,
      });
    } catch (err) {
      notify('error', messageOf(err));
    }
  }, [documentId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [data, reload];
}
