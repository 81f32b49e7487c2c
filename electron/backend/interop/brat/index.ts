import path from 'node:path';
import type { AttributeDefinition, PortableTagset } from '../../../../shared/index.ts';
import { lineBlocks } from '../../import/blocks.ts';
import { decodeUtf8 } from '../../import/decode.ts';
import { bratName } from './tagset.ts';
import { importError } from '../errors.ts';
import { emptyBundle, type Bundle, type BundleLabel } from '../model.ts';
import { checkAborted, type RunOptions } from '../progress.ts';
import type { SourceFile } from '../sources.ts';
import { slug, titleFromText, uniqueNames } from '../text.ts';
import type { FileEntry } from '../zip.ts';
import { parseAnn, serializeAnn } from './ann.ts';
import { confForExport, ConfUsage, tagsetFromConf } from './conf.ts';
import { bratValue } from './ann.ts';
import { DEFAULT_STANCES, isClaimType, STANCE_ATTRIBUTE } from './conventions.ts';
import { bratToBundle } from './from-ann.ts';
import { bundleToBrat } from './to-ann.ts';

/**
 * Reads brat folders: each `NAME.ann` with its `NAME.txt` (a `.txt` without
 * `.ann` is a document without annotations), and `annotation.conf` and
 * `visual.conf`, which become the tagset. Everything is checked before
 * anything is returned; errors name the file and line.
 */
export function parseBrat(files: readonly SourceFile[], options: RunOptions = {}): Bundle & { warnings: string[] } {
  const bundle: Bundle = { ...emptyBundle(), idScheme: 'brat' };
  const warnings: string[] = [];
  const byPath = new Map(files.map((f) => [norm(f.name), f]));
  const labels = new Map<string, BundleLabel>();
  const addLabel = (l: BundleLabel) => {
    const cur = labels.get(l.name);
    if (!cur) labels.set(l.name, { ...l, attributes: [...l.attributes] });
    else for (const a of l.attributes) if (!cur.attributes.some((x) => x.name === a.name)) cur.attributes.push(a);
  };

  for (const f of files) {
    if (path.posix.basename(norm(f.name)).toLowerCase() !== 'annotation.conf') continue;
    const visual = byPath.get(path.posix.join(path.posix.dirname(norm(f.name)), 'visual.conf'));
    const tagset = tagsetFromConf(decodeUtf8(f.bytes, f.name), visual ? decodeUtf8(visual.bytes, visual.name) : undefined, { annotation: f.name, visual: visual?.name ?? 'visual.conf' });
    tagset.labels.forEach(addLabel);
    for (const r of tagset.relationTypes) if (!bundle.relationTypes.some((x) => x.name === r.name)) bundle.relationTypes.push(r);
    if (tagset.stanceValues) bundle.stanceValues = tagset.stanceValues;
    warnings.push(...tagset.warnings);
  }
  // brat types are the storage form of names (visual.conf gives the display names the tagset uses).
  const confLabels = new Map([...labels.keys()].map((n) => [bratName(n), n]));
  const confTypes = new Map(bundle.relationTypes.map((r) => [bratName(r.name), r.name]));
  const labelOf = (type: string) => (labels.has(type) ? type : (confLabels.get(type) ?? type));
  const relationOf = (type: string) => (bundle.relationTypes.some((r) => r.name === type) ? type : (confTypes.get(type) ?? type));

  const texts = files.filter((f) => /\.txt$/i.test(f.name));
  for (const a of files.filter((f) => /\.ann$/i.test(f.name))) {
    if (!byPath.has(norm(a.name).replace(/\.ann$/i, '.txt'))) throw importError(a.name, undefined, `no text file ${path.basename(a.name).replace(/\.ann$/i, '.txt')} beside it`);
  }
  const total = texts.length;
  texts.forEach((t, i) => {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'parse', done: i, total, item: t.name });
    const text = decodeUtf8(t.bytes, t.name);
    const annFile = byPath.get(norm(t.name).replace(/\.txt$/i, '.ann'));
    const annText = annFile ? decodeUtf8(annFile.bytes, annFile.name) : '';
    const parsed = parseAnn(annText, text, annFile?.name ?? t.name, path.basename(t.name));
    const name = path.basename(t.name).replace(/\.txt$/i, '');
    const firstLine = titleFromText(text);
    const doc = bratToBundle(bundle, { key: norm(t.name), name, title: firstLine || name, text }, parsed, annFile?.name ?? t.name, {
      label: labelOf,
      relation: relationOf,
      isClaim: (label) => (labels.get(label)?.kind ?? (isClaimType(label) ? 'claim' : 'entity')) === 'claim',
    });
    doc.blocks = lineBlocks(text);
    doc.metadata = { format: 'brat', sourcePath: path.basename(t.name) };
    bundle.documents.push(doc);

    const triggers = new Set(parsed.events.map((e) => e.trigger));
    for (const tb of parsed.textBounds) {
      const name = labelOf(tb.type);
      if (!labels.has(name)) addLabel({ name, kind: isClaimType(name) ? 'claim' : triggers.has(tb.id) ? 'other' : 'entity', attributes: [] });
    }
    for (const r of parsed.relations) {
      const name = relationOf(r.type);
      if (!bundle.relationTypes.some((x) => x.name === name)) bundle.relationTypes.push({ name });
    }
  });
  options.onProgress?.({ phase: 'parse', done: total, total });

  // Attributes the data uses and the configuration does not declare join their label's definitions.
  const seen = new Map<string, Map<string, Set<string | true>>>();
  for (const d of bundle.documents) {
    for (const a of d.annotations) {
      for (const [name, value] of Object.entries(a.attributes)) {
        const byName = seen.get(a.label) ?? new Map<string, Set<string | true>>();
        const values = byName.get(name) ?? new Set();
        values.add(value === true ? true : String(value));
        byName.set(name, values);
        seen.set(a.label, byName);
      }
    }
  }
  for (const [labelName, byName] of seen) {
    const label = labels.get(labelName)!;
    for (const [name, values] of byName) {
      if (label.attributes.some((x) => x.name === name)) continue;
      const strings = [...values].filter((v): v is string => v !== true);
      label.attributes.push(strings.length ? { name, type: 'enum', values: strings.sort() } : { name, type: 'boolean' });
    }
  }
  bundle.labels = [...labels.values()];
  return Object.assign(bundle, { warnings });
}

