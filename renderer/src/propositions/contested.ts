import type { OverviewDocument, PropositionOverview } from '../../../shared/index.ts';

/**
 * What a document says about a proposition: its document-level stance when
 * the researcher set one (an overall judgement that outweighs quoted claims),
 * otherwise the stances of its claims.
 */
export function documentPositions(d: OverviewDocument): Set<string> {
  if (d.documentStance) return new Set([d.documentStance.stance]);
  return new Set(d.claims.map((c) => c.claim.stance));
}

/**
 * Whether one document is for a proposition and another against it, reading
 * the first two stance values as for and against.
 */
export function isContested(p: PropositionOverview, values: readonly string[]): boolean {
  const [pro, con] = values;
  if (pro === undefined || con === undefined) return false;
  const positions = p.documents.map(documentPositions);
  return positions.some((a, i) => a.has(pro) && positions.some((b, j) => j !== i && b.has(con)));
}
