import { randomUUID } from 'node:crypto';
import { externalIdToIri } from '../external-ids.ts';
import type { Bundle, BundleAnnotation, BundleDocument } from '../model.ts';
import { checkAborted, type RunOptions } from '../progress.ts';
import { contextAround, manyRangesToCodePoints } from '../text.ts';
import { CONTEXT, iriOf } from './vocab.ts';

type Json = Record<string, unknown>;

/** Annotations per AnnotationPage. */
export const PAGE_SIZE = 1000;

/**
 * A W3C Web Annotation export: one AnnotationCollection whose pages (of
 * {@link PAGE_SIZE}, embedded and chained by `next`) hold an Annotation per span.
 * Each targets a SpecificResource whose source is the document's IRI, with a
 * TextQuoteSelector and a TextPositionSelector (code points). Bodies: the
 * label (tagging), attributes (describing), the note (commenting), the entity
 * link (identifying, with the external IRI) and, for claims, the proposition
 * (linking) and the stance (assessing). Relations, events and equivalences
 * are linking Annotations between annotations; document stances target the
 * document. The documents' texts travel in `gloss:documents`, so that Gloss
 * can import the file again without the original texts.
 */
export function serializeW3c(bundle: Bundle, options: RunOptions & { generated?: string } = {}): Json {
  const generated = options.generated ?? new Date().toISOString();
  const collectionId = `urn:uuid:${randomUUID()}`;
  const all: Json[] = [];
  bundle.documents.forEach((doc, i) => {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'export', done: i, total: bundle.documents.length, item: doc.name });
    all.push(...documentAnnotations(doc, bundle));
  });
  options.onProgress?.({ phase: 'export', done: bundle.documents.length, total: bundle.documents.length });
  const total = all.length;
  // Pages are embedded, each in the one before (`next`): fixed-size pages keep that nesting shallow.
  const pages: Json[] = [];
  for (let start = 0; start < all.length; start += PAGE_SIZE) {
    pages.push({ id: `${collectionId}/page/${pages.length + 1}`, type: 'AnnotationPage', partOf: collectionId, startIndex: start, items: all.slice(start, start + PAGE_SIZE) });
  }
  for (let i = pages.length - 2; i >= 0; i--) pages[i]!.next = pages[i + 1];
  const collection: Json = {
    '@context': CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: 'Gloss export',
    total,
    generated,
    generator: { id: 'urn:gloss:app', type: 'Software', name: 'Gloss' },
    'gloss:documents': bundle.documents.map((d) => ({
      id: iriOf('document', d.key),
      name: d.name,
      title: d.title,
      text: d.text,
      metadata: d.metadata,
      blocks: blocksInCodePoints(d),
    })),
    'gloss:labels': bundle.labels,
    'gloss:relationTypes': bundle.relationTypes,
  };
  if (pages.length) {
    collection.first = pages[0];
    collection.last = pages[pages.length - 1]!.id;
  }
  return collection;
}

function blocksInCodePoints(d: BundleDocument) {
  const cps = manyRangesToCodePoints(d.text, d.blocks, (b) => [b]);
  return d.blocks.map((b, i) => ({ ...b, start: cps[i]![0]!.start, end: cps[i]![0]!.end }));
}

