// External knowledge-base ids as Gloss stores them (`Entity.externalId`) and
// as formats write them. Wikidata ids are stored bare ("Q843"), as the entity
// panel shows them; ids from other resources keep their prefix
// ("Wikipedia:64488"), so that nothing is lost.

const WIKIDATA_ID = /^[QPL]\d+$/;

/** The stored external id for brat's `RESOURCE:ID`. */
export function externalIdFromBrat(resource: string, id: string): string {
  if (resource.toLowerCase() === 'wikidata' && WIKIDATA_ID.test(id)) return id;
  if (resource === 'external') return id;
  return `${resource}:${id}`;
}

/** brat's `[RESOURCE, ID]` for a stored external id. */
export function externalIdToBrat(externalId: string): [string, string] {
  if (WIKIDATA_ID.test(externalId)) return ['Wikidata', externalId];
  const colon = externalId.indexOf(':');
  if (colon > 0 && !/\s/.test(externalId)) return [externalId.slice(0, colon), externalId.slice(colon + 1)];
  return ['external', externalId.replace(/\s+/g, '_')];
}

const IRI_BASES: [string, string][] = [
  ['Wikidata', 'http://www.wikidata.org/entity/'],
  ['Wikipedia', 'https://en.wikipedia.org/?curid='],
  ['GeoNames', 'https://sws.geonames.org/'],
  ['VIAF', 'https://viaf.org/viaf/'],
  ['ORCID', 'https://orcid.org/'],
];

/** An IRI for a stored external id: the knowledge base's own where Gloss knows it, else a `urn:`. */
export function externalIdToIri(externalId: string): string {
  if (/^https?:\/\//i.test(externalId)) return externalId;
  const [resource, id] = externalIdToBrat(externalId);
  const base = IRI_BASES.find(([r]) => r.toLowerCase() === resource.toLowerCase());
  return base ? base[1] + id : `urn:gloss:external:${encodeURIComponent(resource)}:${encodeURIComponent(id)}`;
}

/** The stored external id for an IRI (inverse of {@link externalIdToIri}). */
export function externalIdFromIri(iri: string): string {
  for (const [resource, base] of IRI_BASES) if (iri.startsWith(base)) return externalIdFromBrat(resource, iri.slice(base.length));
  const m = /^urn:gloss:external:([^:]*):(.*)$/.exec(iri);
  if (m) return externalIdFromBrat(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
  return iri;
}
