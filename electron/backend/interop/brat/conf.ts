import type { LabelKind, PortableTagset } from '../../../../shared/index.ts';
import { bratConfToTagset, bratName, tagsetToBratConf } from './tagset.ts';
import type { BundleLabel, BundleRelationType } from '../model.ts';
import type { BratAnnotations } from './ann.ts';

// annotation.conf and visual.conf are the tagset's (electron/backend/tagset/
// brat.ts, which keeps what brat cannot say in "# gloss:" comments). This
// file adds what a corpus needs beyond the tagset: brat event types with
// their roles, attributes of events, the claims' Stance attribute, attributes
// the data uses that the tagset does not define, and equivalence types.

/** The labels and relation types an annotation.conf (and visual.conf) declare, for an import. */
export function tagsetFromConf(
  annotationConf: string,
  visualConf: string | undefined,
  files: { annotation: string; visual: string },
): { labels: BundleLabel[]; relationTypes: BundleRelationType[]; stanceValues?: string[]; warnings: string[] } {
  const { tagset, warnings } = bratConfToTagset(annotationConf, visualConf, files);
  return {
    labels: tagset.labels.map((l) => {
      // brat has no claims: a type named Claim is one (issue 5), unless the gloss comment says otherwise.
      const kind = ((l.kind ?? 'entity') === 'entity' && l.name.toLowerCase() === 'claim' ? 'claim' : (l.kind ?? 'entity')) as LabelKind;
      return {
        name: l.name,
        kind,
        ...(l.color ? { color: l.color } : {}),
        hotkey: l.hotkey,
        // A claim's Stance attribute is its links' stance, not an attribute of its own.
        attributes: l.attributes.filter((a) => !(kind === 'claim' && a.name === 'Stance')),
      };
    }),
    relationTypes: tagset.relationTypes.map((r) => ({ name: r.name, ...(r.color ? { color: r.color } : {}), symmetric: r.symmetric, fromKinds: r.fromKinds, toKinds: r.toKinds, fromLabels: r.fromLabels, toLabels: r.toLabels })),
    ...(tagset.stances ? { stanceValues: tagset.stances.values } : {}),
    warnings,
  };
}

/** What the `.ann` files of an export use, gathered for the configuration. */
export class ConfUsage {
  /** Event type → role → argument types. */
  readonly events = new Map<string, Map<string, Set<string>>>();
  /** Attribute name → the types it is used on (`<EVENT>` for events) and its values (`true`: binary). */
  readonly attributes = new Map<string, { targets: Set<string>; values: Set<string | true> }>();
  readonly equivalences = new Set<string>();

  add(ann: BratAnnotations): void {
    const typeOf = new Map<string, string>();
    for (const t of ann.textBounds) typeOf.set(t.id, t.type);
    for (const e of ann.events) typeOf.set(e.id, e.type);
    for (const e of ann.events) {
      const roles = this.events.get(e.type) ?? new Map<string, Set<string>>();
      for (const a of e.args) {
        const role = a.role.replace(/\d+$/, ''); // brat numbers repeated roles: Org-Arg, Org-Arg2
        const set = roles.get(role) ?? new Set<string>();
        set.add(a.ref.startsWith('E') ? '<EVENT>' : (typeOf.get(a.ref) ?? '<ENTITY>'));
        roles.set(role, set);
      }
      this.events.set(e.type, roles);
    }
    for (const x of ann.attributes) {
      const entry = this.attributes.get(x.name) ?? { targets: new Set(), values: new Set() };
      entry.targets.add(x.target.startsWith('E') ? '<EVENT>' : (typeOf.get(x.target) ?? '<ENTITY>'));
      entry.values.add(x.value);
      this.attributes.set(x.name, entry);
    }
    for (const q of ann.equivalences) this.equivalences.add(q.type);
  }
}

/**
 * annotation.conf and visual.conf for an export: the tagset's, with event
 * trigger types moved from [entities] to [events] (with the roles seen), and
 * [attributes] and [relations] extended with what the data uses.
 */
