import type { AttributeValue, Block, LabelKind, SourceMetadata, TextRange } from '../../../../shared/index.ts';
import { lineBlocks } from '../../import/blocks.ts';
import { importError } from '../errors.ts';
import { claimOf, emptyBundle, emptyDocument, type Bundle, type BundleDocument } from '../model.ts';
import { assertNoEscapedNul, describeZodError } from '../json-checks.ts';
import { rangesFromCodePoints, titleFromText } from '../text.ts';
import { DoccanoRecordSchema, GlossRecordSchema } from './schema.ts';

type Json = Record<string, unknown>;

/**
 * Reads JSONL: Gloss's own (one document per line, see export/jsonl.ts) and
 * doccano's sequence labelling (`{"text", "label": [[start, end, "LABEL"]]}`)
 * and relation extraction (`{"text", "entities": [{id, label, start_offset,
 * end_offset}], "relations": [{from_id, to_id, type}]}`). Offsets are code
 * points in all three. Each line is checked; errors name the file and line.
 */
export function parseJsonl(raw: string, file: string, baseName: string): Bundle {
  const bundle = emptyBundle();
  const labels = new Map<string, LabelKind>();
  const lines = raw.split(/\r?\n/);
  const keys = new Set<string>();
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const n = i + 1;
    const fail = (message: string) => importError(file, n, message);
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      throw fail(`not valid JSON (${(err as Error).message})`);
    }
    if (!isObject(rec)) throw fail('each line must be a JSON object');
    if (typeof rec.text !== 'string') throw fail('the record has no "text"');
    assertNoEscapedNul(line, file, i);
    const isGloss = rec.annotations !== undefined;
    const checked = (isGloss ? GlossRecordSchema : DoccanoRecordSchema).safeParse(rec);
    if (!checked.success) throw fail(describeZodError(checked.error));
    const doc = isGloss ? glossRecord(rec, bundle, labels, fail) : doccanoRecord(rec, labels, fail);
    // Gloss records keep their id as key: relations into other documents of the file name it.
    doc.key = Array.isArray(rec.annotations) && typeof rec.id === 'string' && !keys.has(rec.id) ? rec.id : `${file}#${n}`;
    keys.add(doc.key);
    doc.file = file;
    if (!doc.name) doc.name = rec.id !== undefined && (typeof rec.id === 'string' || typeof rec.id === 'number') ? `${baseName}-${rec.id}` : `${baseName}-${n}`;
    if (!doc.title) doc.title = titleFromText(rec.text) || doc.name;
    for (const a of doc.annotations) a.origin = { file, line: n };
    for (const r of doc.relations) r.origin = { file, line: n };
    for (const e of doc.events) e.origin = { file, line: n };
    bundle.documents.push(doc);
  });
  for (const [name, kind] of labels) bundle.labels.push({ name, kind, attributes: [] });
  return bundle;
}

