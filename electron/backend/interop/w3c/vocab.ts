// Names shared by the W3C serializer and parser.

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Gloss's own terms, for what the Web Annotation vocabulary has no word for. */
export const GLOSS_NS = 'urn:gloss:ns:';
export const CONTEXT = [ANNO_CONTEXT, { gloss: GLOSS_NS }] as const;

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