export function confForExport(tagset: PortableTagset, usage: ConfUsage): { annotationConf: string; visualConf: string; warnings: string[] } {
  const { annotationConf, visualConf, warnings } = tagsetToBratConf(tagset);
  const sections = splitSections(annotationConf);
  const triggerTypes = new Set(usage.events.keys());
  const entities = sections.get('entities');
  if (entities) entities.lines = entities.lines.filter((l) => !triggerTypes.has(l.trim()));
  const events = sections.get('events');
  if (events) {
    for (const [type, roles] of usage.events) {
      const args = [...roles].map(([role, types]) => `${role}*:${[...types].join('|')}`);
      events.lines.push(args.length ? `${type}\t${args.join(', ')}` : type);
    }
  }
  const relations = sections.get('relations');
  if (relations) {
    for (const type of usage.equivalences) {
      const i = relations.lines.findIndex((l) => l.split(/\s/)[0] === type);
      if (i === -1) relations.lines.push(`${type}\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive`);
      else if (!/symmetric-transitive/.test(relations.lines[i]!)) {
        relations.lines[i] = /<REL-TYPE>:symmetric/.test(relations.lines[i]!)
          ? relations.lines[i]!.replace('<REL-TYPE>:symmetric', '<REL-TYPE>:symmetric-transitive')
          : `${relations.lines[i]}, <REL-TYPE>:symmetric-transitive`;
      }
    }
  }
  const attributes = sections.get('attributes');
  if (attributes) {
    for (const [name, use] of usage.attributes) {
      const i = attributes.lines.findIndex((l) => l.split(/\s/)[0] === name);
      const declared = i === -1 ? undefined : parseAttributeLine(attributes.lines[i]!);
      const targets = new Set([...(declared?.targets ?? []), ...use.targets]);
      if (declared?.targets.includes('<ENTITY>')) for (const t of [...targets]) if (t !== '<EVENT>' && t !== '<ENTITY>' && !triggerTypes.has(t)) targets.delete(t);
      const values = new Set([...(declared?.values ?? []), ...[...use.values].filter((v): v is string => v !== true)]);
      const line = `${name}\tArg:${[...targets].join('|')}${values.size ? `, Value:${[...values].join('|')}` : ''}`;
      if (i === -1) attributes.lines.push(line);
      else attributes.lines[i] = line;
    }
  }
  return { annotationConf: joinSections(sections), visualConf, warnings };
}

function parseAttributeLine(line: string): { targets: string[]; values: string[] } {
  const rest = line.slice(line.split(/\s/)[0]!.length);
  const arg = /Arg:\s*([^,]+)/.exec(rest)?.[1]?.trim() ?? '';
  const value = /Value:\s*([^,]+)/.exec(rest)?.[1]?.trim() ?? '';
  return { targets: arg ? arg.split('|') : [], values: value ? value.split('|') : [] };
}

interface Section {
  header: string;
  lines: string[];
}

/** Splits a configuration into its preamble (key '') and sections, keeping every line. */
function splitSections(text: string): Map<string, Section> {
  const out = new Map<string, Section>();
  let cur: Section = { header: '', lines: [] };
  out.set('', cur);
  for (const line of text.split('\n')) {
    const m = /^\[(\w+)\]\s*$/.exec(line);
    if (m) {
      cur = { header: line, lines: [] };
      out.set(m[1]!, cur);
    } else cur.lines.push(line);
  }
  // Lines go before the trailing blank lines and "# gloss:" comments of a section.
  for (const s of out.values()) {
    const tail: string[] = [];
    while (s.lines.length && (!s.lines[s.lines.length - 1]!.trim() || s.lines[s.lines.length - 1]!.startsWith('# gloss:'))) tail.unshift(s.lines.pop()!);
    (s as Section & { tail?: string[] }).tail = tail;
  }
  return out;
}

function joinSections(sections: Map<string, Section>): string {
  const out: string[] = [];
  for (const s of sections.values()) {
    if (s.header) out.push(s.header);
    out.push(...s.lines, ...((s as Section & { tail?: string[] }).tail ?? []));
  }
  return out.join('\n');
}

export { bratName };
