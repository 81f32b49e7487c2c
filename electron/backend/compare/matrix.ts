// The proposition × document stance matrix of a comparison.
//
// A cell's stance is the document-level stance when the researcher set one
// (their judgement of the whole article wins over single claims, which may be
// reported views the article goes on to dispute); otherwise the stance of
// the document's claims on the proposition when they agree, and "mixed" when
// they do not. Every claim is listed as evidence either way.
//
// Contested: one document takes the positive stance and another the negative
// one. Which values are opposite comes from the project's stance set: its
// first value is positive and its second negative (favor/against in the
// default set, agree/disagree in agree/disagree/discuss, support/refute in
// support/refute/…); other values (neutral, discuss, unrelated) never contest.

import {
  MIXED_STANCE,
  type Annotation,
  type ClaimLink,
  type CompareDocument,
  type CompareProposition,
  type CompareStanceSet,
  type DocumentStance,
  type Proposition,
  type StanceCell,
  type StanceEvidence,
  type StancePolarity,
} from '../../../shared/index.ts';

/** Reads the project's stance values as the comparison uses them. */
export function compareStanceSet(values: readonly string[]): CompareStanceSet {
  return { values: [...values], positive: values[0] ?? null, negative: values[1] ?? null };
}

/** Where a stance value falls; values are compared ignoring case. */
export function polarityOf(stance: string, set: CompareStanceSet): StancePolarity {
  const s = stance.toLowerCase();
  if (set.positive !== null && s === set.positive.toLowerCase()) return 'positive';
  if (set.negative !== null && s === set.negative.toLowerCase()) return 'negative';
  return 'other';
}

export interface MatrixInput {
  /** The columns, in order. */
  documents: readonly CompareDocument[];
  /** Claim links of the compared documents. */
  claims: readonly ClaimLink[];
  /** Document-level stances of the compared documents. */
  documentStances: readonly DocumentStance[];
  /** The claims' annotations (at least), by id. */
  annotations: ReadonlyMap<string, Annotation>;
  /** The propositions the claims and stances name, by id. */
  propositions: ReadonlyMap<string, Proposition>;
  stanceSet: CompareStanceSet;
}

/**
 * One row per proposition that any compared document bears on (by a claim or
 * a document-level stance), one cell per document in column order. Rows are
 * ordered by how many documents bear on them, then by creation.
 */
export function buildMatrix(input: MatrixInput): CompareProposition[] {
  const column = new Map(input.documents.map((d, i) => [d.id, i]));
  const rows = new Map<string, { claims: ClaimLink[][]; stances: (DocumentStance | undefined)[] }>();
  const row = (propositionId: string) => {
    let r = rows.get(propositionId);
    if (!r) {
      r = { claims: input.documents.map(() => []), stances: input.documents.map(() => undefined) };
      rows.set(propositionId, r);
    }
    return r;
  };
  for (const c of input.claims) {
    const col = column.get(c.documentId);
    if (col !== undefined) row(c.propositionId).claims[col]!.push(c);
  }
  for (const s of input.documentStances) {
    const col = column.get(s.documentId);
    if (col !== undefined) row(s.propositionId).stances[col] = s;
  }
  const order = stanceOrder(input.stanceSet);
  const out: (CompareProposition & { createdAt: string })[] = [];
  for (const [id, r] of rows) {
    const p = input.propositions.get(id);
    if (!p) continue;
    const stances = input.documents.map((d, col) => cell(d.id, r.claims[col]!, r.stances[col], input, order));
    out.push({
      id,
      text: p.text,
      note: p.note,
      contested: isContested(stances),
      documentCount: stances.filter((c) => c.stance !== null).length,
      stances,
      createdAt: p.createdAt,
    });
  }
  out.sort((a, b) => b.documentCount - a.documentCount || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return out.map(({ createdAt: _createdAt, ...p }) => p);
}

/** True when one document takes the positive stance and a different document the negative one. */
export function isContested(cells: readonly Pick<StanceCell, 'polarities'>[]): boolean {
  const positive = cells.flatMap((c, i) => (c.polarities.includes('positive') ? [i] : []));
  const negative = cells.flatMap((c, i) => (c.polarities.includes('negative') ? [i] : []));
  return positive.some((i) => negative.some((j) => j !== i));
}

function cell(
  documentId: string,
  claims: readonly ClaimLink[],
  documentStance: DocumentStance | undefined,
  input: MatrixInput,
  order: (stance: string) => number,
): StanceCell {
  const evidence: StanceEvidence[] = [];
  for (const c of claims) {
    const a = input.annotations.get(c.annotationId);
    if (!a) continue;
    evidence.push({
      annotationId: a.id,
      claimLinkId: c.id,
      stance: c.stance,
      polarity: polarityOf(c.stance, input.stanceSet),
      quote: a.quote,
      ranges: a.ranges,
      hedged: c.hedged,
      reported: c.reported,
      attribution: c.attribution,
    });
  }
  evidence.sort((x, y) => (x.ranges[0]?.start ?? 0) - (y.ranges[0]?.start ?? 0) || x.annotationId.localeCompare(y.annotationId));
  const claimStances = [...new Set(evidence.map((e) => e.stance))].sort((x, y) => order(x) - order(y) || x.localeCompare(y));
  const own = documentStance?.stance ?? null;
  const stance = own ?? (claimStances.length === 0 ? null : claimStances.length === 1 ? claimStances[0]! : MIXED_STANCE);
  const polarities = own !== null ? [polarityOf(own, input.stanceSet)] : [...new Set(evidence.map((e) => e.polarity))];
  return {
    document: documentId,
    stance,
    polarities,
    documentStance: own,
    justification: documentStance?.justification ?? '',
    claimStances,
    quotes: evidence.map((e) => e.quote),
    evidence,
  };
}

/** Sorts stance values in the project's order; values outside the set come last. */
function stanceOrder(set: CompareStanceSet): (stance: string) => number {
  const index = new Map(set.values.map((v, i) => [v, i]));
  return (s) => index.get(s) ?? set.values.length;
}
