import { GlossError, type Caller, type EntitySummary, type Method, type ParsedArgs, type PropositionSummary, type Result } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/**
 * Keeps a team server's annotator to their own layer, in the backend: calls
 * that would change another annotator's records are refused (`forbidden`,
 * before anything is written), and reads return only the caller's own
 * annotations, links, relations, stances, statuses and assignments, so each
 * annotator works blind to the others until a curator opens agreement and
 * curation. Curators, admins and the project's owner pass untouched. Which
 * methods an annotator may call at all is `METHOD_ROLES` (shared/api/roles.ts).
 */

type Guard<M extends Method> = (args: ParsedArgs<M>, project: Project, me: string) => void;
type Blind<M extends Method> = (result: Result<M>, project: Project, me: string, args: ParsedArgs<M>) => Result<M>;

function refuse(what: string): never {
  throw new GlossError('forbidden', `an annotator can change only their own layer: ${what}`);
}

function ownAnnotation(project: Project, me: string, id: string): void {
  if (project.annotations.get(id).annotator !== me) refuse(`annotation ${id} is another annotator's`);
}

function ownAnnotations(project: Project, me: string, ids: readonly string[]): void {
  for (const id of ids) ownAnnotation(project, me, id);
}

/** A document stance named by proposition id or text: refused when another annotator's is there (a proposition new by text has none). */
function ownStance(project: Project, me: string, documentId: string, ref: { propositionId?: string | undefined; propositionText?: string | undefined }): void {
  const propositionId = ref.propositionId ?? (ref.propositionText !== undefined ? project.propositions.findByText(ref.propositionText)?.id : undefined);
  if (propositionId === undefined) return;
  const current = project.claims.documentStance(documentId, propositionId);
  if (current && current.annotator && current.annotator !== me) refuse('the document already has another annotator\'s stance on this proposition');
}

const GUARDS: { [M in Method]?: Guard<M> } = {
  'annotations.create': (a, _p, me) => {
    if (a.annotator !== undefined && a.annotator !== me) refuse(`annotations are recorded under your name, not "${a.annotator}"`);
  },
  'annotations.update': (a, p, me) => ownAnnotation(p, me, a.id),
  'annotations.delete': (a, p, me) => ownAnnotation(p, me, a.id),
  'snapshots.take': (a, p, me) => ownAnnotations(p, me, a.annotationIds),
  'snapshots.deleteAnnotations': (a, p, me) => ownAnnotations(p, me, a.annotationIds),
  'snapshots.restore': (a, _p, me) => {
    for (const s of a.snapshots) if (s.annotation.annotator !== me) refuse(`annotation ${s.annotation.id} is another annotator's`);
  },
  'claims.link': (a, p, me) => ownAnnotation(p, me, a.annotationId),
  'claims.update': (a, p, me) => {
    if (p.claims.get(a.id).annotator !== me) refuse(`claim link ${a.id} is another annotator's`);
  },
  'claims.unlink': (a, p, me) => {
    if (p.claims.get(a.id).annotator !== me) refuse(`claim link ${a.id} is another annotator's`);
  },
  'relations.create': (a, p, me) => ownAnnotations(p, me, [a.fromAnnotationId, a.toAnnotationId]),
  'relations.update': (a, p, me) => {
    if (p.relations.get(a.id).annotator !== me) refuse(`relation ${a.id} is another annotator's`);
  },
  'relations.delete': (a, p, me) => {
    if (p.relations.get(a.id).annotator !== me) refuse(`relation ${a.id} is another annotator's`);
  },
  'stances.setDocument': (a, p, me) => ownStance(p, me, a.documentId, a),
  'stances.clearDocument': (a, p, me) => ownStance(p, me, a.documentId, a),
  'entities.create': (a, p, me) => {
    if (a.annotationId !== undefined) ownAnnotation(p, me, a.annotationId);
  },
  'entities.link': (a, p, me) => ownAnnotations(p, me, a.links.map((l) => l.annotationId)),
  'entities.propagate': (a, p, me) => ownAnnotations(p, me, a.candidates.flatMap((c) => (c.annotationId ? [c.annotationId] : []))),
  'team.setStatus': (a, _p, me) => {
    if (a.annotator !== undefined && a.annotator !== me) refuse(`statuses are recorded under your name, not "${a.annotator}"`);
  },
};

/** Documents with their annotation counts of the caller's layer only (the others' counts would show their work). */
function ownCounts<T extends { id: string; annotationCount: number }>(docs: T[], p: Project, me: string): T[] {
  const counts = p.team.annotationCountsOf(me);
  return docs.map((d) => ({ ...d, annotationCount: counts.get(d.id) ?? 0 }));
}

