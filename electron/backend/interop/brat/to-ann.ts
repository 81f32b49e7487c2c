import type { AttributeValue } from '../../../../shared/index.ts';
import { externalIdToBrat } from '../external-ids.ts';
import type { Bundle, BundleDocument, BundleEntity, SourceIds } from '../model.ts';
import { manyRangesToCodePoints } from '../text.ts';
import { bratValue, emptyAnnotations, oneLine, type BratAnnotations } from './ann.ts';
import { ENTITIES_RESOURCE, NOTE_TYPE, PROPOSITIONS_RESOURCE, STANCE_ATTRIBUTE, TEXT_PART } from './conventions.ts';
import { bratName } from './tagset.ts';

// Gloss to brat: a bundle document as `.ann` lines, ids kept (conventions.ts).

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
