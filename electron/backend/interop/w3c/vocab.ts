// Names shared by the W3C serializer and parser.

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Gloss's own terms, for what the Web Annotation vocabulary has no word for. */
export const GLOSS_NS = 'urn:gloss:ns:';

const json = (name: string) => ({ '@id': `${GLOSS_NS}${name}`, '@type': '@json' });
const iri = (name: string) => ({ '@id': `${GLOSS_NS}${name}`, '@type': '@id' });
const bool = (name: string) => ({ '@id': `${GLOSS_NS}${name}`, '@type': 'http://www.w3.org/2001/XMLSchema#boolean' });
const plain = (name: string) => ({ '@id': `${GLOSS_NS}${name}` });

/**
 * Every term Gloss writes beyond the Web Annotation vocabulary, defined in an
 * embedded context so that JSON-LD processors lose nothing (expand in safe
 * mode drops nothing). Structured values (documents with their text and
 * blocks, labels, entities with aliases and external ids, attributions,
 * normalizations) are JSON literals (`@json`, JSON-LD 1.1): kept whole, as
 * Gloss reads them back.
 */
export const GLOSS_CONTEXT = {
  '@version': 1.1,
  gloss: GLOSS_NS,
  'gloss:documents': json('documents'),
  'gloss:labels': json('labels'),
  'gloss:relationTypes': json('relationTypes'),
  'gloss:entity': json('entity'),
  'gloss:attribution': json('attribution'),
  'gloss:normalization': json('normalization'),
  'gloss:value': json('value'),
  'gloss:labelKind': plain('labelKind'),
  'gloss:attribute': plain('attribute'),
  'gloss:kind': plain('kind'),
  'gloss:role': plain('role'),
  'gloss:fromRole': plain('fromRole'),
  'gloss:noteType': plain('noteType'),
  'gloss:propositionNote': plain('propositionNote'),
  'gloss:claimNote': plain('claimNote'),
  'gloss:proposition': iri('proposition'),
  'gloss:toDocument': iri('toDocument'),
  'gloss:hedged': bool('hedged'),
  'gloss:reported': bool('reported'),
} as const;
export const CONTEXT = [ANNO_CONTEXT, GLOSS_CONTEXT] as const;

/** An IRI for a Gloss record id: `urn:uuid:` for UUIDs, else a Gloss URN. */
export function iriOf(kind: 'document' | 'annotation' | 'entity' | 'proposition' | 'page' | 'record', key: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)) return `urn:uuid:${key.toLowerCase()}`;
  return `urn:gloss:${kind}:${encodeURIComponent(key)}`;
}

/** The key an IRI written by {@link iriOf} stands for; other IRIs stand for themselves. */
export function keyOf(iri: string): string {
  if (iri.startsWith('urn:uuid:')) return iri.slice('urn:uuid:'.length);
  const m = /^urn:gloss:[a-z]+:(.*)$/.exec(iri);
  return m ? decodeURIComponent(m[1]!) : iri;
}