/** A proposition's counts from the caller's claims and document stances only. */
function ownProposition<T extends PropositionSummary>(s: T, p: Project, me: string): T {
  const claims = p.claims.listByProposition(s.proposition.id).filter((c) => c.annotator === me);
  const stances = p.claims.stancesByProposition(s.proposition.id).filter((x) => x.annotator === me);
  const stanceCounts: Record<string, number> = Object.fromEntries(Object.keys(s.stanceCounts).map((k) => [k, 0]));
  for (const c of claims) stanceCounts[c.stance] = (stanceCounts[c.stance] ?? 0) + 1;
  const documents = new Set([...claims.map((c) => c.documentId), ...stances.map((x) => x.documentId)]);
  return { ...s, claimCount: claims.length, documentCount: documents.size, stanceCounts };
}

/** An entity's mention counts from the caller's mentions only (the registry itself is shared). */
function ownEntity(s: EntitySummary, p: Project, me: string): EntitySummary {
  const perDocument = new Map<string, number>();
  let mentionCount = 0;
  for (const m of p.entities.mentions(s.entity.id)) {
    if (m.annotation.annotator !== me) continue;
    mentionCount++;
    perDocument.set(m.document.id, (perDocument.get(m.document.id) ?? 0) + 1);
  }
  const documents = s.documents.map((d) => ({ ...d, count: perDocument.get(d.document.id) ?? 0 })).filter((d) => d.count > 0);
  return { ...s, mentionCount, documents };
}

const mine = <T extends { annotator?: string | undefined }>(rows: T[], me: string): T[] => rows.filter((r) => r.annotator === me);

const BLINDS: { [M in Method]?: Blind<M> } = {
  'annotations.list': (r, _p, me) => mine(r, me),
  'claims.listByDocument': (r, _p, me) => mine(r, me),
  'claims.forAnnotation': (r, _p, me) => mine(r, me),
  'relations.listByDocument': (r, _p, me) => mine(r, me),
  'relations.forAnnotation': (r, _p, me) => mine(r, me),
  'stances.listByDocument': (r, _p, me) => mine(r, me),
  'entities.mentions': (r, _p, me) => r.filter((m) => m.annotation.annotator === me),
  'entities.linksByDocument': (r, p, me, a) => {
    const own = new Set(mine(p.annotations.listByDocument(a.documentId), me).map((x) => x.id));
    const links = r.links.filter((l) => own.has(l.annotationId));
    const linked = new Set(links.map((l) => l.entityId));
    return { links, entities: r.entities.filter((e) => linked.has(e.id)) };
  },
  'search.annotations': (r, p, me) => {
    const hits = r.hits.filter((h) => p.annotations.get(h.annotation.id).annotator === me);
    // The total counts the caller's hits only when all were returned; otherwise it is an upper bound.
    return { ...r, total: hits.length === r.hits.length ? r.total : hits.length, hits };
  },
  'propositions.list': (r, p, me) => r.map((s) => ownProposition(s, p, me)),
  'propositions.get': (r, p, me) => ownProposition(r, p, me),
  'propositions.search': (r, p, me) => r.map((s) => ownProposition(s, p, me)),
  'entities.list': (r, p, me, a) => {
    const own = r.map((s) => ownEntity(s, p, me));
    // With a document: the entities the caller mentions there, not those only others do.
    return a.documentId === undefined ? own : own.filter((s) => s.documents.some((d) => d.document.id === a.documentId));
  },
  'entities.get': (r, p, me) => ownEntity(r, p, me),
  'entities.search': (r, p, me) => r.map((h) => ({ ...h, entity: ownEntity(h.entity, p, me) })),
  'team.info': (r, _p, me) => ({ ...r, annotators: r.annotators.filter((x) => x.name === me) }),
  'team.statuses': (r, _p, me) => mine(r, me),
  'team.assignments': (r, _p, me) => r.filter((x) => x.user === me),
  'documents.list': (r, p, me) => {
    const assigned = new Set(p.users.assignedTo(me));
    return ownCounts(assigned.size ? r.filter((d) => assigned.has(d.id)) : r, p, me);
  },
  'documents.search': (r, p, me) => {
    const counts = p.team.annotationCountsOf(me);
    return r.map((h) => ({ ...h, document: { ...h.document, annotationCount: counts.get(h.document.id) ?? 0 } }));
  },
  'documents.get': (r, p, me) => ({ ...r, annotationCount: p.team.annotationCountsOf(me).get(r.id) ?? 0 }),
};

/** Refuses an annotator's call that would change another layer; nothing is written before it. */
export function guardCall(method: Method, args: unknown, project: Project, caller: Caller | undefined): void {
  if (caller?.role !== 'annotator') return;
  const guard = GUARDS[method] as Guard<Method> | undefined;
  if (guard) project.read(() => guard(args as never, project, caller.name));
}

/** An annotator's view of a result: their own layer only. */
export function blindResult(method: Method, result: unknown, args: unknown, project: Project, caller: Caller | undefined): unknown {
  if (caller?.role !== 'annotator') return result;
  const blind = BLINDS[method] as Blind<Method> | undefined;
  return blind ? project.read(() => blind(result as never, project, caller.name, args as never)) : result;
}
