import { z } from 'zod';
import type { AttributeDefinition, LabelKind, SourceMetadata } from '../../../../shared/index.ts';
import { lineBlocks } from '../../import/blocks.ts';
import { importError, issuePath, jsonErrorLine, topLevelElementLines } from '../errors.ts';
import { claimOf, emptyBundle, emptyDocument, type Bundle, type BundleAnnotation } from '../model.ts';
import { rangesFromCodePoints, titleFromText } from '../text.ts';
import { assertNoEscapedNul } from '../json-checks.ts';
import { LsTaskSchema, regionLabels, regionRange, userName, type LsResult, type LsTask } from './schema.ts';

// Label Studio's JSON export, read as Gloss's model (offsets: Label Studio
// counts code points: its editor converts every selection with
// `fixCodePointsInRange` in web/libs/editor/src/utils/selection-tools.js):
// - a task is a document: `data.text` (or the task's one text field) is the
//   text, the other `data` fields its metadata;
// - each annotation is one annotator's work: its `completed_by` user becomes
//   the annotator name of every annotation made from it;
// - a region (`labels` result) is an annotation; `choices` on the region are
//   attributes (by `from_name`), a `textarea` named `note` is its note, other
//   textareas are text attributes; a `textarea` named `proposition` with
//   `choices` named `stance` are claim links (how Gloss writes them);
// - `relation` results are relations, typed by their first label;
// - predictions are kept and offered as suggestions, never applied.
// The whole task is kept (source_ids, scheme `labelstudio`), so that an
// export writes back what Gloss has no field for, in the same order.

/** The id scheme under which Label Studio's ids and tasks are kept. */
export const LS_SCHEME = 'labelstudio';
/** The names Gloss gives the per-region fields it writes. */
export const NOTE_FIELD = 'note';
export const PROPOSITION_FIELD = 'proposition';
export const STANCE_FIELD = 'stance';

/** What is kept with each region's annotation: the Label Studio annotation (user's work) it belongs to. */
export interface RegionExtra {
  annotation: string;
}

/** Reads a Label Studio JSON export; errors name the file and the line of the task. */
export function parseLabelStudio(raw: string, file: string): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw importError(file, jsonErrorLine(raw), `not valid JSON (${(err as Error).message})`);
  }
  assertNoEscapedNul(raw, file);
  const lines = topLevelElementLines(raw);
  const list = Array.isArray(json) ? json : [json];
  const bundle: Bundle = { ...emptyBundle(), idScheme: LS_SCHEME };
  const labels = new Map<string, LabelKind>();
  const definitions: { ann: BundleAnnotation; name: string; type: 'enum' | 'text' }[] = [];
  list.forEach((item, ti) => {
    const line = lines[ti];
    const checked = LsTaskSchema.safeParse(item);
    if (!checked.success) throw importError(file, line, `task ${ti + 1}: ${describe(checked.error)}`);
    const task = checked.data;
    const fail = (message: string) => importError(file, line, `task ${task.id ?? ti + 1}: ${message}`);
    const textKey = textField(task);
    if (!textKey) throw fail('no text: Gloss reads tasks whose data has a "text" field (or one text field)');
    const text = task.data[textKey] as string;
    if (text.includes('\u0000')) throw fail('the text holds a NUL character: this looks like binary data, not text');
    const name = `task-${task.id ?? ti + 1}`;
    const title = typeof task.data.title === 'string' && task.data.title.trim() ? task.data.title.trim() : (titleFromText(text) || name);
    const doc = emptyDocument({ key: `${file}#${ti}`, name, title, text, blocks: lineBlocks(text), metadata: metadataOf(task), file });
    if (task.id !== undefined) doc.sourceId = String(task.id);
    doc.extra = { task: item, textKey };
    (task.annotations ?? []).forEach((a, ai) => {
      const lsId = String(a.id ?? `#${ai}`);
      const annotator = userName(a.completed_by);
      const byRegion = new Map<string, BundleAnnotation>();
      const region = (r: LsResult, range: { start: number; end: number }): BundleAnnotation => {
        const id = r.id ?? `${ai}-${byRegion.size}`;
        let ann = byRegion.get(id);
        if (!ann) {
          const ranges = convert(text, range, fail, `region ${id}`);
          ann = {
            key: `${lsId}\u0000${id}`,
            label: '',
            ranges,
            attributes: {},
            note: '',
            ...(annotator ? { annotator } : {}),
            ...(a.created_at ? { createdAt: a.created_at } : {}),
            ...(a.updated_at ? { modifiedAt: a.updated_at } : {}),
            claims: [],
            ids: { '': id },
            extra: { annotation: lsId } satisfies RegionExtra,
            origin: { file, ...(line !== undefined ? { line } : {}) },
          };
          byRegion.set(id, ann);
          doc.annotations.push(ann);
        }
        return ann;
      };
      const propositions = new Map<BundleAnnotation, { texts: string[]; stances: string[] }>();
      for (const r of a.result) {
        const range = regionRange(r);
        if (!range || r.type === 'relation') continue;
        const ann = region(r, range);
        const found = regionLabels(r);
        const field = r.from_name ?? r.type;
        if (found) {
          // A second label of the same region stays in the kept task and is written back with the first; a region without one is a "Region".
          if (found.length) ann.label = found[0]!;
        } else if (r.type === 'choices' && Array.isArray(r.value?.choices)) {
          const choices = (r.value.choices as unknown[]).map(String);
          if (field === STANCE_FIELD) propositionsOf(propositions, ann).stances = choices;
          else {
            ann.attributes[field] = choices.join('|');
            definitions.push({ ann, name: field, type: 'enum' });
          }
        } else if (r.type === 'textarea' && Array.isArray(r.value?.text)) {
          const texts = (r.value.text as unknown[]).map(String);
          if (field === NOTE_FIELD) ann.note = texts.join('\n');
          else if (field === PROPOSITION_FIELD) propositionsOf(propositions, ann).texts = texts;
          else {
            ann.attributes[field] = texts.join('\n');
            definitions.push({ ann, name: field, type: 'text' });
          }
        }
        // Other region results (ratings, taxonomies…) are kept in the task and written back as they were.
      }
      for (const ann of byRegion.values()) {
        if (!ann.label) ann.label = 'Region';
        const kind: LabelKind = propositions.has(ann) || ann.label.toLowerCase() === 'claim' ? 'claim' : 'entity';
        if (!labels.has(ann.label) || kind === 'claim') labels.set(ann.label, kind);
      }
      for (const [ann, p] of propositions) {
        p.texts.forEach((t, i) => {
          const key = `text:${t}`;
          if (!bundle.propositions.some((x) => x.key === key)) bundle.propositions.push({ key, text: t, note: '' });
          ann.claims.push(claimOf(key, (p.stances[i] ?? p.stances[0] ?? 'neutral').toLowerCase()));
        });
        if (!p.texts.length && p.stances.length) {
          ann.attributes[STANCE_FIELD] = p.stances.join('|');
          definitions.push({ ann, name: STANCE_FIELD, type: 'enum' });
        }
      }
      a.result.forEach((r, j) => {
        if (r.type !== 'relation') return;
        if (!r.from_id || !r.to_id) throw fail(`relation ${j + 1} of annotation ${lsId} needs from_id and to_id`);
        for (const end of [r.from_id, r.to_id]) if (!byRegion.has(end)) throw fail(`unknown reference: relation ${j + 1} of annotation ${lsId} names region ${end}, which it does not have`);
        const type = r.labels?.[0] ?? 'Related';
        doc.relations.push({ key: `${lsId}\u0000rel\u0000${j}`, type, from: byRegion.get(r.from_id)!.key, to: byRegion.get(r.to_id)!.key, note: '', extra: { annotation: lsId } });
        if (!bundle.relationTypes.some((t) => t.name === type)) bundle.relationTypes.push({ name: type });
      });
    });
    bundle.documents.push(doc);
  });
  for (const [name, kind] of labels) bundle.labels.push({ name, kind, attributes: attributeDefinitions(definitions.filter((d) => d.ann.label === name)) });
  return bundle;
}