function glossRecord(rec: Json, bundle: Bundle, labels: Map<string, LabelKind>, fail: (m: string) => Error): BundleDocument {
  const text = rec.text as string;
  const doc = emptyDocument({
    key: '',
    name: typeof rec.name === 'string' ? rec.name : '',
    title: typeof rec.title === 'string' ? rec.title : '',
    text,
    metadata: isObject(rec.metadata) ? (rec.metadata as SourceMetadata) : {},
  });
  doc.blocks = Array.isArray(rec.blocks)
    ? (rec.blocks as Block[]).map((b) => ({ ...b, ...convert(text, [{ start: b.start, end: b.end }], fail, 'a block')[0]! }))
    : lineBlocks(text);
  const entity = (e: unknown): string | undefined => {
    if (!isObject(e) || typeof e.id !== 'string') return undefined;
    if (!bundle.entities.some((x) => x.key === e.id)) {
      bundle.entities.push({
        key: e.id,
        name: typeof e.name === 'string' && e.name ? e.name : e.id,
        type: typeof e.type === 'string' ? e.type : '',
        externalId: typeof e.externalId === 'string' ? e.externalId : null,
        aliases: Array.isArray(e.aliases) ? e.aliases.filter((x): x is string => typeof x === 'string') : [],
        description: typeof e.description === 'string' ? e.description : '',
      });
    }
    return e.id;
  };
  const proposition = (p: unknown): string => {
    if (!isObject(p) || typeof p.id !== 'string' || typeof p.text !== 'string') throw fail('a proposition needs an id and a text');
    if (!bundle.propositions.some((x) => x.key === p.id)) bundle.propositions.push({ key: p.id, text: p.text, note: typeof p.note === 'string' ? p.note : '' });
    return p.id;
  };
  for (const a of rec.annotations as unknown[]) {
    if (!isObject(a) || typeof a.label !== 'string') throw fail('an annotation needs a label');
    const key = typeof a.id === 'string' ? a.id : String(doc.annotations.length + 1);
    const ranges: TextRange[] = Array.isArray(a.ranges) ? (a.ranges as TextRange[]) : [{ start: a.start as number, end: a.end as number }];
    const kind = typeof a.labelKind === 'string' && ['entity', 'claim', 'other'].includes(a.labelKind) ? (a.labelKind as LabelKind) : 'entity';
    if (!labels.has(a.label)) labels.set(a.label, kind);
    const ent = entity(a.entity);
    doc.annotations.push({
      key,
      label: a.label,
      ranges: convert(text, ranges, fail, `annotation ${key}`),
      attributes: isObject(a.attributes) ? (a.attributes as Record<string, AttributeValue>) : {},
      note: typeof a.note === 'string' ? a.note : '',
      ...(typeof a.annotator === 'string' ? { annotator: a.annotator } : {}),
      ...(typeof a.created === 'string' ? { createdAt: a.created } : {}),
      ...(typeof a.modified === 'string' ? { modifiedAt: a.modified } : {}),
      ...(ent !== undefined ? { entity: ent } : {}),
      claims: (Array.isArray(a.claims) ? a.claims : []).filter(isObject).map((c) => {
        const att = isObject(c.attribution) ? c.attribution : {};
        return claimOf(proposition(c.proposition), String(c.stance ?? 'neutral'), {
          hedged: c.hedged === true,
          reported: c.reported === true,
          note: typeof c.note === 'string' ? c.note : '',
          attribution: { entity: entity(att.entity) ?? null, text: typeof att.text === 'string' ? att.text : '' },
        });
      }),
    });
  }
  for (const r of arrayOf(rec.relations)) {
    if (typeof r.type !== 'string' || typeof r.from !== 'string' || typeof r.to !== 'string') throw fail('a relation needs a type, from and to');
    doc.relations.push({
      key: typeof r.id === 'string' ? r.id : `R${doc.relations.length + 1}`,
      type: r.type,
      from: r.from,
      to: r.to,
      ...(typeof r.toDocument === 'string' ? { toDocument: r.toDocument } : {}),
      note: typeof r.note === 'string' ? r.note : '',
      ...(typeof r.fromRole === 'string' ? { fromRole: r.fromRole } : {}),
      ...(typeof r.toRole === 'string' ? { toRole: r.toRole } : {}),
      ...(isObject(r.attributes) ? { attributes: r.attributes as Record<string, AttributeValue> } : {}),
    });
    if (!bundle.relationTypes.some((t) => t.name === r.type)) bundle.relationTypes.push({ name: r.type });
  }
  for (const e of arrayOf(rec.events)) {
    if (typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.trigger !== 'string') throw fail('an event needs an id, a type and a trigger');
    doc.events.push({
      key: e.id,
      type: e.type,
      trigger: e.trigger,
      args: arrayOf(e.args).map((x) => ({ role: String(x.role), ref: String(x.ref) })),
      attributes: isObject(e.attributes) ? (e.attributes as Record<string, AttributeValue>) : {},
      note: typeof e.note === 'string' ? e.note : '',
    });
  }
  for (const q of arrayOf(rec.equivalences)) doc.equivalences.push({ type: String(q.type), members: Array.isArray(q.members) ? q.members.map(String) : [] });
  for (const x of arrayOf(rec.normalizations)) {
    doc.normalizations.push({ target: String(x.target), type: String(x.type), resource: String(x.resource), externalId: String(x.externalId), text: typeof x.text === 'string' ? x.text : '' });
  }
  for (const x of arrayOf(rec.notes)) doc.notes.push({ target: String(x.target), type: String(x.type), text: String(x.text ?? '') });
  for (const s of arrayOf(rec.stances)) doc.stances.push({ proposition: proposition(s.proposition), stance: String(s.stance), justification: typeof s.justification === 'string' ? s.justification : '' });
  return doc;
}

