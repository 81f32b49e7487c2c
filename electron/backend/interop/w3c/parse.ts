import type { AttributeValue, Block, LabelKind, SourceMetadata, TextRange } from '../../../../shared/index.ts';
import { importError, jsonErrorLine, lineOfJsonValue } from '../errors.ts';
import { assertNoEscapedNul, describeZodError } from '../json-checks.ts';
import { GlossDocumentSchema, GlossLabelSchema, GlossRelationTypeSchema } from './schema.ts';
import type { z } from 'zod';
import { externalIdFromIri } from '../external-ids.ts';
import { claimOf, emptyBundle, emptyDocument, type Bundle, type BundleAnnotation, type BundleClaim, type BundleDocument, type BundleLabel } from '../model.ts';
import { rangesFromCodePoints } from '../text.ts';
import { keyOf } from './vocab.ts';

type Json = Record<string, unknown>;

/** A document that annotations in a W3C file target, found outside the file. */
export interface ResolvedDocument {
  key: string;
  text: string;
  /** The project document's id, when it is one. */
  existing?: string;
}

/** Finds the document a target's source IRI names: in the import batch or the project. */
export type DocumentResolver = (iri: string) => ResolvedDocument | undefined;

/**
 * Reads W3C Web Annotations: a single Annotation, an array of them, an
 * AnnotationPage or an AnnotationCollection with embedded pages. Targets are
 * anchored by TextPositionSelector (code points), checked against the
 * TextQuoteSelector, or found by the quote (with its prefix and suffix) when
 * there is no position or the text has moved. Gloss's own exports carry the
 * documents' texts; other files need the documents in the project or in the
 * same import.
 */
export function parseW3c(raw: string, file: string, resolve: DocumentResolver): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw importError(file, jsonErrorLine(raw), `not valid JSON (${(err as Error).message.split('\n')[0]!.slice(0, 120)})`);
  }
  assertNoEscapedNul(raw, file);
  const bundle = emptyBundle();
  const docs = new Map<string, BundleDocument>();
  const annotations: Json[] = [];
  const fail = (a: Json | undefined, message: string) => importError(file, a && typeof a.id === 'string' ? lineOfJsonValue(raw, 'id', a.id) : undefined, message);

  // A stack rather than recursion: a chain of embedded pages may be long. Items are pushed in reverse to be read in order.
  const stack: unknown[] = [json];
  const pushAll = (list: unknown[]) => {
    for (let i = list.length - 1; i >= 0; i--) stack.push(list[i]);
  };
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      pushAll(node);
      continue;
    }
    if (!isObject(node)) throw importError(file, undefined, 'expected an Annotation, an AnnotationPage or an AnnotationCollection');
    const types = typesOf(node);
    if (types.includes('Annotation')) annotations.push(node);
    else if (types.includes('AnnotationPage')) {
      if (typeof node.next === 'string') throw fail(node, `the next page ${node.next} is not embedded in the file; Gloss reads self-contained files only`);
      if (isObject(node.next)) stack.push(node.next);
      pushAll(asArray(node.items));
    } else if (types.includes('AnnotationCollection')) {
      readGlossHeader(node, bundle, docs, file, raw);
      if (typeof node.first === 'string') throw fail(node, `the first page ${node.first} is not embedded in the file; Gloss reads self-contained files only`);
      if (isObject(node.first)) stack.push(node.first);
    } else throw fail(node, `an object of type "${types.join(', ') || '(none)'}" is not an Annotation, AnnotationPage or AnnotationCollection`);
  }

  const docFor = (iri: string, a: Json): BundleDocument => {
    const known = docs.get(iri);
    if (known) return known;
    const found = resolve(iri);
    if (!found) throw fail(a, `unknown reference: the target source ${iri} is neither a document in this file, in this import nor in the project`);
    const stub = emptyDocument({ key: found.key, name: '', title: '', text: found.text, stub: true, existing: found.existing, file });
    docs.set(iri, stub);
    return stub;
  };
  const annotationDoc = new Map<string, BundleDocument>();
  const labels = new Map<string, BundleLabel>(bundle.labels.map((l) => [l.name, l]));
  const addLabel = (name: string, kind: LabelKind) => {
    if (!labels.has(name)) labels.set(name, { name, kind, attributes: [] });
  };
  const later: Json[] = [];

  for (const a of annotations) {
    const kind = a['gloss:kind'];
    if (typeof kind === 'string') {
      later.push(a);
      continue;
    }
    const targets = asArray(a.target);
    if (!targets.length) throw fail(a, 'the annotation has no target');
    const ranges: TextRange[] = [];
    let doc: BundleDocument | undefined;
    for (const t of targets) {
      if (typeof t === 'string') throw fail(a, `the target ${t} is a whole resource; Gloss imports annotations of text spans (a SpecificResource with a TextQuoteSelector or TextPositionSelector)`);
      if (!isObject(t) || typeof t.source !== 'string') throw fail(a, 'a target is not a SpecificResource with a source IRI');
      const d = docFor(t.source, a);
      if (doc && d !== doc) throw fail(a, 'the targets of one annotation are in different documents');
      doc = d;
      ranges.push(anchor(d.text, asArray(t.selector), (m) => fail(a, m)));
    }
    const bodies = asArray(a.body ?? (typeof a.bodyValue === 'string' ? { type: 'TextualBody', value: a.bodyValue } : []));
    const ann = readBodies(a, bodies, bundle, fail);
    ann.ranges = ranges.sort((x, y) => x.start - y.start);
    addLabel(ann.label, ann.labelKind);
    const { labelKind: _k, ...rest } = ann;
    doc!.annotations.push(rest);
    annotationDoc.set(rest.key, doc!);
  }

  for (const a of later) readRecord(a, { docs, annotationDoc, docFor, bundle, fail });
  bundle.labels = [...labels.values()];
  bundle.documents = [...docs.values()];
  return bundle;
}

