import {
  GlossError,
  toPortableTagset,
  type Label,
  type PortableTagset,
  type Tagset,
  type TagsetImportMode,
  type TagsetImportResult,
} from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { PALETTE } from './colors.ts';

/** The project's tagset: labels, relation types and stance values. */
export function currentTagset(project: Project): Tagset {
  return { labels: project.labels.list(), relationTypes: project.relations.listTypes(), stances: project.claims.stanceSet() };
}

/** The project's tagset in the portable shape the formats write. */
export function currentPortableTagset(project: Project): PortableTagset {
  return toPortableTagset(currentTagset(project));
}

/**
 * Brings an imported tagset into the project, all or nothing. Labels and
 * relation types are matched by id, then by name (ignoring case); matches are
 * updated, the rest created. `replace` also deletes what the file lacks (a
 * conflict error when something still uses it) and sets the stance values
 * exactly; `merge` adds stance values to the project's. A hotkey held by
 * another label stays there (with a warning) in `merge`, moves in `replace`.
 */
export function applyTagset(project: Project, incoming: PortableTagset, mode: TagsetImportMode, warnings: string[] = []): TagsetImportResult {
  return project.transaction(() => {
    const result: TagsetImportResult = {
      tagset: currentTagset(project),
      created: { labels: [], relationTypes: [] },
      updated: { labels: [], relationTypes: [] },
      removed: { labels: [], relationTypes: [] },
      warnings: [...warnings],
    };
    const existingLabels = project.labels.list();
    const matchLabel = (id: string | undefined, name: string) =>
      (id ? existingLabels.find((l) => l.id === id) : undefined) ?? existingLabels.find((l) => l.name.toLowerCase() === name.trim().toLowerCase());
    const labelMatches = incoming.labels.map((l) => ({ incoming: l, existing: matchLabel(l.id, l.name) }));
    const existingTypes = project.relations.listTypes();
    const matchType = (id: string | undefined, name: string) =>
      (id ? existingTypes.find((t) => t.id === id) : undefined) ?? existingTypes.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
    const typeMatches = incoming.relationTypes.map((t) => ({ incoming: t, existing: matchType(t.id, t.name) }));

    if (mode === 'replace') {
      const keptTypes = new Set(typeMatches.flatMap((m) => (m.existing ? [m.existing.id] : [])));
      for (const t of existingTypes) {
        if (keptTypes.has(t.id)) continue;
        project.relations.deleteType(t.id);
        result.removed.relationTypes.push(t.name);
      }
      const keptLabels = new Set(labelMatches.flatMap((m) => (m.existing ? [m.existing.id] : [])));
      for (const l of existingLabels) {
        if (keptLabels.has(l.id)) continue;
        project.labels.delete(l.id);
        result.removed.labels.push(l.name);
      }
    }

    // Hotkeys last, once every label has its name: a file may move a hotkey from one label to another.
    const labels: Label[] = [];
    for (const [i, { incoming: l, existing }] of labelMatches.entries()) {
      const fields = { name: l.name.trim(), kind: l.kind ?? existing?.kind ?? 'entity', color: l.color ?? existing?.color ?? PALETTE[i % PALETTE.length]!, attributes: l.attributes };
      if (existing) {
        labels.push(project.labels.update(existing.id, fields));
        result.updated.labels.push(fields.name);
      } else {
        labels.push(project.labels.create({ ...fields, hotkey: null }, l.id && isUuid(l.id) && !idTaken(project, l.id) ? l.id : undefined));
        result.created.labels.push(fields.name);
      }
    }
    for (const [i, { incoming: l }] of labelMatches.entries()) {
      const label = labels[i]!;
      if (l.hotkey === label.hotkey || (l.hotkey === null && mode === 'merge')) continue;
      const holder = l.hotkey ? project.labels.list().find((x) => x.hotkey === l.hotkey && x.id !== label.id) : undefined;
      if (holder) {
        if (mode === 'merge') {
          result.warnings.push(`hotkey ${l.hotkey} stays with "${holder.name}"; "${label.name}" gets none`);
          continue;
        }
        project.labels.update(holder.id, { hotkey: null });
      }
      project.labels.update(label.id, { hotkey: l.hotkey });
    }

    const byName = new Map(project.labels.list().map((l) => [l.name.toLowerCase(), l.id]));
    const ids = (names: readonly string[], typeName: string) =>
      names.map((n) => {
        const id = byName.get(n.trim().toLowerCase());
        if (!id) throw new GlossError('import', `relation type "${typeName}" names the label "${n}", which the tagset does not define`);
        return id;
      });
    for (const [i, { incoming: t, existing }] of typeMatches.entries()) {
      const fields = {
        name: t.name.trim(),
        color: t.color ?? existing?.color ?? PALETTE[i % PALETTE.length]!,
        symmetric: t.symmetric,
        fromKinds: t.fromKinds,
        toKinds: t.toKinds,
        fromLabelIds: ids(t.fromLabels, t.name),
        toLabelIds: ids(t.toLabels, t.name),
      };
      if (existing) {
        project.relations.updateType(existing.id, fields);
        result.updated.relationTypes.push(fields.name);
      } else {
        project.relations.createType(fields, t.id && isUuid(t.id) && !typeIdTaken(project, t.id) ? t.id : undefined);
        result.created.relationTypes.push(fields.name);
      }
    }

    if (incoming.stances) {
      const cur = project.claims.stanceSet();
      const values = mode === 'replace' ? incoming.stances.values : [...cur.values, ...incoming.stances.values.filter((v) => !cur.values.includes(v))];
      project.claims.setStanceSet(values, incoming.stances.defaultValue, {});
    }
    result.tagset = currentTagset(project);
    return result;
  });
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function idTaken(project: Project, id: string): boolean {
  return project.labels.exists(id);
}

function typeIdTaken(project: Project, id: string): boolean {
  return project.relations.typeExists(id);
}
