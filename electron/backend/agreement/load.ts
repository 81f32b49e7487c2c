import { GlossError, type AgreementReport, type LabelKind, type TextRange } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { computeAgreement } from './compute.ts';
import type { AgreementDocument } from './input.ts';

/** The curated layer: left out of agreement unless named. */
export const CURATION = 'curation';

export interface AgreementOptions {
  /** Document ids, in the order their texts make the unitizing continuum; default: every document in library order. */
  documentIds?: readonly string[];
  /** Annotators to compare, the first the reference; default: every annotator of those documents but `curation`, sorted. */
  annotators?: readonly string[];
  /** Label names; default: every label. */
  labels?: readonly string[];
}

/** Reads the chosen documents' annotations and claim links and computes the agreement report. */
export function projectAgreement(project: Project, options: AgreementOptions = {}): AgreementReport {
  const documentIds = options.documentIds ?? project.documents.ids();
  const labels = project.labels.list();
  const chosen = options.labels ? options.labels.map((name) => {
    const l = labels.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    if (!l) throw new GlossError('not_found', `no label named "${name}" (labels: ${labels.map((x) => x.name).join(', ')})`);
    return l;
  }) : labels;
  const labelName = new Map(chosen.map((l) => [l.id, l.name]));
  const labelKinds = new Map<string, LabelKind>(chosen.map((l) => [l.name, l.kind]));
  const annotators = options.annotators ? [...new Set(options.annotators.map((a) => a.trim()))] : annotatorsOf(project, documentIds);
  if (annotators.length < 2) {
    throw new GlossError('validation', `agreement needs at least two annotators; ${annotators.length ? `only "${annotators[0]}" annotated` : 'nobody annotated'} the chosen documents`);
  }
  const wanted = new Set(annotators);
  const documents: AgreementDocument[] = documentIds.map((id) => {
    const spans: AgreementDocument['spans'][number][] = [];
    for (const [labelId, ranges, annotator] of project.team.spanTuples(id)) {
      const label = labelName.get(labelId);
      if (label !== undefined && wanted.has(annotator)) spans.push({ annotator, label, ranges: JSON.parse(ranges) as TextRange[] });
    }
    const claims: AgreementDocument['claims'][number][] = [];
    for (const [annotator, proposition, stance] of project.team.claimTuples(id)) {
      if (wanted.has(annotator)) claims.push({ annotator, proposition, stance });
    }
    return { id, text: project.documents.text(id), spans, claims };
  });
  return computeAgreement({ annotators, labelKinds, documents });
}

/** Every annotator of annotations in these documents but the curated layer, sorted by name. */
export function annotatorsOf(project: Project, documentIds: readonly string[]): string[] {
  const names = project.team.annotatorsIn(documentIds);
  return names.filter((n) => n !== CURATION).sort();
}