/** `gloss:documents`, `gloss:labels` and `gloss:relationTypes` of a Gloss export. */
function readGlossHeader(node: Json, bundle: Bundle, docs: Map<string, BundleDocument>, file: string, raw: string): void {
  const check = (schema: z.ZodType, value: unknown, where: string, i: number) => {
    const r = schema.safeParse(value);
    const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
    if (!r.success) throw importError(file, id ? lineOfJsonValue(raw, 'id', id) : undefined, `${where}[${i}]: ${describeZodError(r.error)}`);
  };
  asArray(node['gloss:documents']).forEach((d, i) => check(GlossDocumentSchema, d, 'gloss:documents', i));
  asArray(node['gloss:labels']).forEach((l, i) => check(GlossLabelSchema, l, 'gloss:labels', i));
  asArray(node['gloss:relationTypes']).forEach((r, i) => check(GlossRelationTypeSchema, r, 'gloss:relationTypes', i));
  for (const d of asArray(node['gloss:documents'])) {
    if (!isObject(d) || typeof d.id !== 'string' || typeof d.text !== 'string') throw importError(file, undefined, 'gloss:documents: each document needs an id and a text');
    const text = d.text;
    const blocks = Array.isArray(d.blocks)
      ? (d.blocks as Block[]).map((b) => {
          const [r] = rangesFromCodePoints(text, [{ start: b.start, end: b.end }]);
          return { ...b, start: r!.start, end: r!.end };
        })
      : [];
    docs.set(
      d.id,
      emptyDocument({
        key: keyOf(d.id),
        name: typeof d.name === 'string' ? d.name : keyOf(d.id),
        title: typeof d.title === 'string' ? d.title : '',
        text,
        blocks,
        metadata: isObject(d.metadata) ? (d.metadata as SourceMetadata) : {},
        file,
      }),
    );
  }
  for (const l of asArray(node['gloss:labels'])) {
    if (isObject(l) && typeof l.name === 'string') {
      bundle.labels.push({ name: l.name, kind: (['entity', 'claim', 'other'].includes(l.kind as string) ? l.kind : 'other') as LabelKind, color: typeof l.color === 'string' ? l.color : undefined, attributes: Array.isArray(l.attributes) ? (l.attributes as BundleLabel['attributes']) : [] });
    }
  }
  for (const r of asArray(node['gloss:relationTypes'])) {
    if (isObject(r) && typeof r.name === 'string') bundle.relationTypes.push({ name: r.name, color: typeof r.color === 'string' ? r.color : undefined, symmetric: r.symmetric === true });
  }
}

const MOTIVATION_LABELS: Record<string, string> = {
  commenting: 'Comment', highlighting: 'Highlight', bookmarking: 'Bookmark', describing: 'Description', questioning: 'Question',
  replying: 'Reply', editing: 'Edit', assessing: 'Assessment', identifying: 'Identification', classifying: 'Classification', linking: 'Link', moderating: 'Moderation', tagging: 'Tag',
};

