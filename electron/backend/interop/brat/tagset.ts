// The tagset as brat's annotation.conf and visual.conf, both ways. brat has
// no label kinds, hotkeys, free-text attributes, label-kind constraints or
// stances: Gloss keeps those in "# gloss: {…}" comments, which brat ignores,
// so a tagset survives a round trip through brat's files.
import {
  GlossError,
  type AttributeDefinition,
  type LabelKind,
  type PortableLabel,
  type PortableRelationType,
  type PortableTagset,
  type StanceSet,
} from '../../../../shared/index.ts';
import { contrastingText, PALETTE, toHexColor } from '../../tagset/colors.ts';
import { parseConf, type ConfEntry, type ConfMeta } from './conf-file.ts';

export interface BratConf {
  annotationConf: string;
  visualConf: string;
}

/** brat's "storage form" of a name: ASCII letters, digits, "_" and "-". */
export function bratName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ /g, '_')
    .replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** Labels a relation end allows, by name; `any` when unconstrained. */
function allowedLabels(kinds: readonly LabelKind[], names: readonly string[], labels: readonly PortableLabel[]): string[] | 'any' {
  if (!kinds.length && !names.length) return 'any';
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return labels.filter((l) => (!kinds.length || kinds.includes(l.kind ?? 'entity')) && (!names.length || wanted.has(l.name.toLowerCase()))).map((l) => l.name);
}

/**
 * Writes a tagset as brat configuration. Every label becomes a brat entity
 * type; names are turned into brat's storage form (the original name goes to
 * visual.conf's [labels]). Warnings say what brat cannot hold.
 */
export function tagsetToBratConf(tagset: PortableTagset): BratConf & { warnings: string[] } {
  const warnings: string[] = [];
  const taken = new Set<string>(['SPAN_DEFAULT', 'ARC_DEFAULT', 'ATTRIBUTE_DEFAULT']);
  const unique = (name: string, what: string): string => {
    const base = bratName(name) || 'type';
    let out = base;
    // brat's names are case-sensitive, but one name cannot serve two types: visual.conf styles them by name.
    for (let i = 2; taken.has(out); i++) out = `${base}_${i}`;
    if (out !== base) warnings.push(`${what} "${name}" is written as "${out}": its brat name "${base}" was taken`);
    taken.add(out);
    return out;
  };
  const labelType = new Map<string, string>();
  for (const l of tagset.labels) labelType.set(l.name.toLowerCase(), unique(l.name, 'label'));
  const typeOf = (name: string) => labelType.get(name.toLowerCase())!;

  const ann: string[] = ['# Written by Gloss. Lines starting "# gloss:" keep what brat cannot express; brat ignores them.', '', '[entities]', ''];
  const meta: string[] = [];
  for (const l of tagset.labels) {
    ann.push(typeOf(l.name));
    const textAttributes = l.attributes.filter((a) => a.type === 'text');
    if (textAttributes.length) warnings.push(`label "${l.name}": brat has no free-text attributes (${textAttributes.map((a) => a.name).join(', ')}); kept in a gloss comment`);
    meta.push(
      `# gloss: ${JSON.stringify({
        label: typeOf(l.name),
        name: l.name,
        kind: l.kind ?? 'entity',
        ...(l.hotkey ? { hotkey: l.hotkey } : {}),
        ...(textAttributes.length ? { attributes: textAttributes } : {}),
      })}`,
    );
  }

  ann.push('', '[relations]', '');
  const relationType = new Map<string, string>();
  for (const r of tagset.relationTypes) {
    const type = unique(r.name, 'relation type');
    relationType.set(r.name, type);
    const arg = (kinds: readonly LabelKind[], names: readonly string[], end: string): string => {
      const allowed = allowedLabels(kinds, names, tagset.labels);
      if (allowed === 'any' || allowed.length === tagset.labels.length) return '<ENTITY>';
      if (!allowed.length) {
        warnings.push(`relation type "${r.name}": no label is allowed at its ${end}; written as <ENTITY>`);
        return '<ENTITY>';
      }
      return allowed.map(typeOf).join('|');
    };
    const args = [`Arg1:${arg(r.fromKinds, r.fromLabels, 'source')}`, `Arg2:${arg(r.toKinds, r.toLabels, 'target')}`];
    if (r.symmetric) args.push('<REL-TYPE>:symmetric');
    ann.push(`${type}\t${args.join(', ')}`);
    meta.push(
      `# gloss: ${JSON.stringify({ relation: type, name: r.name, fromKinds: r.fromKinds, toKinds: r.toKinds, fromLabels: r.fromLabels, toLabels: r.toLabels })}`,
    );
  }

  ann.push('', '[events]', '', '[attributes]', '');
  const byName = new Map<string, { def: AttributeDefinition; labels: string[] }>();
  for (const l of tagset.labels) {
    for (const a of l.attributes) {
      if (a.type === 'text') continue;
      const cur = byName.get(a.name);
      if (!cur) byName.set(a.name, { def: a, labels: [l.name] });
      else {
        if (cur.def.type !== a.type || (cur.def.values ?? []).join('|') !== (a.values ?? []).join('|')) {
          warnings.push(`attribute "${a.name}" differs between labels; brat holds one definition, the first (from "${cur.labels[0]}") is written`);
        }
        cur.labels.push(l.name);
      }
    }
  }
  for (const [name, { def, labels }] of byName) {
    const target = labels.length === tagset.labels.length ? '<ENTITY>' : labels.map(typeOf).join('|');
    const parts = [`Arg:${target}`];
    if (def.type === 'enum') {
      const values = (def.values ?? []).map((v) => v.replace(/[|,\s]/g, '_'));
      if (values.some((v, i) => v !== def.values![i])) warnings.push(`attribute "${name}": characters brat cannot hold in values (| , space) became "_"`);
      if (values.length) parts.push(`Value:${values.join('|')}`);
    }
    ann.push(`${unique(name, 'attribute')}\t${parts.join(', ')}`);
  }
  if (tagset.stances) meta.push(`# gloss: ${JSON.stringify({ stances: tagset.stances })}`);
  ann.push('', ...meta, '');

  const vis: string[] = ['# Written by Gloss.', '', '[labels]', ''];
  for (const l of tagset.labels) vis.push(`${typeOf(l.name)} | ${l.name}`);
  for (const r of tagset.relationTypes) vis.push(`${relationType.get(r.name)} | ${r.name}`);
  vis.push('', '[drawing]', '', 'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken', 'ARC_DEFAULT\tcolor:black, arrowHead:triangle-5', '');
  for (const [i, l] of tagset.labels.entries()) {
    const color = l.color ?? PALETTE[i % PALETTE.length]!;
    vis.push(`${typeOf(l.name)}\tbgColor:${color}, fgColor:${contrastingText(color)}`);
  }
  for (const [i, r] of tagset.relationTypes.entries()) {
    const color = r.color ?? PALETTE[i % PALETTE.length]!;
    vis.push(`${relationType.get(r.name)}\tcolor:${color}${r.symmetric ? ', arrowHead:none' : ''}`);
  }
  vis.push('');
  return { annotationConf: ann.join('\n'), visualConf: vis.join('\n'), warnings };
}

