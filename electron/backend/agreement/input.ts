import type { LabelKind, TextRange } from '../../../shared/index.ts';

/** What agreement is computed from: plain data, so the computation is pure and testable without a store. */
export interface AgreementInput {
  /** The annotators compared, in order: in each pair the earlier one is the reference. */
  annotators: readonly string[];
  /** Label kinds by label name: kind `claim` goes to the claims token layer, any other to mentions. */
  labelKinds: ReadonlyMap<string, LabelKind>;
  documents: readonly AgreementDocument[];
}

export interface AgreementDocument {
  id: string;
  text: string;
  /** Spans of the chosen labels, with UTF-16 ranges as Gloss stores them (converted to code points inside). */
  spans: readonly { annotator: string; label: string; ranges: readonly TextRange[] }[];
  /** Claim links: who linked a claim in this document to which proposition, with which stance. */
  claims: readonly { annotator: string; proposition: string; stance: string }[];
}

/** A span in code points: sorted, disjoint fragments; `length` is the sum of their lengths. */
export interface CpSpan {
  label: string;
  fragments: { start: number; end: number }[];
  start: number;
  length: number;
}

/** A document with its spans per annotator in code points. */
export interface PreparedDocument {
  id: string;
  text: string;
  /** Code point offset of every UTF-16 offset (length + 1 entries). */
  cp: Int32Array;
  length: number;
  spans: CpSpan[][];
}

/** Converts a document's spans to code points, grouped by annotator (in input order). */
export function prepare(doc: AgreementDocument, annotators: readonly string[]): PreparedDocument {
  const cp = codePointMap(doc.text);
  const index = new Map(annotators.map((a, i) => [a, i]));
  const spans: CpSpan[][] = annotators.map(() => []);
  for (const s of doc.spans) {
    const i = index.get(s.annotator);
    if (i === undefined) continue;
    const fragments = s.ranges.map((r) => ({ start: cp[r.start]!, end: cp[r.end]! })).filter((f) => f.end > f.start);
    if (!fragments.length) continue;
    fragments.sort((a, b) => a.start - b.start);
    spans[i]!.push({ label: s.label, fragments, start: fragments[0]!.start, length: fragments.reduce((n, f) => n + f.end - f.start, 0) });
  }
  return { id: doc.id, text: doc.text, cp, length: cp[doc.text.length]!, spans };
}

/** cp[i] = the number of code points before UTF-16 offset i (an offset inside a pair counts the pair as begun). */
export function codePointMap(text: string): Int32Array {
  const cp = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    cp[i] = n;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp[++i] = n + 1;
      }
    }
    n++;
  }
  cp[text.length] = n;
  return cp;
}
