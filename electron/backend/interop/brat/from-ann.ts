import { codePointToUtf16Many, type AttributeValue } from '../../../../shared/index.ts';
import { importError } from '../errors.ts';
import { externalIdFromBrat } from '../external-ids.ts';
import { claimOf, emptyDocument, type Bundle, type BundleAnnotation, type BundleClaim, type BundleDocument, type SourceIds } from '../model.ts';
import type { BratAnnotations } from './ann.ts';
import { DEFAULT_STANCES, ENTITIES_RESOURCE, isClaimType, LINK_NOTES, NOTE_TYPE, PROPOSITIONS_RESOURCE, STANCE_ATTRIBUTE, TEXT_PART, type LinkNote } from './conventions.ts';

// brat to Gloss: one parsed `.ann` into a bundle document (conventions.ts).

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
