import type { AttributeDefinition } from '../../../../shared/index.ts';
import type { Bundle, BundleAnnotation, BundleDocument, BundleRelation } from '../model.ts';
import { manyRangesToCodePoints } from '../text.ts';
import { NOTE_FIELD, PROPOSITION_FIELD, STANCE_FIELD, type RegionExtra } from './parse.ts';
import { regionLabels, regionRange, userName, type LsAnnotation, type LsResult, type LsTask } from './schema.ts';

type Json = Record<string, unknown>;

/**
 * A Label Studio JSON export: one task per document. A task Gloss imported
 * from Label Studio is written back as it was read, with its results
 * regenerated from what Gloss holds now in the same order (deleted regions
 * left out, new ones appended to their annotator's annotation); other
 * documents get new tasks with one annotation per annotator. Offsets are code
 * points, as Label Studio counts them. Warnings name what the format cannot
 * hold.
 */
export function serializeLabelStudio(bundle: Bundle): { json: string; warnings: string[] } {
  const warnings = new Counter();
  const tasks = bundle.documents.map((doc, i) => taskOf(doc, i, bundle, warnings));
  return { json: JSON.stringify(tasks, null, 2) + '\n', warnings: warnings.messages() };
}

function taskOf(doc: BundleDocument, index: number, bundle: Bundle, warnings: Counter): Json {
  const kept = doc.extra as { task?: LsTask; textKey?: string } | undefined;
  const task: LsTask = kept?.task
    ? (structuredClone(kept.task) as LsTask)
    : { id: index + 1, data: { text: doc.text, title: doc.title, name: doc.name, ...doc.metadata }, annotations: [], predictions: [] };
  task.data[kept?.textKey ?? 'text'] = doc.text;
  const lsAnnotations = task.annotations ?? (task.annotations = []);
  const lsId = (a: LsAnnotation, i: number) => String(a.id ?? `#${i}`);
  const byLs = new Map<string, BundleAnnotation[]>(lsAnnotations.map((a, i) => [lsId(a, i), []]));
  // Gloss annotations go to the Label Studio annotation they came from, else to their annotator's, else to a new one.
  for (const a of doc.annotations) {
    const from = (a.extra as RegionExtra | undefined)?.annotation;
    let target = from !== undefined && byLs.has(from) ? from : undefined;
    if (target === undefined) {
      const i = lsAnnotations.findIndex((x) => userName(x.completed_by) === (a.annotator ?? ''));
      if (i >= 0) target = lsId(lsAnnotations[i]!, i);
    }
    if (target === undefined) {
      const next = Math.max(0, ...lsAnnotations.map((x) => (typeof x.id === 'number' ? x.id : 0))) + 1;
      lsAnnotations.push({ id: next, completed_by: a.annotator ?? '', result: [], ...(a.createdAt ? { created_at: a.createdAt } : {}), ...(a.modifiedAt ? { updated_at: a.modifiedAt } : {}) });
      target = String(next);
      byLs.set(target, []);
    }
    byLs.get(target)!.push(a);
  }
  const allCps = manyRangesToCodePoints(doc.text, doc.annotations, (x) => x.ranges);
  const cps = new Map(doc.annotations.map((a, i) => [a, allCps[i]!] as const));
  const regionIdOf = new Map(doc.annotations.map((a) => [a.key, a.ids?.[''] ?? `g${a.key.replace(/[^a-zA-Z0-9]/g, '').slice(0, 10)}`]));
  const annotationOf = new Map<string, string>();
  for (const [ls, anns] of byLs) for (const a of anns) annotationOf.set(a.key, ls);
  const labelDefs = new Map(bundle.labels.map((l) => [l.name, l.attributes]));
  const propositions = new Map(bundle.propositions.map((p) => [p.key, p.text]));

  lsAnnotations.forEach((la, i) => {
    const id = lsId(la, i);
    const anns = byLs.get(id) ?? [];
    const kept = la.result ?? [];
    const template = kept.find((r) => regionLabels(r)) ?? { type: 'labels', from_name: 'label', to_name: 'text' };
    const fresh = new Map(anns.map((a) => [regionIdOf.get(a.key)!, regionItems(a, cps.get(a)!, doc.text, template, labelDefs.get(a.label) ?? [], propositions, warnings)]));
    const relations = doc.relations.filter((r) => annotationOf.get(r.from) === id && annotationOf.get(r.to) === id);
    const usedRelations = new Set<BundleRelation>();
    const result: LsResult[] = [];
    for (const item of kept) {
      if (item.type === 'relation') {
        const r = relations.find((x) => !usedRelations.has(x) && regionIdOf.get(x.from) === item.from_id && regionIdOf.get(x.to) === item.to_id);
        if (!r) continue;
        usedRelations.add(r);
        result.push({ ...item, labels: (item.labels?.[0] ?? 'Related') === r.type ? item.labels : [r.type] });
        continue;
      }
      const regionId = regionRange(item) && item.id !== undefined ? item.id : undefined;
      const items = regionId !== undefined ? fresh.get(regionId) : undefined;
      const key = `${item.type}|${item.from_name ?? ''}`;
      const now = items?.get(key);
      if (now) {
        result.push(merge(item, now));
        items!.delete(key);
      } else if (regionId === undefined || (!isModelled(item) && fresh.has(regionId))) {
        // What Gloss does not model (ratings, taxonomies, per-task choices) goes back as it came, while its region exists.
        result.push(item);
      }
    }
    for (const items of fresh.values()) result.push(...items.values());
    for (const r of relations) if (!usedRelations.has(r)) result.push({ from_id: regionIdOf.get(r.from)!, to_id: regionIdOf.get(r.to)!, type: 'relation', direction: 'right', labels: [r.type] });
    if (la.result !== undefined || result.length) la.result = result;
  });
  const across = doc.relations.filter((r) => r.toDocument !== undefined || annotationOf.get(r.from) !== annotationOf.get(r.to)).length;
  if (across) warnings.add('relation(s) between annotations of different annotators or documents were left out: Label Studio relations stay within one annotation', across);
  if (doc.stances.length) warnings.add('document stance(s) were left out: Label Studio has no stance of a whole document', doc.stances.length);
  const standoff = doc.events.length + doc.equivalences.length + doc.normalizations.length + doc.notes.length;
  if (standoff) warnings.add('event(s), equivalence(s), normalization(s) or typed note(s) were left out: Label Studio has no such results', standoff);
  const linked = doc.annotations.filter((a) => a.entity !== undefined).length;
  if (linked) warnings.add('entity link(s) were left out: Label Studio has no entity registry', linked);
  return task as Json;
}