function propositionsOf(map: Map<BundleAnnotation, { texts: string[]; stances: string[] }>, ann: BundleAnnotation) {
  let p = map.get(ann);
  if (!p) map.set(ann, (p = { texts: [], stances: [] }));
  return p;
}

/** Attribute definitions for the values a label's annotations carry: choices are enums of the values seen, textareas text. */
function attributeDefinitions(uses: readonly { ann: BundleAnnotation; name: string; type: 'enum' | 'text' }[]): AttributeDefinition[] {
  const out = new Map<string, AttributeDefinition>();
  for (const { ann, name, type } of uses) {
    const value = String(ann.attributes[name]);
    const cur = out.get(name);
    if (!cur) out.set(name, type === 'enum' ? { name, type, values: [value] } : { name, type });
    else if (cur.type === 'enum' && !cur.values!.includes(value)) cur.values!.push(value);
  }
  return [...out.values()];
}

/** The data field that holds the text: `text`, else the only string field. */
function textField(task: LsTask): string | undefined {
  if (typeof task.data.text === 'string') return 'text';
  const strings = Object.entries(task.data).filter(([, v]) => typeof v === 'string');
  return strings.length === 1 ? strings[0]![0] : undefined;
}

const METADATA_KEYS = ['outlet', 'author', 'url', 'published', 'language'] as const;

function metadataOf(task: LsTask): SourceMetadata {
  const out: SourceMetadata = { format: 'labelstudio' };
  for (const k of METADATA_KEYS) if (typeof task.data[k] === 'string') out[k] = task.data[k] as string;
  return out;
}

function convert(text: string, r: { start: number; end: number }, fail: (m: string) => Error, what: string) {
  if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end <= r.start) throw fail(`${what}: offsets must be integers with 0 ≤ start < end (got ${r.start}, ${r.end})`);
  try {
    return rangesFromCodePoints(text, [r]);
  } catch {
    throw fail(`${what}: offset ${r.end} is past the end of the text (${[...text].length} characters)`);
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issuePath(issue.path) || 'the task'}: ${issue.message}`;
}