const ANNOTATION_SECTIONS = ['entities', 'spans', 'relations', 'events', 'attributes'];
const VISUAL_SECTIONS = ['labels', 'drawing', 'options'];
const LABEL_KINDS: readonly LabelKind[] = ['entity', 'claim', 'other'];

/**
 * Reads brat's annotation.conf (and visual.conf, when given) as a portable
 * tagset: entity (and [spans]) types become entity labels, event types
 * labels of kind "other" (their argument roles are not kept), relations
 * relation types with their argument types as allowed labels, attributes the
 * labels' attribute definitions, and [drawing] colours the colours. Errors
 * name the file and line; warnings say what was not kept.
 */
export function bratConfToTagset(
  annotationConf: string,
  visualConf?: string,
  files: { annotation: string; visual: string } = { annotation: 'annotation.conf', visual: 'visual.conf' },
): { tagset: PortableTagset; warnings: string[] } {
  const conf = parseConf(annotationConf, files.annotation, ANNOTATION_SECTIONS);
  const visual = visualConf !== undefined ? parseConf(visualConf, files.visual, VISUAL_SECTIONS, ['labels']) : undefined;
  const warnings = [...conf.warnings, ...(visual?.warnings ?? [])];
  const meta = readMeta(conf.meta, files.annotation);

  const display = new Map<string, string>();
  for (const e of visual?.sections.get('labels') ?? []) if (e.terms[0]) display.set(e.name, e.terms[0]);
  const drawing = new Map<string, Map<string, string>>();
  for (const e of visual?.sections.get('drawing') ?? []) drawing.set(e.name, new Map(e.args.map((a) => [a.key, a.values.join('|')])));
  const colorOf = (type: string, key: 'bgColor' | 'color', fallbackType: string): string | undefined => {
    const spec = drawing.get(type)?.get(key) ?? drawing.get(fallbackType)?.get(key);
    return spec === undefined ? undefined : toHexColor(spec);
  };
  /** A label's name: the gloss comment's, or visual.conf's display name when it is the same name in storage form. */
  const nameOf = (type: string, metaName: string | undefined): string => {
    if (metaName && bratName(metaName) === bratName(type)) return metaName;
    const shown = display.get(type);
    return shown && shown !== type && bratName(shown) === type ? shown : type;
  };

  const labels: PortableLabel[] = [];
  const labelByType = new Map<string, PortableLabel>();
  const entityTypes: string[] = [];
  const eventTypes: string[] = [];
  const addLabel = (e: ConfEntry, kind: LabelKind | undefined, list: string[]) => {
    if (e.abstract) return;
    if (labelByType.has(e.name)) {
      warnings.push(`${files.annotation}:${e.line}: type "${e.name}" is defined twice; the first definition is kept`);
      return;
    }
    const m = meta.labels.get(e.name);
    const explicitKind = m?.kind ?? kind;
    const label: PortableLabel = {
      name: nameOf(e.name, m?.name),
      ...(explicitKind ? { kind: explicitKind } : {}),
      color: colorOf(e.name, 'bgColor', 'SPAN_DEFAULT') ?? PALETTE[labels.length % PALETTE.length]!,
      hotkey: m?.hotkey ?? null,
      attributes: [],
    };
    labels.push(label);
    labelByType.set(e.name, label);
    list.push(e.name);
  };
  for (const section of ['entities', 'spans']) for (const e of conf.sections.get(section) ?? []) addLabel(e, undefined, entityTypes);
  const events = (conf.sections.get('events') ?? []).filter((e) => !e.abstract);
  for (const e of events) addLabel(e, 'other', eventTypes);
  if (events.some((e) => e.args.length)) warnings.push(`${files.annotation}: event types were read as labels of kind "other"; their argument roles are not kept`);

  /** brat argument types to label types; unknown types are dropped with a warning. */
  const expand = (values: readonly string[], at: string): string[] | 'any' => {
    const out = new Set<string>();
    for (const v of values) {
      if (v === '<ANY>') return 'any';
      if (v === '<ENTITY>') entityTypes.forEach((t) => out.add(t));
      else if (v === '<EVENT>') eventTypes.forEach((t) => out.add(t));
      else if (labelByType.has(v)) out.add(v);
      else warnings.push(`${at}: "${v}" is not a label type; left out`);
    }
    return out.size === labelByType.size ? 'any' : [...out];
  };

  const relationTypes: PortableRelationType[] = [];
  for (const e of conf.sections.get('relations') ?? []) {
    if (e.abstract || e.name.startsWith('<') || e.name === 'ENTITY-NESTING') continue;
    const at = `${files.annotation}:${e.line}`;
    if (relationTypes.some((r) => r.name === e.name)) {
      warnings.push(`${at}: relation "${e.name}" is defined twice; the first definition is kept`);
      continue;
    }
    const roles = e.args.filter((a) => !a.key.startsWith('<'));
    if (roles.length !== 2) throw new GlossError('import', `${at}: relation "${e.name}" needs two arguments (Arg1:TYPE, Arg2:TYPE)`);
    const relType = e.args.find((a) => a.key === '<REL-TYPE>')?.values.flatMap((v) => v.split('-')) ?? [];
    const from = expand(roles[0]!.values, at);
    const to = expand(roles[1]!.values, at);
    const names = (types: string[] | 'any') => (types === 'any' ? [] : types.map((t) => labelByType.get(t)!.name));
    const m = meta.relations.get(e.name);
    let r: PortableRelationType = {
      name: m?.name && bratName(m.name) === bratName(e.name) ? m.name : nameOf(e.name, undefined),
      color: colorOf(e.name, 'color', 'ARC_DEFAULT') ?? PALETTE[relationTypes.length % PALETTE.length]!,
      symmetric: relType.includes('symmetric'),
      fromKinds: [],
      toKinds: [],
      fromLabels: names(from),
      toLabels: names(to),
    };
    if (m) {
      // The gloss comment holds the constraints as Gloss knows them (e.g. "any claim label"), unless the file was edited since.
      const key = (list: string[] | 'any') => (list === 'any' || list.length === labels.length ? 'any' : list.map((n) => n.toLowerCase()).sort().join('|'));
      const same = (kinds: LabelKind[], labelNames: string[], types: string[] | 'any') => {
        const allowed = allowedLabels(kinds, labelNames, labels);
        // A constraint no label meets was written as <ENTITY>.
        return key(allowed) === key(types === 'any' ? 'any' : names(types)) || (allowed !== 'any' && !allowed.length && types === 'any');
      };
      if (same(m.fromKinds, m.fromLabels, from) && same(m.toKinds, m.toLabels, to)) {
        r = { ...r, fromKinds: m.fromKinds, toKinds: m.toKinds, fromLabels: m.fromLabels, toLabels: m.toLabels };
      } else warnings.push(`${at}: relation "${e.name}" was edited outside Gloss; its argument types are taken from the file`);
    }
    relationTypes.push(r);
  }

  for (const e of conf.sections.get('attributes') ?? []) {
    if (e.abstract) continue;
    const at = `${files.annotation}:${e.line}`;
    const arg = e.args.find((a) => a.key === 'Arg');
    if (!arg) throw new GlossError('import', `${at}: attribute "${e.name}" needs Arg:TYPE`);
    const value = e.args.find((a) => a.key === 'Value');
    const def: AttributeDefinition = value && value.values.length ? { name: e.name, type: 'enum', values: value.values } : { name: e.name, type: 'boolean' };
    const targets = expand(arg.values, at);
    for (const t of targets === 'any' ? [...labelByType.keys()] : targets) {
      const label = labelByType.get(t)!;
      label.attributes = [...label.attributes.filter((a) => a.name !== def.name), def];
    }
  }
  for (const [type, m] of meta.labels) {
    const label = labelByType.get(type);
    if (label && m.attributes) for (const a of m.attributes) if (!label.attributes.some((x) => x.name === a.name)) label.attributes.push(a);
  }

  return {
    tagset: { format: 'gloss-tagset', version: 1, labels, relationTypes, ...(meta.stances ? { stances: meta.stances } : {}) },
    warnings,
  };
}

