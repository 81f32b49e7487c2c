import { codePointToUtf16Many, type AttributeValue } from '../../../../shared/index.ts';
import { importError } from '../errors.ts';
import { externalIdFromBrat, externalIdToBrat } from '../external-ids.ts';
import { claimOf, emptyDocument, type Bundle, type BundleAnnotation, type BundleClaim, type BundleDocument, type BundleEntity, type SourceIds } from '../model.ts';
import { manyRangesToCodePoints } from '../text.ts';
import { bratName } from './tagset.ts';
import { bratValue, emptyAnnotations, oneLine, type BratAnnotations } from './ann.ts';

// Gloss's conventions in brat (brat's own vocabulary: spans, attributes,
// normalizations, notes):
// - a span of type Claim is a claim; its attribute Stance (a stance value,
//   any case) is the stance of its first proposition link;
// - `N… Reference T… propositions:ID<TAB>TEXT` links a claim to proposition ID;
//   typed notes on that N hold the rest of the link: `Stance` (when it differs
//   from the span's), `SaidBy` (free-text attribution), `SaidByEntity`
//   (`RESOURCE:ID NAME`, an entity), `Hedged` and `Reported` (`true`) and
//   `LinkNote`;
// - `N… Reference T… RESOURCE:ID<TAB>NAME` with any other resource links the
//   mention to the entity with that external id (`entities:KEY` to a Gloss
//   entity without one);
// - AnnotatorNotes are the notes of spans, relations and events;
// - every id read (T, R, E, A, N, #, entity and proposition keys) is kept and
//   written again; new records get ids after the highest of their kind.