/** The label, attributes, note, entity link and claims an annotation's bodies carry. */
function readBodies(a: Json, bodies: unknown[], bundle: Bundle, fail: (a: Json, m: string) => Error): BundleAnnotation & { labelKind: LabelKind } {
  const motivation = asArray(a.motivation).find((m): m is string => typeof m === 'string');
  let label: string | undefined;
  let labelKind: LabelKind = 'other';
  const attributes: Record<string, AttributeValue> = {};
  const notes: string[] = [];
  let entity: string | undefined;
  const propositionTexts = new Map<string, { text: string; note: string }>();
  const claims: BundleClaim[] = [];
  for (const b of bodies) {
    if (typeof b === 'string') {
      if (motivation === 'identifying' || motivation === 'classifying') entity = entityFor(bundle, b, undefined, label);
      else notes.push(b);
      continue;
    }
    if (!isObject(b)) throw fail(a, 'a body is neither an IRI nor an object');
    const purpose = asArray(b.purpose).find((p): p is string => typeof p === 'string') ?? motivation;
    const value = typeof b.value === 'string' ? b.value : undefined;
    const isText = typesOf(b).includes('TextualBody') || (value !== undefined && b.source === undefined);
    if (isText && value !== undefined) {
      if (typeof b['gloss:attribute'] === 'string') {
        const v = b['gloss:value'];
        attributes[b['gloss:attribute']] = typeof v === 'boolean' || typeof v === 'string' ? v : value;
      } else if ((purpose === 'tagging' || purpose === 'classifying') && label === undefined) {
        label = value;
        if (typeof b['gloss:labelKind'] === 'string' && ['entity', 'claim', 'other'].includes(b['gloss:labelKind'])) labelKind = b['gloss:labelKind'] as LabelKind;
      } else if (purpose === 'tagging' || purpose === 'classifying') attributes[value] = true;
      else if (purpose === 'linking' && typeof (b['gloss:proposition'] ?? b.id) === 'string') {
        propositionTexts.set((b['gloss:proposition'] ?? b.id) as string, { text: value, note: typeof b['gloss:propositionNote'] === 'string' ? b['gloss:propositionNote'] : '' });
      } else if (purpose === 'assessing' && typeof b['gloss:proposition'] === 'string') {
        const att = isObject(b['gloss:attribution']) ? b['gloss:attribution'] : {};
        claims.push(
          claimOf(b['gloss:proposition'], value, {
            hedged: b['gloss:hedged'] === true,
            reported: b['gloss:reported'] === true,
            note: typeof b['gloss:claimNote'] === 'string' ? b['gloss:claimNote'] : '',
            attribution: { entity: typeof att.entity === 'string' ? keyOf(att.entity) : null, text: typeof att.text === 'string' ? att.text : '' },
          }),
        );
      } else notes.push(value);
      continue;
    }
    const source = typeof b.source === 'string' ? b.source : isObject(b.source) && typeof b.source.id === 'string' ? b.source.id : typeof b.id === 'string' ? b.id : undefined;
    if (source && (purpose === 'identifying' || purpose === 'classifying') && entity === undefined) {
      entity = entityFor(bundle, source, isObject(b['gloss:entity']) ? b['gloss:entity'] : undefined, label);
    } else if (source) notes.push(source);
  }
  for (const c of claims) {
    const p = propositionTexts.get(c.proposition);
    const key = keyOf(c.proposition);
    if (!bundle.propositions.some((x) => x.key === key)) bundle.propositions.push({ key, text: p?.text || key, note: p?.note ?? '' });
    c.proposition = key;
  }
  const creator = asArray(a.creator)[0];
  const annotator = typeof creator === 'string' ? creator : isObject(creator) ? [creator.name, creator.nickname, creator.id].find((x): x is string => typeof x === 'string') : undefined;
  return {
    key: typeof a.id === 'string' ? keyOf(a.id) : `w3c-${Math.random().toString(36).slice(2)}`,
    label: label ?? (motivation ? (MOTIVATION_LABELS[motivation] ?? 'Annotation') : 'Annotation'),
    labelKind,
    ranges: [],
    attributes,
    note: notes.join('\n\n'),
    ...(annotator ? { annotator } : {}),
    ...(isIsoDate(a.created) ? { createdAt: a.created } : {}),
    ...(isIsoDate(a.modified) ? { modifiedAt: a.modified } : {}),
    ...(entity !== undefined ? { entity } : {}),
    claims,
  };
}