interface LabelMeta {
  name?: string;
  kind?: LabelKind;
  hotkey?: string;
  attributes?: AttributeDefinition[];
}
interface RelationMeta {
  name?: string;
  fromKinds: LabelKind[];
  toKinds: LabelKind[];
  fromLabels: string[];
  toLabels: string[];
}

/** Reads the "# gloss: {…}" comments, checking their shape. */
function readMeta(metas: readonly ConfMeta[], file: string): { labels: Map<string, LabelMeta>; relations: Map<string, RelationMeta>; stances?: StanceSet } {
  const labels = new Map<string, LabelMeta>();
  const relations = new Map<string, RelationMeta>();
  let stances: StanceSet | undefined;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const kinds = (v: unknown): LabelKind[] => strings(v).filter((k): k is LabelKind => (LABEL_KINDS as readonly string[]).includes(k));
  for (const { line, value: v } of metas) {
    if (typeof v.label === 'string') {
      const attributes = Array.isArray(v.attributes)
        ? (v.attributes as unknown[]).filter((a): a is AttributeDefinition => !!a && typeof a === 'object' && typeof (a as AttributeDefinition).name === 'string' && (a as AttributeDefinition).type === 'text')
        : undefined;
      labels.set(v.label, {
        ...(typeof v.name === 'string' ? { name: v.name } : {}),
        ...(typeof v.kind === 'string' && (LABEL_KINDS as readonly string[]).includes(v.kind) ? { kind: v.kind as LabelKind } : {}),
        ...(typeof v.hotkey === 'string' && /^[1-9]$/.test(v.hotkey) ? { hotkey: v.hotkey } : {}),
        ...(attributes?.length ? { attributes } : {}),
      });
    } else if (typeof v.relation === 'string') {
      relations.set(v.relation, {
        ...(typeof v.name === 'string' ? { name: v.name } : {}),
        fromKinds: kinds(v.fromKinds),
        toKinds: kinds(v.toKinds),
        fromLabels: strings(v.fromLabels),
        toLabels: strings(v.toLabels),
      });
    } else if (v.stances && typeof v.stances === 'object') {
      const s = v.stances as Record<string, unknown>;
      const values = strings(s.values);
      if (!values.length) throw new GlossError('import', `${file}:${line}: the stance values in the gloss comment are empty`);
      stances = { values, defaultValue: typeof s.defaultValue === 'string' && values.includes(s.defaultValue) ? s.defaultValue : values[0]! };
    }
  }
  return { labels, relations, ...(stances ? { stances } : {}) };
}
