import { GlossError, QUOTE_CONTEXT, type Annotation, type PropagationCandidate } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import type { LinkChange } from '../store/entities.ts';
import { findForms } from './match.ts';

export interface CandidateQuery {
  annotationId?: string | undefined;
  entityId?: string | undefined;
  labelId?: string | undefined;
  scope: 'document' | 'corpus';
  documentId?: string | undefined;
  caseSensitive: boolean;
}

/**
 * Whole-word occurrences of an entity's name and aliases that are not yet
 * tagged as the entity, in one document or across the corpus. A range is left
 * out when any annotation exactly covering it is linked to the entity, or
 * when one with the target label is linked to another entity (a deliberate
 * choice). An unlinked annotation with the target label is offered for linking.
 */
export function propagationCandidates(project: Project, q: CandidateQuery): { entityId: string; labelId: string; candidates: PropagationCandidate[] } {
  const source = q.annotationId !== undefined ? project.annotations.get(q.annotationId) : undefined;
  let entityId = q.entityId;
  if (source) {
    const linked = project.entities.entityOf(source.id);
    if (!linked && !entityId) throw new GlossError('validation', 'the annotation is not linked to an entity; link it first or give entityId');
    if (linked && entityId && linked !== entityId) throw new GlossError('validation', 'the annotation is linked to a different entity than entityId');
    entityId ??= linked!;
  }
  const entity = project.entities.get(entityId!);
  const labelId = q.labelId ?? source?.labelId ?? project.entities.commonLabel(entity.id);
  if (!labelId) throw new GlossError('validation', `the entity "${entity.name}" has no mentions yet; give labelId`);
  project.labels.get(labelId);

  let documentIds: string[];
  if (q.scope === 'corpus') documentIds = project.documents.list().map((d) => d.id);
  else {
    const documentId = q.documentId ?? source?.documentId;
    if (!documentId) throw new GlossError('validation', 'scope "document" needs documentId (or annotationId)');
    documentIds = [documentId];
  }

  const forms = [entity.name, ...entity.aliases];
  const candidates: PropagationCandidate[] = [];
  for (const documentId of documentIds) {
    const doc = project.documents.get(documentId);
    const matches = findForms(doc.text, forms, q.caseSensitive);
    if (!matches.length) continue;
    const exact = exactRangeIndex(project.annotations.listByDocument(documentId));
    for (const m of matches) {
      let annotationId: string | null = null;
      let skip = false;
      for (const a of exact.get(`${m.start}:${m.end}`) ?? []) {
        const linked = project.entities.entityOf(a.id);
        if (linked === entity.id) skip = true;
        else if (a.labelId === labelId) {
          if (linked) skip = true;
          else annotationId ??= a.id;
        }
      }
      if (skip) continue;
      candidates.push({
        document: { id: doc.id, name: doc.name, title: doc.title },
        start: m.start,
        end: m.end,
        text: doc.text.slice(m.start, m.end),
        form: m.form,
        prefix: doc.text.slice(Math.max(0, m.start - QUOTE_CONTEXT), m.start),
        suffix: doc.text.slice(m.end, m.end + QUOTE_CONTEXT),
        annotationId,
      });
    }
  }
  return { entityId: entity.id, labelId, candidates };
}

export interface AcceptedCandidate {
  documentId: string;
  start: number;
  end: number;
  annotationId?: string | null | undefined;
}

/**
 * Tags accepted candidates as mentions of the entity, in one transaction:
 * links the named existing annotation, or creates one with `labelId`. A range
 * already tagged as the entity with that label is skipped.
 */
export function propagate(
  project: Project,
  entityId: string,
  labelId: string,
  accepted: readonly AcceptedCandidate[],
  actor: string = project.annotator,
): { created: Annotation[]; linked: LinkChange[]; skipped: number } {
  return project.transaction(() => {
    project.entities.get(entityId);
    project.labels.get(labelId);
    const created: Annotation[] = [];
    const linked: LinkChange[] = [];
    let skipped = 0;
    const texts = new Map<string, string>();
    const indexes = new Map<string, Map<string, Annotation[]>>();
    const seen = new Set<string>();
    for (const c of accepted) {
      let text = texts.get(c.documentId);
      if (text === undefined) texts.set(c.documentId, (text = project.documents.text(c.documentId)));
      const key = `${c.documentId}:${c.start}:${c.end}`;
      if (seen.has(key)) {
        skipped++;
        continue;
      }
      seen.add(key);
      if (c.annotationId) {
        const a = project.annotations.get(c.annotationId);
        if (a.documentId !== c.documentId) throw new GlossError('validation', `annotation ${a.id} is not in document ${c.documentId}`);
        const current = project.entities.entityOf(a.id);
        if (current === entityId) {
          skipped++;
          continue;
        }
        if (current) throw new GlossError('conflict', `annotation ${a.id} ("${a.quote}") is already linked to another entity`);
        linked.push(...project.entities.link([{ annotationId: a.id, entityId }]));
        continue;
      }
      let index = indexes.get(c.documentId);
      if (!index) indexes.set(c.documentId, (index = exactRangeIndex(project.annotations.listByDocument(c.documentId))));
      const already = (index.get(`${c.start}:${c.end}`) ?? []).some((a) => a.labelId === labelId && project.entities.entityOf(a.id) === entityId);
      if (already) {
        skipped++;
        continue;
      }
      const a = project.annotations.create({ documentId: c.documentId, ranges: [{ start: c.start, end: c.end }], labelId, annotator: actor }, text);
      project.entities.link([{ annotationId: a.id, entityId }]);
      created.push(a);
    }
    return { created, linked, skipped };
  });
}

/** Annotations with a single range, by `start:end`. */
function exactRangeIndex(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const out = new Map<string, Annotation[]>();
  for (const a of annotations) {
    if (a.ranges.length !== 1) continue;
    const key = `${a.ranges[0]!.start}:${a.ranges[0]!.end}`;
    const list = out.get(key);
    if (list) list.push(a);
    else out.set(key, [a]);
  }
  return out;
}
