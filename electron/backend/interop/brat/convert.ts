import { codePointToUtf16Many, type AttributeValue } from '../../../../shared/index.ts';
import { importError } from '../errors.ts';
import { externalIdFromBrat, externalIdToBrat } from '../external-ids.ts';
import { claimOf, emptyDocument, type Bundle, type BundleAnnotation, type BundleDocument } from '../model.ts';
import { manyRangesToCodePoints } from '../text.ts';
import { bratName } from './tagset.ts';
import { bratValue, emptyAnnotations, oneLine, type BratAnnotations } from './ann.ts';

// Gloss's conventions in brat (issue 5):
// - a span of type Claim is a claim; its attribute Stance (Favor, Against or
//   Neutral, any case) is its stance toward the propositions it is linked to;
// - `N… Reference T… propositions:ID<TAB>TEXT` links a claim to proposition ID;
// - `N… Reference T… RESOURCE:ID<TAB>NAME` with any other resource links the
//   mention to the entity with that external id (`entities:ID` to a Gloss
//   entity without one);
// - AnnotatorNotes are the notes of spans, relations and events.

/** Resource names of Gloss's own links in brat normalizations. */
export const PROPOSITIONS_RESOURCE = 'propositions';
export const ENTITIES_RESOURCE = 'entities';
export const STANCE_ATTRIBUTE = 'Stance';
const NOTE_TYPE = 'AnnotatorNotes';
const STANCES = ['favor', 'against', 'neutral'];

export function isClaimType(type: string): boolean {
  return type.toLowerCase() === 'claim';
}

/**
 * Turns one parsed `.ann` into a bundle document, adding the entities and
 * propositions it links to into `bundle` (shared across the folder's files).
 */