/** Resource names of Gloss's own links in brat normalizations. */
export const PROPOSITIONS_RESOURCE = 'propositions';
export const ENTITIES_RESOURCE = 'entities';
export const STANCE_ATTRIBUTE = 'Stance';
const NOTE_TYPE = 'AnnotatorNotes';
/** The part under which a normalization's own text is kept when it is not the entity's name or proposition's text (`t:` + text). */
const TEXT_PART = 'n-text';
/** Stance values when the corpus names none (SemEval-2016 Task 6). */
export const DEFAULT_STANCES = ['favor', 'against', 'neutral'];
/** Note types on a proposition link (N) and the claim link field each holds. */
const LINK_NOTES = { Stance: 'stance', SaidBy: 'saidBy', SaidByEntity: 'saidByEntity', Hedged: 'hedged', Reported: 'reported', LinkNote: 'note' } as const;
type LinkNote = keyof typeof LINK_NOTES;

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
  names: { label(type: string): string; relation(type: string): string; isClaim?(label: string): boolean } = { label: (t) => t, relation: (t) => t },
): BundleDocument {
  const isClaim = names.isClaim ?? isClaimType;
  const doc = emptyDocument({ ...fields, file, metadata: { format: 'brat' } });
  const origin = (line: number) => ({ file, line });
  const spans = new Map<string, BundleAnnotation>();
  const stanceValues = bundle.stanceValues?.length ? bundle.stanceValues : DEFAULT_STANCES;
  const stanceOf = (v: string) => stanceValues.find((x) => x.toLowerCase() === v.toLowerCase());
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
      ids: { '': t.id },
      origin: origin(t.line),
    };
    spans.set(t.id, a);
    doc.annotations.push(a);
  }
  const events = new Map(ann.events.map((e) => [e.id, e]));
  for (const e of ann.events) {
    doc.events.push({ key: e.id, type: names.label(e.type), trigger: e.trigger, args: e.args.map((x) => ({ ...x })), attributes: {}, note: '', ids: { '': e.id }, origin: origin(e.line) });
  }
  const eventsByKey = new Map(doc.events.map((e) => [e.key, e]));
  for (const r of ann.relations) {
    const [from, to] = r.args as [(typeof r.args)[0], (typeof r.args)[0]];
    // Gloss relates annotations: an event end is held by its trigger, and the event's id is kept to be written again.
    const end = (ref: string) => events.get(ref)?.trigger ?? ref;
    if (end(from.ref) === end(to.ref)) throw importError(file, r.line, `relation ${r.id}: both ends are the same annotation (${from.ref}, ${to.ref})`);
    const ids: SourceIds = { '': r.id, ...(events.has(from.ref) ? { fromEvent: from.ref } : {}), ...(events.has(to.ref) ? { toEvent: to.ref } : {}) };
    doc.relations.push({ key: r.id, type: names.relation(r.type), from: end(from.ref), to: end(to.ref), fromRole: from.role, toRole: to.role, note: '', ids, origin: origin(r.line) });
  }
  const relationsByKey = new Map(doc.relations.map((r) => [r.key, r]));
  for (const q of ann.equivalences) doc.equivalences.push({ type: q.type, members: [...q.members], origin: origin(q.line) });

  const stances = new Map<string, { value: string; raw: string; id: string }>();
  for (const x of ann.attributes) {
    const span = spans.get(x.target);
    const owner = span ?? eventsByKey.get(x.target) ?? relationsByKey.get(x.target);
    if (!owner) throw importError(file, x.line, `attribute ${x.id}: unknown reference ${x.target}`);
    if (span && isClaim(span.label) && x.name === STANCE_ATTRIBUTE && typeof x.value === 'string' && stanceOf(x.value)) {
      stances.set(x.target, { value: stanceOf(x.value)!, raw: x.value, id: x.id });
      continue;
    }
    const attrs: Record<string, AttributeValue> = (owner.attributes ??= {});
    if (Object.prototype.hasOwnProperty.call(attrs, x.name)) throw importError(file, x.line, `attribute ${x.id}: ${x.target} already has an attribute ${x.name}`);
    attrs[x.name] = x.value;
    owner.ids = { ...owner.ids, [`attr:${x.name}`]: x.id };
  }

  const propositionLinks = new Map<string, { id: string; text: string; n: string }[]>();
  const entityKeys = new Set(bundle.entities.map((e) => e.key));
  /** The bundle key of the entity a brat reference names, added to the bundle when new. */
  const entityKey = (resource: string, id: string, name: string, type: string): string => {
    const glossKey = resource.toLowerCase() === ENTITIES_RESOURCE ? id : null;
    const externalId = glossKey !== null ? null : externalIdFromBrat(resource, id);
    // A Gloss entity's key is its id (the same project finds it again); an external one's, its external id.
    const key = glossKey ?? `external:${externalId}`;
    if (!entityKeys.has(key)) {
      entityKeys.add(key);
      bundle.entities.push({ key, name: name || id, type, externalId, aliases: [], description: '', ...(glossKey !== null ? { sourceId: glossKey } : {}) });
    }
    return key;
  };
  for (const n of ann.normalizations) {
    const span = spans.get(n.target);
    const resource = n.resource.toLowerCase();
    if (span && n.type === 'Reference' && resource === PROPOSITIONS_RESOURCE && isClaim(span.label)) {
      const list = propositionLinks.get(n.target) ?? [];
      list.push({ id: n.externalId, text: n.text, n: n.id });
      propositionLinks.set(n.target, list);
      continue;
    }
    if (span && n.type === 'Reference' && span.entity === undefined && resource !== PROPOSITIONS_RESOURCE) {
      span.entity = entityKey(n.resource, n.externalId, n.text.trim() || fields.text.slice(span.ranges[0]!.start, span.ranges[0]!.end), span.label);
      // The text of this line, when it is not the entity's name (another mention's line named it), is kept to be written again.
      const name = bundle.entities.find((e) => e.key === span.entity)!.name;
      span.ids = { ...span.ids, entity: n.id, ...(n.text !== name ? { [TEXT_PART]: `t:${n.text}` } : {}) };
      continue;
    }
    doc.normalizations.push({ target: n.target, type: n.type, resource: n.resource, externalId: n.externalId, text: n.text, id: n.id, origin: origin(n.line) });
  }

  const links = new Map<string, BundleClaim>();
  for (const [target, list] of propositionLinks) {
    const span = spans.get(target)!;
    const stance = stances.get(target);
    for (const p of list) {
      if (!bundle.propositions.some((x) => x.key === p.id)) bundle.propositions.push({ key: p.id, text: p.text.trim() || span.label, note: '', sourceId: p.id });
      const known = bundle.propositions.find((x) => x.key === p.id)!.text;
      const claim = claimOf(p.id, stance?.value ?? (stanceValues.includes('neutral') ? 'neutral' : stanceValues[0]!), { ids: { link: p.n, ...(p.text !== known ? { [TEXT_PART]: `t:${p.text}` } : {}) } });
      span.claims.push(claim);
      links.set(p.n, claim);
    }
    if (stance) span.ids = { ...span.ids, [`attr:${STANCE_ATTRIBUTE}`]: stance.id };
    stances.delete(target);
  }
  // A stance with no proposition to hold it stays an attribute, as written.
  for (const [target, s] of stances) {
    const span = spans.get(target)!;
    span.attributes[STANCE_ATTRIBUTE] = s.raw;
    span.ids = { ...span.ids, [`attr:${STANCE_ATTRIBUTE}`]: s.id };
  }

  for (const n of ann.notes) {
    const link = links.get(n.target);
    if (link && Object.prototype.hasOwnProperty.call(LINK_NOTES, n.type)) {
      linkNote(link, n.type as LinkNote, n.text, (v) => stanceOf(v), (resource, id, name) => entityKey(resource, id, name, 'Person'), () => importError(file, n.line, `note ${n.id}: ${n.type} needs a value`));
      link.ids = { ...link.ids, [LINK_NOTES[n.type as LinkNote]]: n.id };
      continue;
    }
    const own = n.type === NOTE_TYPE ? (spans.get(n.target) ?? relationsByKey.get(n.target) ?? eventsByKey.get(n.target)) : undefined;
    if (own && own.note === '') {
      own.note = n.text;
      own.ids = { ...own.ids, note: n.id };
    } else doc.notes.push({ target: n.target, type: n.type, text: n.text, id: n.id, origin: origin(n.line) });
  }
  return doc;
}

