import type { Label } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { cachedStatement } from '../store/statements.ts';
import { StandoffStore } from '../store/standoff.ts';
import { AnnotationRows } from './annotation-rows.ts';
import { claimOf, emptyDocument, type Bundle, type BundleDocument } from './model.ts';
import { checkAborted, type RunOptions } from './progress.ts';
import { runSteps, type Steps } from './steps.ts';

/**
 * Reads documents (all, or those named, in library order) with everything
 * attached to them into a bundle for the exporters. Keys are the stored ids.
 * Relations whose other end is outside the exported documents are left out
 * and counted in `dropped`.
 */
export function loadBundle(project: Project, documentIds?: readonly string[], options: RunOptions = {}): Bundle & { dropped: number; orphaned: number } {
  return runSteps(loadBundleSteps(project, documentIds, options));
}

/** {@link loadBundle}, yielding after each document (for exports that run as background jobs). */
export function* loadBundleSteps(project: Project, documentIds?: readonly string[], options: RunOptions = {}): Steps<Bundle & { dropped: number; orphaned: number }> {
  const labels = project.labels.list();
  const labelById = new Map<string, Label>(labels.map((l) => [l.id, l]));
  const ids = documentIds ?? project.documents.ids();
  const wanted = new Set(ids);
  const standoff = new StandoffStore(project.db);
  const annotationRows = new AnnotationRows(project.db);
  const entityIds = new Set<string>();
  const propositionIds = new Set<string>();
  const types = project.relations.listTypes();
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  const labelName = (id: string) => labelById.get(id)?.name ?? id;
  let dropped = 0;
  // Orphaned annotations (their text is gone from the current version) are not exported as spans: counted for the warning.
  const orphanCount = cachedStatement(project.db, "SELECT count(*) AS n FROM annotations WHERE document_id = ? AND anchor = 'orphaned'");
  const orphanIds = project.db.prepare("SELECT id FROM annotations WHERE document_id = ? AND anchor = 'orphaned'").pluck();
  let orphaned = 0;
  const documents: BundleDocument[] = [];
  for (const [i, id] of ids.entries()) {
    checkAborted(options.signal);
    options.onProgress?.({ phase: 'export', done: i, total: ids.length, item: id });
    const d = project.documents.get(id);
    const orphansHere = (orphanCount.get(id) as { n: number }).n;
    orphaned += orphansHere;
    const doc = emptyDocument({ key: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata });
    const links = hasRows(project, 'annotation_entities') ? project.entities.linksByDocument(id).links : [];
    // (An orphan's entity link is not exported: the orphan is not among the rows read below.)
    const entityOf = new Map(links.map((l) => [l.annotationId, l.entityId]));
    const claims = new Map<string, ReturnType<typeof project.claims.listByDocument>>();
    for (const c of project.claims.listByDocument(id)) claims.set(c.annotationId, [...(claims.get(c.annotationId) ?? []), c]);
    for (const a of annotationRows.byDocument(id)) {
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
          return claimOf(c.propositionId, c.stance, { hedged: c.hedged, reported: c.reported, note: c.note, attribution: { entity: c.attribution.entityId, text: c.attribution.text } });
        }),
      });
    }
    const relations = hasRows(project, 'relations') ? relationsFrom(project, id) : [];
    const roles = standoff.relationRoles(relations.map((r) => r.id));
    for (const r of relations) {
      if (!wanted.has(r.toDocumentId)) {
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
      });
    }
    // What refers to an orphan (not exported as a span) is left out with it, so no export names a missing span.
    const orphans = orphansHere ? new Set(orphanIds.all(id) as string[]) : undefined;
    const placed = (ref: string) => !orphans?.has(ref);
    for (const e of standoff.events(id)) {
      if (placed(e.triggerId)) doc.events.push({ key: e.id, type: e.type, trigger: e.triggerId, args: e.args.filter((x) => placed(x.ref)), attributes: e.attributes, note: e.note });
    }
    for (const q of standoff.equivalences(id)) {
      const members = q.members.filter(placed);
      if (members.length >= 2) doc.equivalences.push({ type: q.type, members });
    }
    for (const n of standoff.normalizations(id)) if (placed(n.targetId)) doc.normalizations.push({ target: n.targetId, type: n.type, resource: n.resource, externalId: n.externalId, text: n.text });
    for (const n of standoff.notes(id)) if (placed(n.targetId)) doc.notes.push({ target: n.targetId, type: n.type, text: n.text });
    for (const s of project.claims.stancesByDocument(id)) {
      propositionIds.add(s.propositionId);
      doc.stances.push({ proposition: s.propositionId, stance: s.stance, justification: s.justification });
    }
    documents.push(doc);
    yield;
  }
  options.onProgress?.({ phase: 'export', done: ids.length, total: ids.length });
  return {
    labels: labels.map((l) => ({ name: l.name, kind: l.kind, color: l.color, hotkey: l.hotkey, attributes: l.attributes })),
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
      return { key: e.id, name: e.name, type: e.type, externalId: e.externalId, aliases: e.aliases, description: e.description };
    }),
    propositions: [...propositionIds].map((id) => {
      const p = project.propositions.get(id);
      return { key: p.id, text: p.text, note: p.note };
    }),
    documents,
    stanceValues: project.claims.stanceSet().values,
    dropped,
    orphaned,
  };
}

/**
 * Whether a table has any row. Entity links and relations are found through
 * the document's annotations, a join that costs as much as reading them; many
 * projects have none, and this check (asked per document, as the export may
 * pause between documents while others write) costs next to nothing.
 */
function hasRows(project: Project, table: 'annotation_entities' | 'relations'): boolean {
  return (cachedStatement(project.db, `SELECT EXISTS (SELECT 1 FROM ${table}) AS found`).get() as { found: number }).found === 1;
}

interface RelationRow {
  id: string;
  type_id: string;
  from_annotation_id: string;
  to_annotation_id: string;
  to_document_id: string;
  note: string;
}

/**
 * Relations that start in a document, in reading order. (The relation store's
 * listByDocument also finds those that end there, with an OR that SQLite
 * cannot answer from an index; an export reads every document, so this one
 * starts from the document's annotations.) Relations with an orphaned end are
 * left out with it (the orphan keeps them for when it is placed again).
 */
function relationsFrom(project: Project, documentId: string) {
  const rows = cachedStatement(
    project.db,
    `SELECT r.id, r.type_id, r.from_annotation_id, r.to_annotation_id, ta.document_id AS to_document_id, r.note
     FROM annotations fa JOIN relations r ON r.from_annotation_id = fa.id JOIN annotations ta ON ta.id = r.to_annotation_id
     WHERE fa.document_id = ? AND fa.anchor <> 'orphaned' AND ta.anchor <> 'orphaned' ORDER BY fa.start_offset, r.rowid`,
  ).all(documentId) as RelationRow[];
  return rows.map((r) => ({ id: r.id, typeId: r.type_id, fromAnnotationId: r.from_annotation_id, toAnnotationId: r.to_annotation_id, toDocumentId: r.to_document_id, note: r.note }));
}