export function bratToBundle(
  bundle: Bundle,
  fields: { key: string; name: string; title: string; text: string },
  ann: BratAnnotations,
  file: string,
  names: { label(type: string): string; relation(type: string): string } = { label: (t) => t, relation: (t) => t },
): BundleDocument {
  const doc = emptyDocument({ ...fields, file, metadata: { format: 'brat' } });
  const origin = (line: number) => ({ file, line });
  const spans = new Map<string, BundleAnnotation>();
  // One pass over the text converts every offset.
  const utf16 = codePointToUtf16Many(fields.text, ann.textBounds.flatMap((t) => t.fragments.flatMap((f) => [f.start, f.end])));
  let k = 0;
  for (const t of ann.textBounds) {
    const a: BundleAnnotation = {
      key: t.id,
      label: names.label(t.type),
      ranges: t.fragments.map(() => ({ start: utf16[k++]!, end: utf16[k++]! })),
      attributes: {},
      note: '',
      claims: [],
      origin: origin(t.line),
    };
    spans.set(t.id, a);
    doc.annotations.push(a);
  }
  const events = new Map(ann.events.map((e) => [e.id, e]));
  for (const e of ann.events) {
    doc.events.push({ key: e.id, type: names.label(e.type), trigger: e.trigger, args: e.args.map((x) => ({ ...x })), attributes: {}, note: '', origin: origin(e.line) });
  }
  const eventsByKey = new Map(doc.events.map((e) => [e.key, e]));
  for (const r of ann.relations) {
    const [from, to] = r.args as [(typeof r.args)[0], (typeof r.args)[0]];
    for (const arg of [from, to]) {
      if (events.has(arg.ref)) throw importError(file, r.line, `relation ${r.id}: relations between events are not supported (${arg.ref} is an event)`);
    }
    doc.relations.push({ key: r.id, type: names.relation(r.type), from: from.ref, to: to.ref, fromRole: from.role, toRole: to.role, note: '', origin: origin(r.line) });
  }
  for (const q of ann.equivalences) doc.equivalences.push({ type: q.type, members: [...q.members], origin: origin(q.line) });

  const stances = new Map<string, { value: string; raw: string }>();
  for (const x of ann.attributes) {
    const span = spans.get(x.target);
    const attrs: Record<string, AttributeValue> | undefined = span?.attributes ?? eventsByKey.get(x.target)?.attributes;
    if (!attrs) throw importError(file, x.line, `attribute ${x.id}: unknown reference ${x.target}`);
    if (span && isClaimType(span.label) && x.name.toLowerCase() === STANCE_ATTRIBUTE.toLowerCase() && typeof x.value === 'string' && STANCES.includes(x.value.toLowerCase())) {
      stances.set(x.target, { value: x.value.toLowerCase(), raw: x.value });
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(attrs, x.name)) throw importError(file, x.line, `attribute ${x.id}: ${x.target} already has an attribute ${x.name}`);
    attrs[x.name] = x.value;
  }

  const propositionLinks = new Map<string, { id: string; text: string }[]>();
  const entityKeys = new Set(bundle.entities.map((e) => e.key));
  for (const n of ann.normalizations) {
    const span = spans.get(n.target);
    const resource = n.resource.toLowerCase();
    if (span && n.type === 'Reference' && resource === PROPOSITIONS_RESOURCE && isClaimType(span.label)) {
      const list = propositionLinks.get(n.target) ?? [];
      list.push({ id: n.externalId, text: n.text });
      propositionLinks.set(n.target, list);
      continue;
    }
    if (span && n.type === 'Reference' && span.entity === undefined && resource !== PROPOSITIONS_RESOURCE) {
      // Keys: a Gloss entity's own id, or the external id (shared by every mention of it in the folder).
      const glossId = resource === ENTITIES_RESOURCE ? n.externalId : null;
      const externalId = glossId ? null : externalIdFromBrat(n.resource, n.externalId);
      const key = glossId ?? `external:${externalId}`;
      if (!entityKeys.has(key)) {
        entityKeys.add(key);
        const name = n.text.trim() || fields.text.slice(span.ranges[0]!.start, span.ranges[0]!.end);
        bundle.entities.push({ key, name, type: span.label, externalId, aliases: [], description: '' });
      }
      span.entity = key;
      continue;
    }
    doc.normalizations.push({ target: n.target, type: n.type, resource: n.resource, externalId: n.externalId, text: n.text, origin: origin(n.line) });
  }

  for (const [target, links] of propositionLinks) {
    const span = spans.get(target)!;
    const stance = stances.get(target)?.value ?? 'neutral';
    for (const p of links) {
      if (!bundle.propositions.some((x) => x.key === p.id)) bundle.propositions.push({ key: p.id, text: p.text.trim() || span.label, note: '' });
      span.claims.push(claimOf(p.id, stance));
    }
    stances.delete(target);
  }
  // A stance with no proposition to hold it stays an attribute, as written.
  for (const [target, s] of stances) spans.get(target)!.attributes[STANCE_ATTRIBUTE] = s.raw;

  const relationsByKey = new Map(doc.relations.map((r) => [r.key, r]));
  for (const n of ann.notes) {
    const own = n.type === NOTE_TYPE ? (spans.get(n.target) ?? relationsByKey.get(n.target) ?? eventsByKey.get(n.target)) : undefined;
    if (own && own.note === '') own.note = n.text;
    else doc.notes.push({ target: n.target, type: n.type, text: n.text, origin: origin(n.line) });
  }
  return doc;
}

