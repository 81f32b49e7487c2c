import type { AttributeValue, Label } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { sourceKey, type SourceId } from '../store/source-ids.ts';
import { claimOf, emptyDocument, type Bundle, type BundleDocument, type SourceIds } from './model.ts';
import { checkAborted, type RunOptions } from './progress.ts';
import { runSteps, type Steps } from './steps.ts';

/**
 * Reads documents (all, or those named, in library order) with everything
 * attached to them into a bundle for the exporters. Keys are the stored ids.
 * Relations whose other end is outside the exported documents are left out
 * and counted in `dropped`.
 */
export function loadBundle(project: Project, documentIds?: readonly string[], options: LoadOptions = {}): Bundle & { dropped: number; orphaned: number } {
  return runSteps(loadBundleSteps(project, documentIds, options));
}

/**
 * What a load takes besides the documents: progress, cancel, the scheme whose
 * kept ids to attach (see SourceIdStore), and with `annotator` one annotator's
 * layer only (e.g. `curation`, the gold corpus).
 */
export type LoadOptions = RunOptions & { idScheme?: string; annotator?: string };

/** {@link loadBundle}, yielding after each document (for exports that run as background jobs). */
export function* loadBundleSteps(project: Project, documentIds?: readonly string[], options: LoadOptions = {}): Steps<Bundle & { dropped: number; orphaned: number }> {
  const scheme = options.idScheme;
  const sourceIds = project.sourceIds;
  const globalIds = scheme ? sourceIds.global(scheme) : new Map<string, SourceId>();
  const labels = project.labels.list();
  const labelById = new Map<string, Label>(labels.map((l) => [l.id, l]));
  const ids = documentIds ?? project.documents.ids();
  const wanted = new Set(ids);
  const standoff = project.standoff;
  const reads = project.exportReads;
  const entityIds = new Set<string>();
  const propositionIds = new Set<string>();
  const types = project.relations.listTypes();
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  const labelName = (id: string) => labelById.get(id)?.name ?? id;
  let dropped = 0;
  // Orphaned annotations (their text is gone from the current version) are not exported as spans: counted for the warning.
  let orphaned = 0;
  const documents: BundleDocument[] = [];
  for (const [i, id] of ids.entries()) {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'export', done: i, total: ids.length, item: id });
    const d = project.documents.get(id);
    const orphansHere = project.anchors.orphanCount(id);
    orphaned += orphansHere;
    const doc = emptyDocument({ key: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata });
    const kept = scheme ? sourceIds.byDocument(scheme, id) : new Map<string, SourceId>();
    const docId = kept.get(sourceKey(id));
    if (docId) Object.assign(doc, docId.sourceId !== '' ? { sourceId: docId.sourceId } : {}, docId.extra !== undefined ? { extra: docId.extra } : {});
    const idsOf = ownerIndex(kept);
    const links = reads.hasRows('annotation_entities') ? project.entities.linksByDocument(id).links : [];
    // (An orphan's entity link is not exported: the orphan is not among the rows read below.)
    const entityOf = new Map(links.map((l) => [l.annotationId, l.entityId]));
    const claims = new Map<string, ReturnType<typeof project.claims.listByDocument>>();
    for (const c of project.claims.listByDocument(id)) claims.set(c.annotationId, [...(claims.get(c.annotationId) ?? []), c]);
    const layer = options.annotator;
    const rows = reads.annotationRows(id).filter((a) => layer === undefined || a.annotator === layer);
    const layerIds = new Set(rows.map((a) => a.id));
    for (const a of rows) {
      const entity = entityOf.get(a.id);
      if (entity) entityIds.add(entity);
      doc.annotations.push({
        key: a.id,
        label: labelName(a.labelId),
        ranges: a.ranges,
        attributes: a.attributes,
        note: a.note,
        annotator: a.annotator,
        createdAt: a.createdAt,
        modifiedAt: a.modifiedAt,
        ...(entity ? { entity } : {}),
        claims: (claims.get(a.id) ?? []).map((c) => {
          propositionIds.add(c.propositionId);
          if (c.attribution.entityId) entityIds.add(c.attribution.entityId);
          const ids = idsOf(a.id, `claim:${c.propositionId}:`);
          return claimOf(c.propositionId, c.stance, { hedged: c.hedged, reported: c.reported, note: c.note, attribution: { entity: c.attribution.entityId, text: c.attribution.text }, ...(ids ? { ids } : {}) });
        }),
        ...withIds(idsOf(a.id), kept.get(sourceKey(a.id))?.extra),
      });
    }
    const relations = reads.hasRows('relations') ? reads.relationsFrom(id) : [];
    const roles = standoff.relationRoles(relations.map((r) => r.id));
    for (const r of relations) {
      if (layer !== undefined && !layerIds.has(r.fromAnnotationId)) continue;
      if (!wanted.has(r.toDocumentId) || (layer !== undefined && r.toDocumentId === id && !layerIds.has(r.toAnnotationId))) {
        dropped++;
        continue;
      }
      const role = roles.get(r.id);
      doc.relations.push({
        key: r.id,
        type: typeName.get(r.typeId) ?? r.typeId,
        from: r.fromAnnotationId,
        to: r.toAnnotationId,
        ...(r.toDocumentId !== id ? { toDocument: r.toDocumentId } : {}),
        note: r.note,
        ...(role ? { fromRole: role.fromRole, toRole: role.toRole } : {}),
        ...(r.attributes !== '{}' ? { attributes: JSON.parse(r.attributes) as Record<string, AttributeValue> } : {}),
        ...withIds(idsOf(r.id), kept.get(sourceKey(r.id))?.extra),
      });
    }
    // What refers to an orphan (not exported as a span) is left out with it, so no export names a missing span.
    const orphans = orphansHere ? new Set(project.anchors.orphanIds(id)) : undefined;
    const placed = (ref: string) => !orphans?.has(ref);
    const inLayer = (ref: string) => layer === undefined || layerIds.has(ref) || !ref;
    for (const e of standoff.events(id)) {
      if (inLayer(e.triggerId) && placed(e.triggerId)) {
        doc.events.push({ key: e.id, type: e.type, trigger: e.triggerId, args: e.args.filter((x) => placed(x.ref)), attributes: e.attributes, note: e.note, ...withIds(idsOf(e.id)) });
      }
    }
    for (const q of standoff.equivalences(id)) {
      const members = q.members.filter((m) => placed(m) && (layer === undefined || layerIds.has(m)));
      if (members.length >= 2) doc.equivalences.push({ type: q.type, members });
    }
    const eventIds = new Set(doc.events.map((e) => e.key));
    const relationIds = new Set(doc.relations.map((r) => r.key));
    const targetKept = (t: string) => placed(t) && (layer === undefined || layerIds.has(t) || eventIds.has(t) || relationIds.has(t));
    const lineId = (owner: string) => {
      const x = kept.get(sourceKey(owner));
      return x ? { id: x.sourceId } : {};
    };
    for (const n of standoff.normalizations(id)) {
      if (targetKept(n.targetId)) doc.normalizations.push({ target: n.targetId, type: n.type, resource: n.resource, externalId: n.externalId, text: n.text, ...lineId(n.id) });
    }
    for (const n of standoff.notes(id)) if (targetKept(n.targetId)) doc.notes.push({ target: n.targetId, type: n.type, text: n.text, ...lineId(n.id) });
    for (const s of project.claims.stancesByDocument(id)) {
      if (layer !== undefined && s.annotator !== layer) continue;
      propositionIds.add(s.propositionId);
      doc.stances.push({ proposition: s.propositionId, stance: s.stance, justification: s.justification, ...(s.annotator ? { annotator: s.annotator } : {}) });
    }
    documents.push(doc);
    yield;
  }
  options.onProgress?.({ phase: 'export', done: ids.length, total: ids.length });
  const tree = project.labels.treeFields();
  const projectExtra = globalIds.get(sourceKey('project', 'extra'))?.extra;
  return {
    labels: labels.map((l) => {
      const t = tree.get(l.id);
      const parent = t?.parentId ? labelById.get(t.parentId)?.name : undefined;
      return {
        name: l.name,
        kind: l.kind,
        color: l.color,
        hotkey: l.hotkey,
        attributes: l.attributes,
        ...(parent ? { parent } : {}),
        ...(t?.description ? { description: t.description } : {}),
        ...(t?.guid ? { sourceId: t.guid } : {}),
      };
    }),
    relationTypes: types.map((t) => ({
      name: t.name,
      color: t.color,
      symmetric: t.symmetric,
      fromKinds: t.fromKinds,
      toKinds: t.toKinds,
      fromLabels: t.fromLabelIds.map(labelName),
      toLabels: t.toLabelIds.map(labelName),
    })),
    entities: [...entityIds].map((id) => {
      const e = project.entities.get(id);
      const kept = globalIds.get(sourceKey(e.id, 'entity'));
      return { key: e.id, name: e.name, type: e.type, externalId: e.externalId, aliases: e.aliases, description: e.description, ...(kept ? { sourceId: kept.sourceId } : {}) };
    }),
    propositions: [...propositionIds].map((id) => {
      const p = project.propositions.get(id);
      const kept = globalIds.get(sourceKey(p.id, 'proposition'));
      return { key: p.id, text: p.text, note: p.note, ...(kept ? { sourceId: kept.sourceId } : {}) };
    }),
    documents,
    stanceValues: project.claims.stanceSet().values,
    ...(scheme ? { idScheme: scheme } : {}),
    ...(projectExtra !== undefined ? { extra: projectExtra } : {}),
    dropped,
    orphaned,
  };
}

/** A lookup of kept ids by owner: the parts under a prefix, with the prefix taken off; undefined when there are none. */
function ownerIndex(kept: Map<string, SourceId>): (owner: string, prefix?: string) => SourceIds | undefined {
  const byOwner = new Map<string, SourceId[]>();
  for (const x of kept.values()) byOwner.set(x.owner, [...(byOwner.get(x.owner) ?? []), x]);
  return (owner, prefix = '') => {
    const out: SourceIds = {};
    let any = false;
    for (const x of byOwner.get(owner) ?? []) {
      if (!x.part.startsWith(prefix) || x.sourceId === '') continue;
      if (!prefix && x.part.startsWith('claim:')) continue;
      out[x.part.slice(prefix.length)] = x.sourceId;
      any = true;
    }
    return any ? out : undefined;
  };
}

function withIds(ids: SourceIds | undefined, extra?: unknown): { ids?: SourceIds; extra?: unknown } {
  return { ...(ids ? { ids } : {}), ...(extra !== undefined ? { extra } : {}) };
}