/** The Annotations of one document, spans first. */
export function documentAnnotations(doc: BundleDocument, bundle: Bundle): Json[] {
  const source = iriOf('document', doc.key);
  const entities = new Map(bundle.entities.map((e) => [e.key, e]));
  const propositions = new Map(bundle.propositions.map((p) => [p.key, p]));
  const labels = new Map(bundle.labels.map((l) => [l.name, l]));
  const cpRanges = manyRangesToCodePoints(doc.text, doc.annotations, (a) => a.ranges);
  const out: Json[] = [];
  const annotationIri = (key: string) => iriOf('annotation', key);

  doc.annotations.forEach((a, i) => {
    const body: Json[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.label, format: 'text/plain', 'gloss:labelKind': labels.get(a.label)?.kind ?? 'entity' }];
    for (const [name, value] of Object.entries(a.attributes)) {
      body.push({ type: 'TextualBody', purpose: 'describing', value: value === true ? name : `${name}: ${String(value)}`, format: 'text/plain', 'gloss:attribute': name, 'gloss:value': value });
    }
    if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
    const entity = a.entity !== undefined ? entities.get(a.entity) : undefined;
    if (entity) {
      body.push({
        type: 'SpecificResource',
        purpose: 'identifying',
        source: entity.externalId ? externalIdToIri(entity.externalId) : iriOf('entity', entity.key),
        'gloss:entity': { id: iriOf('entity', entity.key), name: entity.name, type: entity.type, externalId: entity.externalId, aliases: entity.aliases, description: entity.description },
      });
    }
    for (const c of a.claims) {
      const p = propositions.get(c.proposition);
      const pIri = iriOf('proposition', c.proposition);
      // The proposition's IRI goes in gloss:proposition: a body with an id and no source counts as an External Web Resource, which may have no purpose.
      body.push({ type: 'TextualBody', purpose: 'linking', value: p?.text ?? '', format: 'text/plain', 'gloss:proposition': pIri, 'gloss:propositionNote': p?.note ?? '' });
      body.push({
        type: 'TextualBody',
        purpose: 'assessing',
        value: c.stance,
        format: 'text/plain',
        'gloss:proposition': pIri,
        'gloss:hedged': c.hedged,
        'gloss:reported': c.reported,
        'gloss:claimNote': c.note,
        'gloss:attribution': { entity: c.attribution.entity !== null ? iriOf('entity', c.attribution.entity) : null, text: c.attribution.text },
      });
    }
    out.push({
      ...header(annotationIri(a.key), a),
      motivation: a.claims.length ? 'assessing' : entity ? 'identifying' : 'tagging',
      body,
      target: targets(doc.text, source, a, cpRanges[i]!),
    });
  });

  for (const r of doc.relations) {
    const body: Json[] = [
      { type: 'TextualBody', purpose: 'tagging', value: r.type, format: 'text/plain' },
      { type: 'SpecificResource', purpose: 'linking', source: annotationIri(r.to), ...(r.toRole ? { 'gloss:role': r.toRole } : {}) },
    ];
    if (r.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: r.note, format: 'text/plain' });
    out.push({
      '@context': CONTEXT,
      id: iriOf('record', `${doc.key}/${r.key}`),
      type: 'Annotation',
      motivation: 'linking',
      'gloss:kind': 'relation',
      ...(r.fromRole ? { 'gloss:fromRole': r.fromRole } : {}),
      ...(r.toDocument ? { 'gloss:toDocument': iriOf('document', r.toDocument) } : {}),
      body,
      target: annotationIri(r.from),
    });
  }
  for (const e of doc.events) {
    const body: Json[] = [{ type: 'TextualBody', purpose: 'tagging', value: e.type, format: 'text/plain' }];
    for (const arg of e.args) body.push({ type: 'SpecificResource', purpose: 'linking', source: argIri(doc, arg.ref), 'gloss:role': arg.role });
    for (const [name, value] of Object.entries(e.attributes)) {
      body.push({ type: 'TextualBody', purpose: 'describing', value: value === true ? name : `${name}: ${String(value)}`, format: 'text/plain', 'gloss:attribute': name, 'gloss:value': value });
    }
    if (e.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: e.note, format: 'text/plain' });
    out.push({ '@context': CONTEXT, id: iriOf('record', `${doc.key}/${e.key}`), type: 'Annotation', motivation: 'linking', 'gloss:kind': 'event', body, target: annotationIri(e.trigger) });
  }
  for (const q of doc.equivalences) {
    out.push({
      '@context': CONTEXT,
      id: `urn:uuid:${randomUUID()}`,
      type: 'Annotation',
      motivation: 'linking',
      'gloss:kind': 'equivalence',
      body: { type: 'TextualBody', purpose: 'tagging', value: q.type, format: 'text/plain' },
      target: q.members.map((m) => argIri(doc, m)),
    });
  }
  for (const n of doc.normalizations) {
    out.push({
      '@context': CONTEXT,
      id: `urn:uuid:${randomUUID()}`,
      type: 'Annotation',
      motivation: 'identifying',
      'gloss:kind': 'normalization',
      body: { type: 'TextualBody', purpose: 'identifying', value: n.text || `${n.resource}:${n.externalId}`, format: 'text/plain', 'gloss:normalization': { type: n.type, resource: n.resource, externalId: n.externalId, text: n.text } },
      target: argIri(doc, n.target),
    });
  }
  for (const n of doc.notes) {
    out.push({
      '@context': CONTEXT,
      id: `urn:uuid:${randomUUID()}`,
      type: 'Annotation',
      motivation: 'commenting',
      'gloss:kind': 'note',
      'gloss:noteType': n.type,
      body: { type: 'TextualBody', purpose: 'commenting', value: n.text, format: 'text/plain' },
      target: argIri(doc, n.target),
    });
  }
  for (const s of doc.stances) {
    const pIri = iriOf('proposition', s.proposition);
    const body: Json[] = [
      { type: 'TextualBody', purpose: 'linking', value: propositions.get(s.proposition)?.text ?? '', format: 'text/plain', 'gloss:proposition': pIri },
      { type: 'TextualBody', purpose: 'assessing', value: s.stance, format: 'text/plain', 'gloss:proposition': pIri },
    ];
    if (s.justification) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.justification, format: 'text/plain' });
    out.push({ '@context': CONTEXT, id: `urn:uuid:${randomUUID()}`, type: 'Annotation', motivation: 'assessing', 'gloss:kind': 'documentStance', body, target: source });
  }
  return out;
}

/** Events and annotations share one id space in a document; events are written as records. */
function argIri(doc: BundleDocument, ref: string): string {
  return doc.events.some((e) => e.key === ref) ? iriOf('record', `${doc.key}/${ref}`) : iriOf('annotation', ref);
}

function header(id: string, a: BundleAnnotation): Json {
  const h: Json = { '@context': CONTEXT, id, type: 'Annotation' };
  if (a.createdAt) h.created = a.createdAt;
  if (a.modifiedAt) h.modified = a.modifiedAt;
  if (a.annotator) h.creator = { type: 'Person', name: a.annotator };
  return h;
}

/** One SpecificResource per range; a discontinuous span has several. */
function targets(text: string, source: string, a: BundleAnnotation, cps: readonly { start: number; end: number }[]): Json | Json[] {
  const list = a.ranges.map((r, i) => {
    const { prefix, suffix } = contextAround(text, r.start, r.end);
    return {
      type: 'SpecificResource',
      source,
      selector: [
        { type: 'TextQuoteSelector', exact: text.slice(r.start, r.end), prefix, suffix },
        { type: 'TextPositionSelector', start: cps[i]!.start, end: cps[i]!.end },
      ],
    };
  });
  return list.length === 1 ? list[0]! : list;
}

