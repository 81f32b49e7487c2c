import type { AgreementReport, PairAgreement, StanceFigures, TokenFigures } from '../../../shared/index.ts';
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement, type Column } from './coefficients.ts';
import { prepare, type AgreementInput, type PreparedDocument } from './input.ts';
import { countSpans, spanFigures, sumCounts, type SpanCounts } from './spans.ts';
import { stanceColumns } from './stances.ts';
import { tokenize, tokenValues } from './tokens.ts';
import { disjointUnits, unitizingAlpha, type Unit } from './unitizing.ts';

type Layer = 'claims' | 'mentions';

/**
 * Inter-annotator agreement over the given documents (see the figures'
 * definitions in shared/model/agreement.ts and the README): spans (exact and
 * overlap precision, recall, F1), tokens (Cohen's and Fleiss' kappa,
 * Krippendorff's alpha per layer), unitizing (αu per label on the character
 * continuum: the documents' texts one after another, in the order given) and
 * stances, for every pair and, over more than two annotators, for all of them.
 */
export function computeAgreement(input: AgreementInput): AgreementReport {
  const annotators = [...input.annotators];
  const docs = input.documents.map((d) => prepare(d, annotators));
  const tokens = tokenColumns(docs, annotators.length, input.labelKinds);
  const units = unitsByLabel(docs, annotators.length);
  const continuum = docs.reduce((n, d) => n + d.length, 0);
  const stances = stanceColumns(input.documents, annotators);

  const pairs: PairAgreement[] = [];
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      const byLabel = new Map<string, SpanCounts>();
      for (const d of docs) countSpans(d.spans[i]!, d.spans[j]!, byLabel);
      const labels = [...byLabel.keys()].sort();
      pairs.push({
        annotators: [annotators[i]!, annotators[j]!],
        spans: {
          byLabel: Object.fromEntries(labels.map((l) => [l, spanFigures(byLabel.get(l)!)])),
          micro: spanFigures(sumCounts(byLabel.values())),
        },
        tokens: { claims: tokenFigures(tokens.claims, [i, j]), mentions: tokenFigures(tokens.mentions, [i, j]) },
        unitizing: { byLabel: unitizing(units, continuum, [i, j]) },
        stances: stanceFigures(stances, [i, j]),
      });
    }
  }
  const all = annotators.map((_, i) => i);
  // Two annotators: the figures over all of them are the pair's (computed once).
  const only = pairs.length === 1 ? pairs[0]! : undefined;
  const report: AgreementReport = {
    annotators,
    documents: docs.length,
    tokens: only ? only.tokens : { claims: tokenFigures(tokens.claims, all), mentions: tokenFigures(tokens.mentions, all) },
    unitizing: only ? only.unitizing : { byLabel: unitizing(units, continuum, all) },
    stances: only ? only.stances : stanceFigures(stances, all),
    pairs,
  };
  if (only) report.spans = only.spans;
  return report;
}

/** Every token's value per annotator in each layer; label codes start at 1 (0 is `O`). */
function tokenColumns(docs: readonly PreparedDocument[], raters: number, kinds: AgreementInput['labelKinds']): Record<Layer, Column[]> {
  const codes = new Map<string, number>();
  const code = (label: string) => {
    let c = codes.get(label);
    if (c === undefined) codes.set(label, (c = codes.size + 1));
    return c;
  };
  const perDoc = docs.map((d) => tokenize(d.text, d.cp));
  const total = perDoc.reduce((n, t) => n + t.starts.length, 0);
  const columns = { claims: [] as Column[], mentions: [] as Column[] };
  for (let r = 0; r < raters; r++) {
    const claims = new Int32Array(total);
    const mentions = new Int32Array(total);
    let offset = 0;
    docs.forEach((d, di) => {
      const t = perDoc[di]!;
      const spans = d.spans[r]!;
      tokenValues(t, spans.filter((s) => kinds.get(s.label) === 'claim'), code, 0, claims, offset);
      tokenValues(t, spans.filter((s) => kinds.get(s.label) !== 'claim'), code, 0, mentions, offset);
      offset += t.starts.length;
    });
    columns.claims.push(claims);
    columns.mentions.push(mentions);
  }
  return columns;
}

function tokenFigures(columns: readonly Column[], raters: readonly number[]): TokenFigures {
  const cols = raters.map((r) => columns[r]!);
  return {
    items: cols[0]?.length ?? 0,
    cohenKappa: cols.length === 2 ? cohenKappa(cols[0]!, cols[1]!) : null,
    fleissKappa: fleissKappa(cols),
    krippendorffAlpha: krippendorffAlpha(cols),
  };
}

/** Per label, per annotator: disjoint units on the continuum of all documents one after another. */
function unitsByLabel(docs: readonly PreparedDocument[], raters: number): Map<string, Unit[][]> {
  const raw = new Map<string, Unit[][]>();
  let base = 0;
  for (const d of docs) {
    for (let r = 0; r < raters; r++) {
      for (const s of d.spans[r]!) {
        let perRater = raw.get(s.label);
        if (!perRater) raw.set(s.label, (perRater = Array.from({ length: raters }, () => [])));
        for (const f of s.fragments) perRater[r]!.push({ start: base + f.start, end: base + f.end });
      }
    }
    base += d.length;
  }
  const out = new Map<string, Unit[][]>();
  for (const label of [...raw.keys()].sort()) out.set(label, raw.get(label)!.map(disjointUnits));
  return out;
}

function unitizing(units: ReadonlyMap<string, Unit[][]>, continuum: number, raters: readonly number[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [label, perRater] of units) {
    const chosen = raters.map((r) => perRater[r]!);
    if (chosen.every((u) => u.length === 0)) continue;
    out[label] = unitizingAlpha(continuum, chosen).alpha;
  }
  return out;
}

function stanceFigures(columns: readonly Column[], raters: readonly number[]): StanceFigures {
  const cols = raters.map((r) => columns[r]!);
  const { items, agreement } = percentAgreement(cols);
  return { items, krippendorffAlpha: items ? krippendorffAlpha(cols) : null, agreement, fleissKappa: fleissKappa(cols) };
}