/** The bundle entity for an identifying body, added on first use. */
function entityFor(bundle: Bundle, iri: string, info: Json | undefined, mentionLabel: string | undefined): string {
  const key = info && typeof info.id === 'string' ? keyOf(info.id) : `iri:${iri}`;
  if (!bundle.entities.some((e) => e.key === key)) {
    const externalId = info ? (typeof info.externalId === 'string' ? info.externalId : null) : externalIdFromIri(iri);
    bundle.entities.push({
      key,
      name: info && typeof info.name === 'string' ? info.name : (externalId ?? iri),
      type: info && typeof info.type === 'string' ? info.type : (mentionLabel ?? ''),
      externalId,
      aliases: info && Array.isArray(info.aliases) ? info.aliases.filter((x): x is string => typeof x === 'string') : [],
      description: info && typeof info.description === 'string' ? info.description : '',
    });
  }
  return key;
}

interface RecordContext {
  docs: Map<string, BundleDocument>;
  annotationDoc: Map<string, BundleDocument>;
  docFor: (iri: string, a: Json) => BundleDocument;
  bundle: Bundle;
  fail: (a: Json, m: string) => Error;
}

/** Relations, events, equivalences, normalizations, typed notes and document stances of a Gloss export. */
function readRecord(a: Json, ctx: RecordContext): void {
  const kind = a['gloss:kind'] as string;
  const bodies = asArray(a.body).filter(isObject);
  const tag = bodies.find((b) => b.purpose === 'tagging' && typeof b.value === 'string')?.value as string | undefined;
  const note = bodies.filter((b) => b.purpose === 'commenting' && typeof b.value === 'string').map((b) => b.value as string).join('\n\n');
  const targets = asArray(a.target).filter((t): t is string => typeof t === 'string');
  const docOf = (iri: string): { doc: BundleDocument; key: string } => {
    const key = keyOf(iri);
    const recordKey = key.includes('/') ? key.slice(key.lastIndexOf('/') + 1) : key;
    const doc = ctx.annotationDoc.get(key) ?? [...ctx.docs.values()].find((d) => d.events.some((e) => e.key === recordKey) || key.startsWith(`${d.key}/`));
    if (!doc) throw ctx.fail(a, `unknown reference: ${iri} is not an annotation in this file`);
    return { doc, key: ctx.annotationDoc.has(key) ? key : recordKey };
  };
  const attributes: Record<string, AttributeValue> = {};
  for (const b of bodies) {
    const v = b['gloss:value'];
    if (typeof b['gloss:attribute'] === 'string' && (typeof v === 'string' || typeof v === 'boolean')) attributes[b['gloss:attribute']] = v;
  }
  switch (kind) {
    case 'relation': {
      const from = docOf(targets[0] ?? '');
      const link = bodies.find((b) => b.purpose === 'linking' && typeof b.source === 'string');
      if (!link || !tag) throw ctx.fail(a, 'a relation needs a tagging body (its type) and a linking body (its target)');
      const to = docOf(link.source as string);
      const key = keyOf(a.id as string).split('/').pop()!;
      from.doc.relations.push({
        key,
        type: tag,
        from: from.key,
        to: to.key,
        ...(to.doc !== from.doc ? { toDocument: to.doc.key } : {}),
        note,
        ...(typeof a['gloss:fromRole'] === 'string' ? { fromRole: a['gloss:fromRole'] } : {}),
        ...(typeof link['gloss:role'] === 'string' ? { toRole: link['gloss:role'] } : {}),
      });
      if (!ctx.bundle.relationTypes.some((r) => r.name === tag)) ctx.bundle.relationTypes.push({ name: tag });
      return;
    }
    case 'event': {
      const trigger = docOf(targets[0] ?? '');
      if (!tag) throw ctx.fail(a, 'an event needs a tagging body (its type)');
      const args = bodies.filter((b) => b.purpose === 'linking' && typeof b.source === 'string').map((b) => ({ role: String(b['gloss:role'] ?? 'Arg'), ref: docOf(b.source as string).key }));
      trigger.doc.events.push({ key: keyOf(a.id as string).split('/').pop()!, type: tag, trigger: trigger.key, args, attributes, note });
      return;
    }
    case 'equivalence': {
      const members = targets.map(docOf);
      if (!members.length || !tag) throw ctx.fail(a, 'an equivalence needs members and a type');
      members[0]!.doc.equivalences.push({ type: tag, members: members.map((m) => m.key) });
      return;
    }
    case 'normalization': {
      const target = docOf(targets[0] ?? '');
      const n = bodies.map((b) => b['gloss:normalization']).find(isObject);
      if (!n) throw ctx.fail(a, 'a normalization needs its gloss:normalization');
      target.doc.normalizations.push({ target: target.key, type: String(n.type ?? 'Reference'), resource: String(n.resource ?? ''), externalId: String(n.externalId ?? ''), text: String(n.text ?? '') });
      return;
    }
    case 'note': {
      const target = docOf(targets[0] ?? '');
      target.doc.notes.push({ target: target.key, type: String(a['gloss:noteType'] ?? 'AnnotatorNotes'), text: note });
      return;
    }
    case 'documentStance': {
      const iri = typeof a.target === 'string' ? a.target : '';
      const doc = ctx.docFor(iri, a);
      const assess = bodies.find((b) => b.purpose === 'assessing' && typeof b['gloss:proposition'] === 'string');
      if (!assess || typeof assess.value !== 'string') throw ctx.fail(a, 'a document stance needs an assessing body');
      const pIri = assess['gloss:proposition'] as string;
      const key = keyOf(pIri);
      const text = bodies.find((b) => b.purpose === 'linking' && (b['gloss:proposition'] ?? b.id) === pIri)?.value;
      if (!ctx.bundle.propositions.some((p) => p.key === key)) ctx.bundle.propositions.push({ key, text: typeof text === 'string' && text ? text : key, note: '' });
      doc.stances.push({ proposition: key, stance: assess.value, justification: note });
      return;
    }
    default:
      throw ctx.fail(a, `unknown gloss:kind "${kind}"`);
  }
}

