import type { FileEntry } from '../zip.ts';
import { zipFiles } from '../zip.ts';
import type { Bundle, BundleAnnotation, BundleLabel } from '../model.ts';
import type { QdpxExtra } from './parse.ts';
import { checkAborted, type RunOptions } from '../progress.ts';
import { manyRangesToCodePoints } from '../text.ts';
import { guidOf } from './guid.ts';

export const QDA_NS = 'urn:QDA-XML:project:1.0';
/** The parent code of propositions (its children) and stances (their children). */
export const PROPOSITIONS_CODE = 'Gloss propositions';
/** Descriptions that mark codes Gloss writes for attributes and labels. */
export const ATTRIBUTE_CODE_DESCRIPTION = 'Gloss attribute value';
export const LABEL_KIND_PREFIX = 'Gloss label kind: ';
export const ENTITY_CASE_PREFIX = 'Gloss entity';
const METADATA_VARIABLES = ['outlet', 'author', 'url', 'published', 'language'] as const;

/**
 * A REFI-QDA project (.qdpx: a zip with project.qde and the sources' plain
 * text in sources/). Documents are TextSources; labels are Codes (with their
 * colours), attribute values their child Codes; annotations are
 * PlainTextSelections (one per range, positions in code points) with a
 * Coding for the label and one per attribute value; notes are Notes; users
 * are Users. What QDA tools have no word for is written in their terms:
 * entities are Cases holding their mentions, relations are Links between
 * selections, claims are Codings with a stance Code under the proposition's
 * Code, and document metadata are Variables.
 */