/** Reads one typed note on a proposition link into the claim link. */
function linkNote(
  link: BundleClaim,
  type: LinkNote,
  text: string,
  stanceOf: (v: string) => string | undefined,
  entity: (resource: string, id: string, name: string) => string,
  fail: () => Error,
): void {
  const value = text.trim();
  switch (type) {
    case 'Stance':
      link.stance = stanceOf(value) ?? value.toLowerCase();
      break;
    case 'SaidBy':
      link.attribution = { ...link.attribution, text };
      break;
    case 'SaidByEntity': {
      const m = /^([^:\s]+):(\S+)\s*(.*)$/.exec(value);
      if (!m) throw fail();
      link.attribution = { ...link.attribution, entity: entity(m[1]!, m[2]!, m[3]!) };
      break;
    }
    case 'Hedged':
      link.hedged = value.toLowerCase() !== 'false';
      break;
    case 'Reported':
      link.reported = value.toLowerCase() !== 'false';
      break;
    case 'LinkNote':
      link.note = text;
      break;
  }
}

/**
 * Hands out brat ids: kept ones are reserved first, new ones continue after
 * the highest number of their kind, so that no id is given twice and the
 * same data always gets the same ids.
 */
class BratIds {
  private readonly taken = new Set<string>();
  private readonly max = new Map<string, number>();