/** Whether Gloss reads this kind of region result (and so regenerates it). */
function isModelled(item: LsResult): boolean {
  return Boolean(regionLabels(item)) || item.type === 'choices' || item.type === 'textarea';
}

/** A kept result with Gloss's current value; unchanged values keep their original form (e.g. a second label). */
function merge(kept: LsResult, now: LsResult): LsResult {
  const value: Json = { ...kept.value };
  const nv = now.value!;
  const moved = value.start !== nv.start || value.end !== nv.end;
  for (const k of ['start', 'end']) value[k] = nv[k];
  if (kept.type === 'textarea') {
    // Several texts were read as one, joined by line breaks: unchanged, they go back as they were.
    const before = value.text;
    if (!(Array.isArray(before) && before.join('\n') === (nv.text as string[]).join('\n'))) value.text = nv.text;
  } else if ('text' in value && moved) value.text = nv.text; // the quote Label Studio wrote stays while the region has not moved

  const listKey = regionLabels(kept) ? kept.type : kept.type === 'choices' ? 'choices' : undefined;
  if (listKey) {
    const before = value[listKey];
    const after = nv[listKey] as string[];
    const same = Array.isArray(before) && (listKey === 'choices' ? before.join('|') === after.join('|') : before[0] === after[0]);
    value[listKey] = same ? before : after;
  }
  return { ...kept, value };
}

/** The results Gloss writes for one region, by `type|from_name`. */
function regionItems(
  a: BundleAnnotation,
  cp: readonly { start: number; end: number }[],
  text: string,
  template: LsResult,
  defs: readonly AttributeDefinition[],
  propositions: Map<string, string>,
  warnings: Counter,
): Map<string, LsResult> {
  const id = a.ids?.[''] ?? `g${a.key.replace(/[^a-zA-Z0-9]/g, '').slice(0, 10)}`;
  const start = cp[0]!.start;
  const end = cp[cp.length - 1]!.end;
  if (cp.length > 1) warnings.add('discontinuous annotation(s) were written as one region from the first to the last part: Label Studio regions are continuous', 1);
  const quote = text.slice(a.ranges[0]!.start, a.ranges[a.ranges.length - 1]!.end);
  const base = { start, end, text: quote };
  const to = template.to_name ?? 'text';
  const out = new Map<string, LsResult>();
  const put = (r: LsResult) => out.set(`${r.type}|${r.from_name ?? ''}`, r);
  const labelType = template.type;
  put({ value: { ...base, [labelType]: [a.label] }, id, from_name: template.from_name ?? 'label', to_name: to, type: labelType });
  for (const [name, value] of Object.entries(a.attributes)) {
    if (value === false || value === '') continue;
    const def = defs.find((d) => d.name === name);
    if (def?.type === 'text') put({ value: { ...base, text: [String(value)] }, id, from_name: name, to_name: to, type: 'textarea' });
    else put({ value: { ...base, choices: value === true ? ['true'] : String(value).split('|') }, id, from_name: name, to_name: to, type: 'choices' });
  }
  if (a.note) put({ value: { ...base, text: [a.note] }, id, from_name: NOTE_FIELD, to_name: to, type: 'textarea' });
  if (a.claims.length) {
    put({ value: { ...base, text: a.claims.map((c) => propositions.get(c.proposition) ?? c.proposition) }, id, from_name: PROPOSITION_FIELD, to_name: to, type: 'textarea' });
    put({ value: { ...base, choices: a.claims.map((c) => c.stance) }, id, from_name: STANCE_FIELD, to_name: to, type: 'choices' });
    const more = a.claims.filter((c) => c.hedged || c.reported || c.note || c.attribution.text || c.attribution.entity !== null).length;
    if (more) warnings.add('claim link(s) lost their attribution, hedged and reported flags or notes: Label Studio holds a proposition and a stance per link', more);
  }
  return out;
}

/** Warnings counted by message, written once each with their count. */
class Counter {
  private readonly counts = new Map<string, number>();
  add(message: string, n: number): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + n);
  }
  messages(): string[] {
    return [...this.counts].map(([m, n]) => `${n} ${m}`);
  }
}
