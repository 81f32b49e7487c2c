import { GlossError, type Proposition } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { recordMaker } from '../team/maker.ts';
import type { HandlerMap } from './handler.ts';

export const propositionHandlers: HandlerMap<'propositions'> = {
  'propositions.list': (_args, { project }) => project.propositions.list(),
  'propositions.get': ({ id }, { project }) => project.propositions.summary(id),
  'propositions.search': ({ query, limit }, { project }) => project.propositions.search(query, limit),
  'propositions.create': ({ id, text, note }, { project }) => project.transaction(() => project.propositions.create({ text, note }, { id })),
  'propositions.update': ({ id, ...changes }, { project }) => project.transaction(() => project.propositions.update(id, changes)),
  'propositions.delete': ({ id }, { project }) => project.transaction(() => project.propositions.delete(id)),
  'propositions.restore': ({ snapshot }, { project }) => project.transaction(() => project.propositions.restore(snapshot)),
  'propositions.merge': ({ targetId, sourceIds }, { project }) => project.transaction(() => project.propositions.merge(targetId, sourceIds)),
  'propositions.overview': ({ ids }, { project }) => project.propositions.overview(ids),
};

export const claimHandlers: HandlerMap<'claims'> = {
  'claims.link': (args, { project }) =>
    project.transaction(() => {
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
      recordMaker(project, 'claim_links', [claim.id]);
      return { claim: { ...claim, annotator: project.annotator }, proposition, createdProposition: created };
    }),
  'claims.update': ({ id, ...changes }, { project }) =>
    project.transaction(() => {
      if (changes.propositionId !== undefined) project.propositions.get(changes.propositionId);
      if (changes.stance !== undefined) project.claims.assertStance(changes.stance);
      if (changes.attribution?.entityId) project.entities.get(changes.attribution.entityId);
      return project.claims.update(id, changes);
    }),
  'claims.unlink': ({ id }, { project }) => project.transaction(() => project.claims.delete(id)),
  'claims.forAnnotation': ({ annotationId }, { project }) => {
    project.annotations.get(annotationId);
    return project.claims.forAnnotation(annotationId);
  },
  'claims.listByDocument': ({ documentId }, { project }) => {
    project.documents.text(documentId);
    return project.claims.listByDocument(documentId);
  },
};

export const stanceHandlers: HandlerMap<'stances'> = {
  'stances.setDocument': (args, { project }) =>
    project.transaction(() => {
      project.documents.text(args.documentId);
      project.claims.assertStance(args.stance);
      const { proposition, created } = resolveProposition(project, args);
      const { stance, previous } = project.claims.setDocumentStance(
        { documentId: args.documentId, propositionId: proposition.id, stance: args.stance, justification: args.justification, annotator: project.annotator },
        { id: args.id },
      );
      return { stance, previous, createdProposition: created };
    }),
  'stances.clearDocument': ({ documentId, propositionId }, { project }) =>
    project.transaction(() => {
      project.documents.text(documentId);
      project.propositions.get(propositionId);
      return project.claims.clearDocumentStance(documentId, propositionId);
    }),
  'stances.listByDocument': ({ documentId }, { project }) => {
    project.documents.text(documentId);
    return project.claims.stancesByDocument(documentId);
  },
};

/** The proposition named by id, or by text (reusing one with the same text, else creating it). */
function resolveProposition(project: Project, ref: { propositionId?: string | undefined; propositionText?: string | undefined }): { proposition: Proposition; created: boolean } {
  if (ref.propositionId !== undefined) return { proposition: project.propositions.get(ref.propositionId), created: false };
  const text = ref.propositionText ?? '';
  const existing = project.propositions.findByText(text);
  if (existing) return { proposition: existing, created: false };
  return { proposition: project.propositions.create({ text }), created: true };
}