  reserve(id: string | undefined): void {
    if (!id) return;
    this.taken.add(id);
    const m = /^([A-Z#])(\d+)$/.exec(id);
    if (m) this.max.set(m[1]!, Math.max(this.max.get(m[1]!) ?? 0, Number(m[2])));
  }

  /** The kept id when there is one (and it is not yet used in this file), else the next new one. */
  take(prefix: 'T' | 'R' | 'E' | 'A' | 'N' | '#', kept: string | undefined, used: Set<string>): string {
    if (kept && !used.has(kept) && (kept[0] === prefix || (prefix === 'A' && kept[0] === 'M'))) {
      used.add(kept);
      return kept;
    }
    let n = (this.max.get(prefix) ?? 0) + 1;
    while (this.taken.has(`${prefix}${n}`)) n++;
    this.max.set(prefix, n);
    const id = `${prefix}${n}`;
    this.taken.add(id);
    used.add(id);
    return id;
  }
}

/** The brat annotations of a bundle document; cross-document relations, which brat cannot hold, are counted in `dropped`. */
export function bundleToBrat(doc: BundleDocument, bundle: Bundle): { ann: BratAnnotations; dropped: number } {
  const ann = emptyAnnotations();
  const ids = new Map<string, string>();
  let dropped = 0;
  const alloc = new BratIds();
  const used = new Set<string>();
  for (const a of doc.annotations) {
    for (const v of Object.values(a.ids ?? {})) alloc.reserve(v);
    for (const c of a.claims) for (const v of Object.values(c.ids ?? {})) alloc.reserve(v);
  }
  const keptText = (ids: SourceIds | undefined, fallback: string) => ids?.[TEXT_PART]?.slice(2) ?? fallback;
  for (const r of doc.relations) for (const v of Object.values(r.ids ?? {})) alloc.reserve(v);
  for (const e of doc.events) for (const v of Object.values(e.ids ?? {})) alloc.reserve(v);
  for (const n of [...doc.normalizations, ...doc.notes]) alloc.reserve(n.id);

  doc.annotations.forEach((a) => ids.set(a.key, alloc.take('T', a.ids?.[''], used)));
  doc.events.forEach((e) => ids.set(e.key, alloc.take('E', e.ids?.[''], used)));
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
  // An end that was an event in brat is written as that event again, while it still has that trigger.
  const eventEnd = (kept: string | undefined, trigger: string): string | undefined => {
    const e = kept ? doc.events.find((x) => ids.get(x.key) === kept && x.trigger === trigger) : undefined;
    return e ? ids.get(e.key) : undefined;
  };
  doc.relations.forEach((r) => {
    const from = eventEnd(r.ids?.fromEvent, r.from) ?? ids.get(r.from);
    const to = r.toDocument && r.toDocument !== doc.key ? undefined : (eventEnd(r.ids?.toEvent, r.to) ?? ids.get(r.to));
    if (!from || !to) {
      dropped++;
      return;
    }
    const id = alloc.take('R', r.ids?.[''], used);
    ids.set(r.key, id);
    ann.relations.push({ id, type: bratName(r.type), args: [{ role: bratName(r.fromRole ?? 'Arg1'), ref: from }, { role: bratName(r.toRole ?? 'Arg2'), ref: to }], line: 0 });
  });
  for (const q of doc.equivalences) {
    const members = q.members.flatMap((m) => ids.get(m) ?? []);
    if (members.length >= 2) ann.equivalences.push({ type: bratName(q.type), members, line: 0 });
  }
  const attribute = (target: string, name: string, value: AttributeValue, kept: string | undefined) => {
    if (value === false || value === '') return;
    ann.attributes.push({ id: alloc.take('A', kept, used), name: bratName(name), target, value: value === true ? true : bratValue(value), line: 0 });
  };
  for (const a of doc.annotations) {
    const id = ids.get(a.key)!;
    for (const [name, value] of Object.entries(a.attributes)) attribute(id, name, value, a.ids?.[`attr:${name}`]);
    const first = a.claims[0];
    if (first && !Object.prototype.hasOwnProperty.call(a.attributes, STANCE_ATTRIBUTE)) attribute(id, STANCE_ATTRIBUTE, capitalize(first.stance), a.ids?.[`attr:${STANCE_ATTRIBUTE}`]);
  }
  for (const r of doc.relations) {
    const id = ids.get(r.key);
    if (id) for (const [name, value] of Object.entries(r.attributes ?? {})) attribute(id, name, value, r.ids?.[`attr:${name}`]);
  }
  for (const e of doc.events) {
    const id = ids.get(e.key);
    if (id) for (const [name, value] of Object.entries(e.attributes)) attribute(id, name, value, e.ids?.[`attr:${name}`]);
  }
  const note = (target: string | undefined, type: string, text: string, kept: string | undefined) => {
    if (target && text !== '') ann.notes.push({ id: kept === '#' ? '#' : alloc.take('#', kept, used), type: bratName(type), target, text, line: 0 });
  };
  const entityRef = (entity: BundleEntity): [string, string] =>
    entity.externalId ? externalIdToBrat(entity.externalId) : [ENTITIES_RESOURCE, bratValue(entity.sourceId ?? entity.key)];
  for (const a of doc.annotations) {
    const id = ids.get(a.key)!;
    for (const c of a.claims) {
      const p = propositions.get(c.proposition);
      const n = alloc.take('N', c.ids?.link, used);
      ann.normalizations.push({ id: n, type: 'Reference', target: id, resource: PROPOSITIONS_RESOURCE, externalId: bratValue(p?.sourceId ?? c.proposition), text: keptText(c.ids, p?.text ?? ''), line: 0 });
      if (c !== a.claims[0] && c.stance !== a.claims[0]!.stance) note(n, 'Stance', capitalize(c.stance), c.ids?.stance);
      if (c.attribution.text) note(n, 'SaidBy', c.attribution.text, c.ids?.saidBy);
      const who = c.attribution.entity !== null ? entities.get(c.attribution.entity) : undefined;
      if (who) note(n, 'SaidByEntity', `${entityRef(who).join(':')} ${who.name}`, c.ids?.saidByEntity);
      if (c.hedged) note(n, 'Hedged', 'true', c.ids?.hedged);
      if (c.reported) note(n, 'Reported', 'true', c.ids?.reported);
      if (c.note) note(n, 'LinkNote', c.note, c.ids?.note);
    }
    const entity = a.entity !== undefined ? entities.get(a.entity) : undefined;
    if (entity) {
      const [resource, externalId] = entityRef(entity);
      ann.normalizations.push({ id: alloc.take('N', a.ids?.entity, used), type: 'Reference', target: id, resource, externalId, text: keptText(a.ids, entity.name), line: 0 });
    }
  }
  for (const n of doc.normalizations) {
    const target = ids.get(n.target);
    if (target) ann.normalizations.push({ id: alloc.take('N', n.id, used), type: bratName(n.type), target, resource: bratName(n.resource), externalId: n.externalId.replace(/\s+/g, '_'), text: n.text, line: 0 });
  }
  for (const a of doc.annotations) note(ids.get(a.key), NOTE_TYPE, a.note, a.ids?.note);
  for (const r of doc.relations) note(ids.get(r.key), NOTE_TYPE, r.note, r.ids?.note);
  for (const e of doc.events) note(ids.get(e.key), NOTE_TYPE, e.note, e.ids?.note);
  for (const n of doc.notes) note(ids.get(n.target), n.type, n.text, n.id);
  return { ann, dropped };
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