function doccanoRecord(rec: Json, labels: Map<string, LabelKind>, fail: (m: string) => Error): BundleDocument {
  const text = rec.text as string;
  const doc = emptyDocument({ key: '', name: '', title: '', text, blocks: lineBlocks(text), metadata: { format: 'doccano' } });
  const spans = Array.isArray(rec.label) ? rec.label : Array.isArray(rec.labels) ? rec.labels : undefined;
  if (spans) {
    spans.forEach((s: unknown, i: number) => {
      if (!Array.isArray(s) || s.length < 3 || typeof s[2] !== 'string') throw fail(`label ${i + 1} is not [start, end, "LABEL"]`);
      labels.set(s[2], labels.get(s[2]) ?? 'entity');
      doc.annotations.push({ key: `L${i + 1}`, label: s[2], ranges: convert(text, [{ start: s[0], end: s[1] }], fail, `label ${i + 1}`), attributes: {}, note: '', claims: [] });
    });
  }
  if (Array.isArray(rec.entities)) {
    for (const e of rec.entities) {
      if (!isObject(e) || typeof e.label !== 'string' || e.id === undefined) throw fail('an entity needs an id, a label, start_offset and end_offset');
      labels.set(e.label, labels.get(e.label) ?? 'entity');
      doc.annotations.push({ key: String(e.id), label: e.label, ranges: convert(text, [{ start: e.start_offset as number, end: e.end_offset as number }], fail, `entity ${String(e.id)}`), attributes: {}, note: '', claims: [] });
    }
  }
  if (Array.isArray(rec.relations)) {
    for (const r of rec.relations) {
      if (!isObject(r) || typeof r.type !== 'string' || r.from_id === undefined || r.to_id === undefined) throw fail('a relation needs from_id, to_id and a type');
      for (const end of [r.from_id, r.to_id]) if (!doc.annotations.some((a) => a.key === String(end))) throw fail(`unknown reference: relation ${String(r.id ?? '')} names entity ${String(end)}, which the line does not have`);
      doc.relations.push({ key: `R${String(r.id ?? doc.relations.length + 1)}`, type: r.type, from: String(r.from_id), to: String(r.to_id), note: '' });
    }
  }
  if (!spans && !Array.isArray(rec.entities)) throw fail('neither a Gloss record ("annotations") nor doccano JSONL ("label" or "entities")');
  return doc;
}

/** Code point ranges to UTF-16, with errors for ranges that are not integers, are empty, or run past the end. */
function convert(text: string, ranges: readonly TextRange[], fail: (m: string) => Error, what: string): TextRange[] {
  for (const r of ranges) {
    if (!Number.isInteger(r?.start) || !Number.isInteger(r?.end) || r.start < 0 || r.end <= r.start) throw fail(`${what}: offsets must be integers with 0 ≤ start < end (got ${String(r?.start)}, ${String(r?.end)})`);
  }
  try {
    return rangesFromCodePoints(text, ranges);
  } catch {
    const max = Math.max(...ranges.map((r) => r.end));
    throw fail(`${what}: offset ${max} is past the end of the text (${[...text].length} characters)`);
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}
