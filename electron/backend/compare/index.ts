// The side-by-side comparison of documents: loads what the compared
// documents hold once, then builds the stance matrix (matrix.ts), the entity
// comparison (entities.ts), the reused passages (reuse.ts), claim matches
// (similarity.ts) and the exports (report.ts).

import type {
  Annotation,
  ClaimLink,
  ClaimMatch,
  CompareDocument,
  CompareResult,
  Document,
  DocumentStance,
  Entity,
  EntityLink,
  ExportedFile,
  Proposition,
} from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { compareEntities } from './entities.ts';
import { buildMatrix, compareStanceSet } from './matrix.ts';
import { comparisonFile } from './report.ts';
import { findReusedPassages, type ReuseOptions } from './reuse.ts';
import { matchClaim, type MatchDocument } from './similarity.ts';

/** Everything the comparison reads from the store, read once. */
interface Loaded {
  documents: Document[];
  annotations: Map<string, Annotation>;
  /** Per document id: all of its annotations in reading order, or (for the matrix) its claims' only. */
  annotationsByDocument: Map<string, Annotation[]>;
  claims: ClaimLink[];
  documentStances: DocumentStance[];
  /** Per document id, in reading order. */
  links: Map<string, EntityLink[]>;
  entities: Map<string, Entity>;
  /** Propositions the claims and document stances name. */
  propositions: Map<string, Proposition>;
  stanceValues: string[];
}

/** Reads in one transaction, so that the comparison sees one state of the project even while another process writes. */
function load(project: Project, ids: readonly string[], needs: { allAnnotations: boolean }): Loaded {
  return project.read(() => {
    const documents = [...new Set(ids)].map((id) => project.documents.get(id));
    const out: Loaded = {
      documents,
      annotations: new Map(),
      annotationsByDocument: new Map(),
      claims: [],
      documentStances: [],
      links: new Map(),
      entities: new Map(),
      propositions: new Map(),
      stanceValues: project.claims.stanceSet().values,
    };
    for (const d of documents) {
      // Orphaned annotations (their text is gone from the current version) are compared neither as claims nor as mentions.
      const orphans = new Set(project.anchors.orphanIds(d.id));
      const claims = project.claims.listByDocument(d.id).filter((c) => !orphans.has(c.annotationId));
      out.claims.push(...claims);
      // The matrix needs only the claims' annotations; listing every mention costs more when there are thousands.
      const annotations = needs.allAnnotations
        ? project.annotations.listByDocument(d.id)
        : [...new Set(claims.map((c) => c.annotationId))].map((id) => project.annotations.get(id));
      out.annotationsByDocument.set(d.id, annotations);
      for (const a of annotations) out.annotations.set(a.id, a);
      out.documentStances.push(...project.claims.stancesByDocument(d.id));
      const { links, entities } = project.entities.linksByDocument(d.id);
      out.links.set(d.id, orphans.size ? links.filter((l) => !orphans.has(l.annotationId)) : links);
      for (const e of entities) out.entities.set(e.id, e);
    }
    for (const id of new Set([...out.claims.map((c) => c.propositionId), ...out.documentStances.map((s) => s.propositionId)])) {
      out.propositions.set(id, project.propositions.get(id));
    }
    return out;
  });
}

function columns(loaded: Loaded): CompareDocument[] {
  return loaded.documents.map((d) => ({ id: d.id, name: d.name, title: d.title, length: d.text.length }));
}

/**
 * Compares documents (in the given order; duplicates ignored): the stance
 * matrix, shared and unique entities, and reused passages. Throws not_found
 * for an unknown document id.
 */
export function compareDocuments(project: Project, documentIds: readonly string[], options: { reuse?: ReuseOptions } = {}): CompareResult {
  return compareLoaded(load(project, documentIds, { allAnnotations: false }), options);
}

function compareLoaded(loaded: Loaded, options: { reuse?: ReuseOptions }): CompareResult {
  const documents = columns(loaded);
  const stanceSet = compareStanceSet(loaded.stanceValues);
  const { propositions } = loaded;
  return {
    documents,
    stanceSet,
    propositions: buildMatrix({ documents, claims: loaded.claims, documentStances: loaded.documentStances, annotations: loaded.annotations, propositions, stanceSet }),
    entities: compareEntities({ documents, links: loaded.links, entities: loaded.entities }),
    reusedPassages: findReusedPassages(
      loaded.documents.map((d) => ({ id: d.id, text: d.text, version: d.contentHash })),
      options.reuse,
    ),
  };
}

/**
 * Proposes sentences of the other compared documents that may make the same
 * claim as the annotation: the best `limit` per document, best first. The
 * annotation's own document is used for word weights but never searched.
 */
export function matchClaimIn(project: Project, annotationId: string, documentIds: readonly string[], limit = 3): ClaimMatch {
  const claim = project.annotations.get(annotationId);
  const loaded = load(project, [claim.documentId, ...documentIds], { allAnnotations: true });
  const claimLabels = new Set(project.labels.list().filter((l) => l.kind === 'claim').map((l) => l.id));
  const propositionsOf = new Map<string, string[]>();
  for (const c of loaded.claims) propositionsOf.set(c.annotationId, [...(propositionsOf.get(c.annotationId) ?? []), c.propositionId]);
  const documents: MatchDocument[] = loaded.documents.map((d) => ({
    id: d.id,
    text: d.text,
    version: d.contentHash,
    mentions: (loaded.links.get(d.id) ?? []).flatMap((l) => {
      const a = loaded.annotations.get(l.annotationId);
      return a && l.entityId ? [{ ranges: a.ranges, entityId: l.entityId }] : [];
    }),
    claims: (loaded.annotationsByDocument.get(d.id) ?? [])
      .filter((a) => claimLabels.has(a.labelId) || propositionsOf.has(a.id))
      .map((a) => ({ annotationId: a.id, ranges: a.ranges, propositionIds: propositionsOf.get(a.id) ?? [] })),
  }));
  const own = documents.find((d) => d.id === claim.documentId)!;
  const overlapsClaim = (ranges: readonly { start: number; end: number }[]) => ranges.some((r) => claim.ranges.some((c) => r.start < c.end && c.start < r.end));
  const entityIds = new Set(own.mentions.filter((m) => overlapsClaim(m.ranges)).map((m) => m.entityId));
  return {
    annotationId,
    document: claim.documentId,
    quote: claim.quote,
    propositionIds: propositionsOf.get(annotationId) ?? [],
    // The claim's own document stays in for word weights; matchClaim skips it.
    candidates: matchClaim({ documentId: claim.documentId, text: claim.quote, entityIds }, documents, limit),
  };
}

/** The comparison as CSV or as a self-contained HTML report. */
export function exportComparison(project: Project, documentIds: readonly string[], format: 'csv' | 'html'): ExportedFile {
  const loaded = load(project, documentIds, { allAnnotations: false });
  const result = compareLoaded(loaded, {});
  const entityNames = new Map<string, string>();
  for (const c of loaded.claims) {
    const id = c.attribution.entityId;
    if (id && !entityNames.has(id) && project.entities.exists(id)) entityNames.set(id, project.entities.get(id).name);
  }
  return comparisonFile(result, new Map(loaded.documents.map((d) => [d.id, d.text])), format, entityNames);
}