/** The brat annotations of a bundle document; cross-document relations, which brat cannot hold, are counted in `dropped`. */
export function bundleToBrat(doc: BundleDocument, bundle: Bundle): { ann: BratAnnotations; dropped: number } {
  const ann = emptyAnnotations();
  const ids = new Map<string, string>();
  let dropped = 0;
  const counters = { A: 0, N: 0, '#': 0 };
  const next = (k: keyof typeof counters) => `${k}${++counters[k]}`;
  doc.annotations.forEach((a, i) => ids.set(a.key, `T${i + 1}`));
  doc.events.forEach((e, i) => ids.set(e.key, `E${i + 1}`));
  const entities = new Map(bundle.entities.map((e) => [e.key, e]));
  const propositions = new Map(bundle.propositions.map((p) => [p.key, p]));

  const cps = manyRangesToCodePoints(doc.text, doc.annotations, (a) => a.ranges);
  // A document has few labels and many spans: each label's brat name is worked out once (NFKD and regexes cost).
  const typeNames = new Map<string, string>();
  const typeOf = (label: string) => typeNames.get(label) ?? typeNames.set(label, bratName(label)).get(label)!;
  doc.annotations.forEach((a, i) => {
    const id = ids.get(a.key)!;
    const fragments = cps[i]!;
    ann.textBounds.push({ id, type: typeOf(a.label), fragments, text: oneLine(a.ranges.map((r) => doc.text.slice(r.start, r.end)).join(' ')), line: 0 });
  });
  doc.events.forEach((e) => {
    const trigger = ids.get(e.trigger);
    if (!trigger) return;
    ann.events.push({ id: ids.get(e.key)!, type: bratName(e.type), trigger, args: e.args.filter((x) => ids.has(x.ref)).map((x) => ({ role: bratName(x.role), ref: ids.get(x.ref)! })), line: 0 });
  });
  doc.relations.forEach((r, i) => {
    const from = ids.get(r.from);
    const to = r.toDocument && r.toDocument !== doc.key ? undefined : ids.get(r.to);
    if (!from || !to) {
      dropped++;
      return;
    }
    const id = `R${i + 1}`;
    ids.set(r.key, id);
    ann.relations.push({ id, type: bratName(r.type), args: [{ role: bratName(r.fromRole ?? 'Arg1'), ref: from }, { role: bratName(r.toRole ?? 'Arg2'), ref: to }], line: 0 });
  });
  for (const q of doc.equivalences) {
    const members = q.members.flatMap((m) => ids.get(m) ?? []);
    if (members.length >= 2) ann.equivalences.push({ type: bratName(q.type), members, line: 0 });
  }
  const attribute = (target: string, name: string, value: AttributeValue) => {
    if (value === false || value === '') return;
    ann.attributes.push({ id: next('A'), name: bratName(name), target, value: value === true ? true : bratValue(value), line: 0 });
  };
  for (const a of doc.annotations) {
    const id = ids.get(a.key)!;
    for (const [name, value] of Object.entries(a.attributes)) attribute(id, name, value);
    const first = a.claims[0];
    if (first && !Object.keys(a.attributes).some((k) => k.toLowerCase() === STANCE_ATTRIBUTE.toLowerCase())) attribute(id, STANCE_ATTRIBUTE, capitalize(first.stance));
  }
  for (const e of doc.events) {
    const id = ids.get(e.key);
    if (id) for (const [name, value] of Object.entries(e.attributes)) attribute(id, name, value);
  }
  for (const a of doc.annotations) {
    const id = ids.get(a.key)!;
    for (const c of a.claims) {
      const p = propositions.get(c.proposition);
      ann.normalizations.push({ id: next('N'), type: 'Reference', target: id, resource: PROPOSITIONS_RESOURCE, externalId: bratValue(c.proposition), text: p?.text ?? '', line: 0 });
    }
    const entity = a.entity !== undefined ? entities.get(a.entity) : undefined;
    if (entity) {
      const [resource, externalId] = entity.externalId ? externalIdToBrat(entity.externalId) : [ENTITIES_RESOURCE, bratValue(entity.key)];
      ann.normalizations.push({ id: next('N'), type: 'Reference', target: id, resource, externalId, text: entity.name, line: 0 });
    }
  }
  for (const n of doc.normalizations) {
    const target = ids.get(n.target);
    if (target) ann.normalizations.push({ id: next('N'), type: bratName(n.type), target, resource: bratName(n.resource), externalId: n.externalId.replace(/\s+/g, '_'), text: n.text, line: 0 });
  }
  const note = (target: string | undefined, type: string, text: string) => {
    if (target && text !== '') ann.notes.push({ id: next('#'), type: bratName(type), target, text, line: 0 });
  };
  for (const a of doc.annotations) note(ids.get(a.key), NOTE_TYPE, a.note);
  for (const r of doc.relations) note(ids.get(r.key), NOTE_TYPE, r.note);
  for (const e of doc.events) note(ids.get(e.key), NOTE_TYPE, e.note);
  for (const n of doc.notes) note(ids.get(n.target), n.type, n.text);
  return { ann, dropped };
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
