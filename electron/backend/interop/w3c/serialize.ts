import { randomUUID } from 'node:crypto';
import type { Bundle, BundleDocument } from '../model.ts';
import { checkAborted, type RunOptions } from '../progress.ts';
import { manyRangesToCodePoints } from '../text.ts';
import { member, q } from './json-text.ts';
import { spanAnnotationJson, type SpanLookups } from './span-json.ts';
import { CONTEXT, iriOf } from './vocab.ts';

type Json = Record<string, unknown>;

/** Annotations per AnnotationPage. */
export const PAGE_SIZE = 1000;

/**
 * A W3C Web Annotation export, as compact JSON text: one AnnotationCollection
 * whose pages (of {@link PAGE_SIZE}, embedded and chained by `next`) hold an
 * Annotation per span. Each targets a SpecificResource whose source is the
 * document's IRI, with a TextQuoteSelector and a TextPositionSelector (code
 * points). Bodies: the label (tagging), attributes (describing), the note
 * (commenting), the entity link (identifying, with the external IRI) and, for
 * claims, the proposition (linking) and the stance (assessing). Relations,
 * events and equivalences are linking Annotations between annotations;
 * document stances target the document. The documents' texts travel in
 * `gloss:documents`, so that Gloss can import the file again without the
 * original texts.
 *
 * Written as text, not as objects for JSON.stringify: a large export holds
 * 100,000s of Annotations (see span-json.ts). The text is what JSON.stringify
 * gives for the collection object, members in the same order.
 */
export function serializeW3c(bundle: Bundle, options: RunOptions & { generated?: string } = {}): string {
  const generated = options.generated ?? new Date().toISOString();
  const collectionId = `urn:uuid:${randomUUID()}`;
  const lookups: SpanLookups = {
    labels: new Map(bundle.labels.map((l) => [l.name, l])),
    entities: new Map(bundle.entities.map((e) => [e.key, e])),
    propositions: new Map(bundle.propositions.map((p) => [p.key, p])),
  };
  // Items are joined a page at a time, as soon as the page is full: the
  // Annotations' texts then die young, which keeps garbage collection cheap.
  const pages: string[] = [];
  let page: string[] = [];
  let total = 0;
  bundle.documents.forEach((doc, i) => {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'export', done: i, total: bundle.documents.length, item: doc.name });
    for (const item of documentAnnotations(doc, lookups)) {
      page.push(item);
      total++;
      if (page.length === PAGE_SIZE) {
        pages.push(page.join(','));
        page = [];
      }
    }
  });
  if (page.length) pages.push(page.join(','));
  options.onProgress?.({ phase: 'export', done: bundle.documents.length, total: bundle.documents.length });
  const documents = bundle.documents.map((d) => ({
    id: iriOf('document', d.key),
    name: d.name,
    title: d.title,
    text: d.text,
    metadata: d.metadata,
    blocks: blocksInCodePoints(d),
  }));
  let out =
    `{"@context":${q(CONTEXT)},"id":${q(collectionId)},"type":"AnnotationCollection","label":"Gloss export","total":${q(total)},"generated":${q(generated)}` +
    `,"generator":{"id":"urn:gloss:app","type":"Software","name":"Gloss"}` +
    member('gloss:documents', documents) +
    member('gloss:labels', bundle.labels) +
    member('gloss:relationTypes', bundle.relationTypes);
  if (!pages.length) return `${out}}`;
  // Pages are embedded, each in the one before (`next`): fixed-size pages keep that nesting shallow.
  const pageId = (n: number) => `${collectionId}/page/${n}`;
  out += ',"first":';
  pages.forEach((items, i) => {
    if (i > 0) out += ',"next":';
    out += `{"id":${q(pageId(i + 1))},"type":"AnnotationPage","partOf":${q(collectionId)},"startIndex":${i * PAGE_SIZE},"items":[${items}]`;
  });
  return `${out}${'}'.repeat(pages.length)},"last":${q(pageId(pages.length))}}`;
}

function blocksInCodePoints(d: BundleDocument) {
  const cps = manyRangesToCodePoints(d.text, d.blocks, (b) => [b]);
  return d.blocks.map((b, i) => ({ ...b, start: cps[i]![0]!.start, end: cps[i]![0]!.end }));
}

/** The Annotations of one document as JSON texts, spans first. */
export function documentAnnotations(doc: BundleDocument, lookups: SpanLookups): string[] {
  const source = iriOf('document', doc.key);
  const { propositions } = lookups;
  const cpRanges = manyRangesToCodePoints(doc.text, doc.annotations, (a) => a.ranges);
  const out: string[] = doc.annotations.map((a, i) => spanAnnotationJson(doc.text, source, a, cpRanges[i]!, lookups));
  const annotationIri = (key: string) => iriOf('annotation', key);

  // The other records are few: built as objects, each stringified.
  const push = (record: Json) => out.push(JSON.stringify(record));
  for (const r of doc.relations) {
    const body: Json[] = [
      { type: 'TextualBody', purpose: 'tagging', value: r.type, format: 'text/plain' },
      { type: 'SpecificResource', purpose: 'linking', source: annotationIri(r.to), ...(r.toRole ? { 'gloss:role': r.toRole } : {}) },
    ];
    if (r.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: r.note, format: 'text/plain' });
    push({
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
    push({ '@context': CONTEXT, id: iriOf('record', `${doc.key}/${e.key}`), type: 'Annotation', motivation: 'linking', 'gloss:kind': 'event', body, target: annotationIri(e.trigger) });
  }
  for (const q of doc.equivalences) {
    push({
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
    push({
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
    push({
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
    push({ '@context': CONTEXT, id: `urn:uuid:${randomUUID()}`, type: 'Annotation', motivation: 'assessing', 'gloss:kind': 'documentStance', body, target: source });
  }
  return out;
}

/** Events and annotations share one id space in a document; events are written as records. */
function argIri(doc: BundleDocument, ref: string): string {
  return doc.events.some((e) => e.key === ref) ? iriOf('record', `${doc.key}/${ref}`) : iriOf('annotation', ref);
}