export function serializeQdpx(bundle: Bundle, options: RunOptions & { generated?: string; name?: string } = {}): { bytes: Uint8Array; qde: string; warnings: string[] } {
  const now = options.generated ?? new Date().toISOString();
  const x = new XmlWriter();
  const extra = bundle.extra as Partial<QdpxExtra> | undefined;
  // Kept guids are written again, unless two records kept the same one (a project imported twice): the second gets a new one.
  const used = new Set<string>();
  const keep = (kept: string | undefined, fallback: () => string): string => {
    const g = kept && UUID.test(kept) && !used.has(kept.toLowerCase()) ? kept.toLowerCase() : fallback();
    used.add(g);
    return g;
  };
  const users = new Map<string, string>();
  const userOf = (name: string | undefined) => {
    const n = name || 'Gloss';
    let g = users.get(n);
    if (!g) users.set(n, (g = keep(extra?.users?.[n], () => guidOf('user', n))));
    return g;
  };
  for (const d of bundle.documents) for (const a of d.annotations) userOf(a.annotator);

  const labelGuids = new Map<string, string>();
  for (const l of bundle.labels) labelGuids.set(l.name, keep(l.sourceId, () => guidOf('label', l.name)));
  const labelGuid = (name: string) => labelGuids.get(name) ?? guidOf('label', name);
  const attrGuid = (label: string, name: string, value: string | true) => guidOf('attribute', `${label}\u0000${name}\u0000${value === true ? '' : value}`);
  const propGuid = (key: string) => guidOf('proposition', key);
  const stanceGuid = (key: string, stance: string) => guidOf('stance', `${key}\u0000${stance}`);
  const selGuids = new Map<string, string>();
  const selGuid = (a: BundleAnnotation, i: number) => {
    if (i > 0) return guidOf('annotation-range', `${a.key}#${i}`);
    let g = selGuids.get(a.key);
    if (!g) selGuids.set(a.key, (g = keep(a.ids?.[''], () => guidOf('annotation', a.key))));
    return g;
  };

  // Attribute values and stances in use, for the codebook.
  const attrValues = new Map<string, Map<string, Set<string | true>>>();
  const stances = new Map<string, Set<string>>();
  for (const d of bundle.documents) {
    for (const a of d.annotations) {
      for (const [name, v] of Object.entries(a.attributes)) {
        if (v === false || v === '') continue;
        const byName = attrValues.get(a.label) ?? new Map<string, Set<string | true>>();
        byName.set(name, (byName.get(name) ?? new Set()).add(v));
        attrValues.set(a.label, byName);
      }
      for (const c of a.claims) stances.set(c.proposition, (stances.get(c.proposition) ?? new Set()).add(c.stance));
    }
  }
  const metadataUsed = METADATA_VARIABLES.filter((k) => bundle.documents.some((d) => d.metadata[k]));

  x.raw('<?xml version="1.0" encoding="utf-8"?>');
  x.open('Project', { xmlns: QDA_NS, name: options.name ?? 'Gloss export', origin: 'Gloss', creationDateTime: now });
  // The schema asks for at least one User in <Users>: a project without annotations has none to write.
  if (users.size) {
    x.open('Users');
    for (const [name, guid] of users) x.empty('User', { guid, name });
    x.close('Users');
  }

  const labelsUsed = codebookLabels(bundle);
  if (labelsUsed.length || stances.size) {
    x.open('CodeBook');
    x.open('Codes');
    const children = new Map<string | null, BundleLabel[]>();
    const written = new Set(labelsUsed.map((l) => l.name));
    for (const l of labelsUsed) {
      const parent = l.parent && written.has(l.parent) ? l.parent : null;
      children.set(parent, [...(children.get(parent) ?? []), l]);
    }
    const writeCode = (l: BundleLabel) => {
      x.open('Code', { guid: labelGuid(l.name), name: l.name, isCodable: 'true', ...(l.color ? { color: l.color } : {}) });
      const description = [l.description ?? '', l.kind !== 'entity' ? `${LABEL_KIND_PREFIX}${l.kind}` : ''].filter(Boolean).join('\n\n');
      if (description) x.text('Description', description);
      for (const [name, values] of attrValues.get(l.name) ?? []) {
        for (const v of values) {
          x.open('Code', { guid: attrGuid(l.name, name, v), name: v === true ? name : `${name}=${v}`, isCodable: 'true' });
          x.text('Description', ATTRIBUTE_CODE_DESCRIPTION);
          x.close('Code');
        }
      }
      for (const child of children.get(l.name) ?? []) writeCode(child);
      x.close('Code');
    };
    for (const l of children.get(null) ?? []) writeCode(l);
    if (stances.size) {
      x.open('Code', { guid: guidOf('code', PROPOSITIONS_CODE), name: PROPOSITIONS_CODE, isCodable: 'false' });
      const texts = new Map(bundle.propositions.map((p) => [p.key, p.text]));
      const propositionIds = new Map(bundle.propositions.map((p) => [p.key, p.sourceId]));
      for (const [key, values] of stances) {
        x.open('Code', { guid: keep(propositionIds.get(key), () => propGuid(key)), name: texts.get(key) ?? key, isCodable: 'true' });
        for (const s of values) x.empty('Code', { guid: stanceGuid(key, s), name: s, isCodable: 'true' });
        x.close('Code');
      }
      x.close('Code');
    }
    x.close('Codes');
    x.close('CodeBook');
  }

  if (metadataUsed.length) {
    x.open('Variables');
    for (const k of metadataUsed) x.empty('Variable', { guid: guidOf('variable', k), name: k, typeOfVariable: 'Text' });
    x.close('Variables');
  }

  const entityMentions = new Map<string, string[]>();
  for (const d of bundle.documents) for (const a of d.annotations) if (a.entity !== undefined) entityMentions.set(a.entity, [...(entityMentions.get(a.entity) ?? []), selGuid(a, 0)]);
  if (entityMentions.size) {
    x.open('Cases');
    for (const e of bundle.entities) {
      const mentions = entityMentions.get(e.key);
      if (!mentions) continue;
      x.open('Case', { guid: keep(e.sourceId, () => guidOf('entity', e.key)), name: e.name });
      x.text('Description', `${ENTITY_CASE_PREFIX}${JSON.stringify({ type: e.type, externalId: e.externalId, aliases: e.aliases, description: e.description })}`);
      for (const m of mentions) x.empty('SelectionRef', { targetGUID: m });
      x.close('Case');
    }
    x.close('Cases');
  }

  const notes: { guid: string; text: string; user: string; created?: string }[] = [];
  const files: FileEntry[] = [];
  // <Sources> needs at least one source.
  if (bundle.documents.length) x.open('Sources');
  const sourceGuids = new Set<string>();
  bundle.documents.forEach((d, di) => {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'export', done: di, total: bundle.documents.length, item: d.name });
    const guid = keep(d.sourceId, () => guidOf('document', d.key));
    sourceGuids.add(guid);
    files.push({ path: `sources/${guid}.txt`, data: d.text });
    x.open('TextSource', { guid, name: d.name, plainTextPath: `internal://${guid}.txt`, creationDateTime: now });
    x.text('Description', d.title);
    const cps = manyRangesToCodePoints(d.text, d.annotations, (a) => a.ranges);
    d.annotations.forEach((a, ai) => {
      const user = userOf(a.annotator);
      const created = a.createdAt;
      a.ranges.forEach((r, ri) => {
        const sel = selGuid(a, ri);
        const attrs: Record<string, string> = { guid: sel, name: d.text.slice(r.start, r.end).slice(0, 200), startPosition: String(cps[ai]![ri]!.start), endPosition: String(cps[ai]![ri]!.end), creatingUser: user };
        if (created) attrs.creationDateTime = created;
        if (a.modifiedAt) attrs.modifiedDateTime = a.modifiedAt;
        x.open('PlainTextSelection', attrs);
        const coding = (code: string) => {
          x.open('Coding', { guid: guidOf('coding', `${sel}\u0000${code}`), creatingUser: user, ...(created ? { creationDateTime: created } : {}) });
          x.empty('CodeRef', { targetGUID: code });
          x.close('Coding');
        };
        coding(labelGuid(a.label));
        for (const [name, v] of Object.entries(a.attributes)) if (v !== false && v !== '') coding(attrGuid(a.label, name, v));
        for (const c of a.claims) coding(stanceGuid(c.proposition, c.stance));
        if (a.note) {
          // Each part of a discontinuous span refers to the one note.
          const noteGuid = guidOf('note', a.key);
          if (ri === 0) notes.push({ guid: noteGuid, text: a.note, user, created });
          x.empty('NoteRef', { targetGUID: noteGuid });
        }
        x.close('PlainTextSelection');
      });
    });
    for (const k of metadataUsed) {
      const v = d.metadata[k];
      if (!v) continue;
      x.open('VariableValue');
      x.empty('VariableRef', { targetGUID: guidOf('variable', k) });
      x.text('TextValue', v);
      x.close('VariableValue');
    }
    x.close('TextSource');
  });
  if (bundle.documents.length) x.close('Sources');

  const links = bundle.documents.flatMap((d) =>
    d.relations.flatMap((r) => {
      const from = d.annotations.find((a) => a.key === r.from);
      const toDoc = r.toDocument ? bundle.documents.find((x) => x.key === r.toDocument) : d;
      const to = toDoc?.annotations.find((a) => a.key === r.to);
      if (!from || !to) return [];
      const guid = keep(r.ids?.[''], () => guidOf('relation', `${d.key}\u0000${r.key}`));
      return [{ guid, name: r.type, direction: 'OneWay', from: selGuid(from, 0), to: selGuid(to, 0), note: r.note ? guidOf('note', guid) : undefined, text: r.note }];
    }),
  );
  // Events and equivalences as links (QDA tools have no n-ary annotations): an event's trigger links to each argument.
  for (const d of bundle.documents) {
    const byKey = new Map(d.annotations.map((a) => [a.key, a]));
    const triggerOf = new Map(d.events.map((e) => [e.key, e.trigger]));
    const sel = (key: string) => {
      const a = byKey.get(key) ?? byKey.get(triggerOf.get(key) ?? '');
      return a ? selGuid(a, 0) : undefined;
    };
    for (const e of d.events) {
      const trigger = sel(e.trigger);
      if (!trigger) continue;
      const args = e.args.length ? e.args : [{ role: '', ref: e.trigger }];
      args.forEach((arg, i) => {
        const to = sel(arg.ref);
        if (to) links.push({ guid: guidOf('event-link', `${d.key}\u0000${e.key}\u0000${i}`), name: `event:${e.type}${arg.role ? `:${arg.role}` : ''}`, direction: 'OneWay', from: trigger, to, note: undefined, text: '' });
      });
    }
    d.equivalences.forEach((q, qi) => {
      const members = q.members.map(sel).filter((m): m is string => m !== undefined);
      for (let i = 1; i < members.length; i++) {
        links.push({ guid: guidOf('equivalence-link', `${d.key}\u0000${qi}\u0000${i}`), name: `equivalence:${q.type}`, direction: 'Associative', from: members[0]!, to: members[i]!, note: undefined, text: '' });
      }
    });
  }
  for (const l of links) if (l.note) notes.push({ guid: l.note, text: l.text, user: userOf(undefined) });

  if (notes.length) {
    x.open('Notes');
    for (const n of notes) {
      x.open('Note', { guid: n.guid, name: n.text.split('\n')[0]!.slice(0, 80), creatingUser: n.user, ...(n.created ? { creationDateTime: n.created } : {}) });
      x.text('PlainTextContent', n.text);
      x.close('Note');
    }
    x.close('Notes');
  }

  if (links.length) {
    x.open('Links');
    for (const l of links) {
      const attrs = { guid: l.guid, name: l.name, direction: l.direction, originGUID: l.from, targetGUID: l.to };
      if (!l.note) {
        x.empty('Link', attrs);
        continue;
      }
      x.open('Link', attrs);
      x.empty('NoteRef', { targetGUID: l.note });
      x.close('Link');
    }
    x.close('Links');
  }
  const codeGuids = new Set(labelGuids.values());
  const sets = (extra?.sets ?? [])
    .map((set) => ({ ...set, codes: set.codes.filter((g) => codeGuids.has(g.toLowerCase())), sources: set.sources.filter((g) => sourceGuids.has(g.toLowerCase())) }))
    .filter((set) => !used.has(set.guid.toLowerCase()));
  if (sets.length) {
    x.open('Sets');
    for (const set of sets) {
      x.open('Set', { guid: keep(set.guid, () => guidOf('set', set.name)), name: set.name });
      if (set.description) x.text('Description', set.description);
      for (const g of set.codes) x.empty('MemberCode', { targetGUID: g });
      for (const g of set.sources) x.empty('MemberSource', { targetGUID: g });
      x.close('Set');
    }
    x.close('Sets');
  }
  x.close('Project');
  const qde = x.toString();
  options.onProgress?.({ phase: 'export', done: bundle.documents.length, total: bundle.documents.length });
  return { bytes: zipFiles([{ path: 'project.qde', data: qde }, ...files]), qde, warnings: [] as string[] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The labels the codebook holds: all of a Gloss tagset; for a project that
 * came from a QDA tool (its labels have guids), its own codes and the labels
 * annotations use, so that no code is added that the project did not have.
 */
function codebookLabels(bundle: Bundle): BundleLabel[] {
  if (!bundle.labels.some((l) => l.sourceId)) return bundle.labels;
  const usedLabels = new Set(bundle.documents.flatMap((d) => d.annotations.map((a) => a.label)));
  const keep = new Set(bundle.labels.filter((l) => l.sourceId || usedLabels.has(l.name)).map((l) => l.name));
  // A kept label's ancestors are kept too, so the tree stays whole.
  const byName = new Map(bundle.labels.map((l) => [l.name, l]));
  for (const name of [...keep]) for (let p = byName.get(name)?.parent; p && !keep.has(p); p = byName.get(p)?.parent) keep.add(p);
  return bundle.labels.filter((l) => keep.has(l.name));
}

/** A small indenting XML writer; text and attribute values are escaped, characters XML 1.0 forbids are dropped. */
class XmlWriter {
  private readonly out: string[] = [];
  private depth = 0;

  raw(s: string): void {
    this.out.push(s);
  }

  open(name: string, attrs: Record<string, string> = {}): void {
    this.out.push(`${this.pad()}<${name}${attrString(attrs)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.out.push(`${this.pad()}</${name}>`);
  }

  empty(name: string, attrs: Record<string, string> = {}): void {
    this.out.push(`${this.pad()}<${name}${attrString(attrs)}/>`);
  }

  text(name: string, value: string): void {
    this.out.push(`${this.pad()}<${name}>${escapeXml(value)}</${name}>`);
  }

  private pad(): string {
    return '  '.repeat(this.depth);
  }

  toString(): string {
    return this.out.join('\n') + '\n';
  }
}

function attrString(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`)
    .join('');
}

function escapeXml(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}