/**
 * Writes a bundle as a brat folder: `NAME.txt` and `NAME.ann` per document
 * (NAME: the document's name, else a slug of its title), `annotation.conf`
 * and `visual.conf` from the tagset and what the data uses.
 */
export function serializeBrat(bundle: Bundle, options: RunOptions = {}): { files: FileEntry[]; dropped: number; warnings: string[] } {
  const stanceValues = bundle.stanceValues?.length ? bundle.stanceValues : DEFAULT_STANCES;
  const files: FileEntry[] = [];
  let dropped = 0;
  const names = uniqueNames(bundle.documents.map((d) => fileSafe(d.name) || slug(d.title)));
  const usage = new ConfUsage();
  bundle.documents.forEach((doc, i) => {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'export', done: i, total: bundle.documents.length, item: doc.name });
    const { ann, dropped: d } = bundleToBrat(doc, bundle);
    dropped += d;
    files.push({ path: `${names[i]}.txt`, data: doc.text }, { path: `${names[i]}.ann`, data: serializeAnn(ann) });
    usage.add(ann);
  });
  options.onProgress?.({ phase: 'export', done: bundle.documents.length, total: bundle.documents.length });
  const tagset: PortableTagset = {
    format: 'gloss-tagset',
    version: 1,
    labels: bundle.labels.map((l) => ({ name: l.name, kind: l.kind, ...(l.color ? { color: l.color } : {}), hotkey: l.hotkey ?? null, attributes: withStance(l, stanceValues) })),
    relationTypes: bundle.relationTypes.map((r) => ({
      name: r.name,
      ...(r.color ? { color: r.color } : {}),
      symmetric: r.symmetric ?? false,
      fromKinds: r.fromKinds ?? [],
      toKinds: r.toKinds ?? [],
      fromLabels: r.fromLabels ?? [],
      toLabels: r.toLabels ?? [],
    })),
    ...(bundle.stanceValues?.length ? { stances: { values: bundle.stanceValues, defaultValue: bundle.stanceValues.includes('neutral') ? 'neutral' : bundle.stanceValues[0]! } } : {}),
  };
  const conf = confForExport(tagset, usage);
  files.push({ path: 'annotation.conf', data: conf.annotationConf }, { path: 'visual.conf', data: conf.visualConf });
  return { files, dropped, warnings: [...conf.warnings, ...unwritten(bundle)] };
}

/** What brat has no place for, named so that nobody loses it unawares. */
function unwritten(bundle: Bundle): string[] {
  const out: string[] = [];
  const stances = bundle.documents.reduce((n, d) => n + d.stances.length, 0);
  if (stances) out.push(`${stances} document stance(s) were left out: brat has no stance of a whole document`);
  const used = new Set(bundle.documents.flatMap((d) => d.annotations.flatMap((a) => [a.entity, ...a.claims.map((c) => c.attribution.entity)])));
  const entities = bundle.entities.filter((e) => used.has(e.key));
  const aliases = entities.filter((e) => e.aliases.length).length;
  const descriptions = entities.filter((e) => e.description).length;
  if (aliases || descriptions) out.push(`entity aliases (${aliases} entities) and descriptions (${descriptions}) were left out: brat normalizations hold an id and a name`);
  const notes = bundle.propositions.filter((p) => p.note).length;
  if (notes) out.push(`${notes} proposition note(s) were left out: brat normalizations hold an id and a text`);
  return out;
}

/** A claim label's attributes with Stance listing every stance value, as the `.ann` files write it (capitalized). */
function withStance(label: BundleLabel, stanceValues: readonly string[]): AttributeDefinition[] {
  if (label.kind !== 'claim' || label.attributes.some((a) => a.name === STANCE_ATTRIBUTE)) return label.attributes;
  return [...label.attributes, { name: STANCE_ATTRIBUTE, type: 'enum', values: stanceValues.map((v) => bratValue(v[0]!.toUpperCase() + v.slice(1))) }];
}

/** A document name usable as a file name on every platform, or '' when nothing is left. */
function fileSafe(name: string): string {
  return name.replace(/[/\\:*?"<>|\u0000-\u001f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
}

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}