/** The UTF-16 range a target's selectors denote; errors explain what did not match. */
function anchor(text: string, selectors: unknown[], fail: (m: string) => Error): TextRange {
  const objs = selectors.filter(isObject);
  const pos = objs.find((s) => typesOf(s).includes('TextPositionSelector'));
  const quote = objs.find((s) => typesOf(s).includes('TextQuoteSelector'));
  if (!pos && !quote) {
    const kinds = objs.map((s) => typesOf(s).join('/')).join(', ');
    throw fail(`no TextQuoteSelector or TextPositionSelector in the target${kinds ? ` (found ${kinds})` : ''}`);
  }
  const exact = quote && typeof quote.exact === 'string' ? quote.exact : undefined;
  if (quote && exact === undefined) throw fail('a TextQuoteSelector has no exact text');
  let hint: number | undefined;
  if (pos) {
    const start = pos.start;
    const end = pos.end;
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
      throw fail(`a TextPositionSelector needs integer start < end (got ${String(start)}, ${String(end)})`);
    }
    let range: TextRange;
    try {
      range = rangesFromCodePoints(text, [{ start: start as number, end: end as number }])[0]!;
    } catch {
      if (exact === undefined) throw fail(`offset ${String(end)} is past the end of the text`);
      range = { start: text.length, end: text.length };
    }
    if (exact === undefined || text.slice(range.start, range.end) === exact) return range;
    hint = range.start;
  }
  const found = findQuote(text, exact!, typeof quote!.prefix === 'string' ? quote!.prefix : '', typeof quote!.suffix === 'string' ? quote!.suffix : '', hint);
  if (!found) {
    const where = pos ? ` at ${String(pos.start)}–${String(pos.end)} nor` : '';
    throw fail(`the quoted text "${clip(exact!)}" is found neither${where} anywhere else in the document`);
  }
  return found;
}

/** The occurrence of `exact` whose context best matches prefix and suffix, nearest to `hint` among equals. */
export function findQuote(text: string, exact: string, prefix: string, suffix: string, hint?: number): TextRange | undefined {
  if (!exact) return undefined;
  let best: { start: number; score: number; distance: number } | undefined;
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) {
    const score = commonSuffix(text.slice(Math.max(0, i - prefix.length), i), prefix) + commonPrefix(text.slice(i + exact.length, i + exact.length + suffix.length), suffix);
    const distance = hint === undefined ? 0 : Math.abs(i - hint);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start: i, score, distance };
  }
  return best && { start: best.start, end: best.start + exact.length };
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function typesOf(o: Json): string[] {
  return asArray(o.type ?? o['@type']).filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^oa:/, ''));
}

function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
