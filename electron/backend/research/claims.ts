import { GlossError, type ParsedArgs, type Proposition, type Result } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { recordMaker } from '../team/maker.ts';

/**
 * The rules of claims and stances, whoever calls them (the API handlers, the
 * CLI): only claim annotations link to propositions, a stance must be one of
 * the project's set, an attribution names an existing entity, and a
 * proposition named by text reuses the one with the same text. Each runs its
 * checks and writes in one write transaction.
 */

/** Links a claim annotation to a proposition (by id, or by text: reused or created) with a stance. */
export function linkClaim(project: Project, args: ParsedArgs<'claims.link'>, actor: string = project.annotator): Result<'claims.link'> {
  return project.transaction(() => {
    const annotation = project.annotations.get(args.annotationId);
    const label = project.labels.get(annotation.labelId);
    if (label.kind !== 'claim') {
      throw new GlossError('validation', `only claim annotations link to propositions; "${annotation.quote}" is a ${label.name} (${label.kind}) annotation`);
    }
    const stance = args.stance ?? project.claims.stanceSet().defaultValue;
    project.claims.assertStance(stance);
    if (args.attribution.entityId) project.entities.get(args.attribution.entityId);
    const { proposition, created } = resolveProposition(project, args);
    const claim = project.claims.insert(
      { annotationId: annotation.id, propositionId: proposition.id, stance, attribution: args.attribution, hedged: args.hedged, reported: args.reported, note: args.note },
      { id: args.id },
    );
    recordMaker(project, 'claim_links', [claim.id], actor);
    return { claim: { ...claim, annotator: actor }, proposition, createdProposition: created };
  });
}

/** Changes a claim link; a new proposition, stance or attributed entity must exist. */
export function updateClaim(project: Project, { id, ...changes }: ParsedArgs<'claims.update'>): Result<'claims.update'> {
  return project.transaction(() => {
    if (changes.propositionId !== undefined) project.propositions.get(changes.propositionId);
    if (changes.stance !== undefined) project.claims.assertStance(changes.stance);
    if (changes.attribution?.entityId) project.entities.get(changes.attribution.entityId);
    return project.claims.update(id, changes);
  });
}

/** Sets a document's stance on a proposition (by id, or by text: reused or created). */
export function setDocumentStance(project: Project, args: ParsedArgs<'stances.setDocument'>, actor: string = project.annotator): Result<'stances.setDocument'> {
  return project.transaction(() => {
    project.documents.text(args.documentId);
    project.claims.assertStance(args.stance);
    const { proposition, created } = resolveProposition(project, args);
    const { stance, previous } = project.claims.setDocumentStance(
      { documentId: args.documentId, propositionId: proposition.id, stance: args.stance, justification: args.justification, annotator: actor },
      { id: args.id },
    );
    return { stance, previous, createdProposition: created };
  });
}

/** Clears a document's stance on a proposition; both must exist. */
export function clearDocumentStance(project: Project, documentId: string, propositionId: string): Result<'stances.clearDocument'> {
  return project.transaction(() => {
    project.documents.text(documentId);
    project.propositions.get(propositionId);
    return project.claims.clearDocumentStance(documentId, propositionId);
  });
}

/** The proposition named by id, or by text (reusing one with the same text, else creating it). */
export function resolveProposition(project: Project, ref: { propositionId?: string | undefined; propositionText?: string | undefined }): { proposition: Proposition; created: boolean } {
  if (ref.propositionId !== undefined) return { proposition: project.propositions.get(ref.propositionId), created: false };
  const text = ref.propositionText ?? '';
  const existing = project.propositions.findByText(text);
  if (existing) return { proposition: existing, created: false };
  return { proposition: project.propositions.create({ text }), created: true };
}
