// Agreement figures against independent implementations (scikit-learn,
// statsmodels, nltk, and a direct Python computation of the definitions) and
// against the worked examples in Krippendorff's papers.
import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha, MISSING } from '../../electron/backend/agreement/coefficients.ts';
import { computeAgreement } from '../../electron/backend/agreement/compute.ts';
import type { AgreementDocument, AgreementInput } from '../../electron/backend/agreement/input.ts';
import { codePointMap, prepare } from '../../electron/backend/agreement/input.ts';
import { tokenize } from '../../electron/backend/agreement/tokens.ts';
import { unitizingAlpha, type Unit } from '../../electron/backend/agreement/unitizing.ts';
import { codePointToUtf16, type LabelKind } from '../../shared/index.ts';
import { expectReport, rng } from '../support/agreement.ts';
import { runPython } from '../support/python.ts';

type Ref = { cohenKappa: number | 'nan' | null; fleissKappa: number | 'nan' | null; krippendorffAlpha: number | 'nan' | null };

const col = (values: readonly (number | null)[]) => Int32Array.from(values.map((v) => (v === null ? MISSING : v)));

/** Reference figures are compared to 1e-9; scikit-learn's and statsmodels' 0/0 (a single category) is Gloss's 1. */
function expectClose(actual: number | null, expected: number | 'nan' | null): void {
  if (expected === 'nan') expect(actual).toBe(1);
  else if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
}

describe('coefficients', () => {
  it("reproduce Krippendorff's worked examples in 'Computing Krippendorff's Alpha-Reliability'", () => {
    // Nominal data, four observers, twelve units, missing values: α = 0.743.
    const rows = ['1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .'];
    const columns = rows.map((r) => col(r.split(' ').map((v) => (v === '.' ? null : Number(v)))));
    expect(krippendorffAlpha(columns)).toBeCloseTo(0.743421052631579, 12);
    // Binary data, two observers, ten units: α = 0.095.
    const a = col([0, 1, 0, 0, 0, 0, 0, 0, 1, 0]);
    const b = col([1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(krippendorffAlpha([a, b])).toBeCloseTo(0.095, 3);
  });

  it('match scikit-learn, statsmodels and nltk on random data with and without missing values', () => {
    const next = rng(7);
    const cases: { columns: number[][] }[] = [];
    for (let k = 0; k < 40; k++) {
      const raters = 2 + (k % 3);
      const items = 5 + Math.floor(next() * 200);
      const categories = 2 + Math.floor(next() * 5);
      const missing = k % 2 ? 0.2 : 0;
      const truth = Array.from({ length: items }, () => Math.floor(next() * categories));
      cases.push({
        columns: Array.from({ length: raters }, () =>
          truth.map((t) => (next() < missing ? MISSING : next() < 0.7 ? t : Math.floor(next() * categories))),
        ),
      });
    }
    const ref = runPython<Ref[]>('agreement-reference.py', { cases });
    cases.forEach((c, k) => {
      const columns = c.columns.map((x) => Int32Array.from(x));
      if (columns.length === 2) expectClose(cohenKappa(columns[0]!, columns[1]!), ref[k]!.cohenKappa);
      expectClose(fleissKappa(columns), ref[k]!.fleissKappa);
      expectClose(krippendorffAlpha(columns), ref[k]!.krippendorffAlpha);
    });
  });

  it('give exactly 1 when nobody disagrees, also with a single category, and null with no item', () => {
    const same = col([0, 1, 2, 2, 1]);
    expect(cohenKappa(same, same)).toBe(1);
    expect(fleissKappa([same, same, same])).toBe(1);
    expect(krippendorffAlpha([same, same])).toBe(1);
    const one = col([3, 3, 3]);
    expect(cohenKappa(one, one)).toBe(1);
    expect(fleissKappa([one, one])).toBe(1);
    expect(krippendorffAlpha([one, one])).toBe(1);
    const none = col([]);
    expect(cohenKappa(none, none)).toBeNull();
    expect(fleissKappa([none, none])).toBeNull();
    expect(krippendorffAlpha([none, none])).toBeNull();
    // Items valued by one rater only are not pairable.
    expect(krippendorffAlpha([col([1, null]), col([null, 2])])).toBeNull();
  });
});

describe('unitizing alpha', () => {
  it('reproduces the example of Krippendorff (2004, p. 254): αu(c) = 0.7286, αu(k) = 1', () => {
    // The continuum is [150, 450); shifted to start at 0.
    const u = (start: number, length: number): Unit => ({ start: start - 150, end: start - 150 + length });
    const c = unitizingAlpha(300, [
      [u(225, 70), u(370, 30)],
      [u(220, 80), u(355, 20), u(400, 20)],
    ]);
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha).toBeCloseTo(0.7286, 4);
    const k = unitizingAlpha(300, [
      [u(180, 60), u(300, 50)],
      [u(180, 60), u(300, 50)],
    ]);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha).toBe(1);
  });

  it('reproduces the observed disagreements of Krippendorff (1995, p. 57) and its alphas on a fine continuum', () => {
    const example = (stretch: number) => {
      const U = (s: number, l: number): Unit => ({ start: Math.trunc(s * stretch), end: Math.trunc(s * stretch) + Math.trunc(l * stretch) });
      const L = Math.trunc(24 * stretch);
      return {
        A: unitizingAlpha(L, [[U(2, 8), U(14, 6)], [U(4, 4), U(15, 2)]]),
        B: unitizingAlpha(L, [[U(0, 18)], [U(0, 2), U(2, 1), U(3, 1), U(4, 1), U(5, 1), U(6, 3), U(9, 1)]]),
        C: unitizingAlpha(L, [[U(2, 6), U(10, 2), U(14, 4), U(20, 2)], [U(0, 2), U(4, 4), U(10, 4), U(16, 2), U(20, 2)]]),
        D: unitizingAlpha(L, [[U(0, 2), U(2, 8), U(10, 4), U(14, 6), U(20, 4)], [U(0, 4), U(4, 4), U(8, 7), U(15, 2), U(17, 7)]]),
      };
    };
    const one = example(1);
    expect(one.A.observed).toBeCloseTo(0.03125, 5);
    expect(one.B.observed).toBeCloseTo(2.26736, 5);
    expect(one.C.observed).toBeCloseTo(0.02777, 4);
    expect(one.D.observed).toBeCloseTo(0.38715, 5);
    // The paper's figures, as DKPro Agreement checks them (its expected disagreements are rounded).
    const fine = example(50_000);
    expect(Math.abs(fine.A.alpha! - 0.553)).toBeLessThan(0.02);
    expect(Math.abs(fine.B.alpha! - -0.926)).toBeLessThan(0.02);
    expect(Math.abs(fine.C.alpha! - 0.679)).toBeLessThan(0.02);
    expect(Math.abs(fine.D.alpha! - 0.066)).toBeLessThan(0.02);
    const half = example(0.5).C;
    expect(half.expected).toBeCloseTo(0.05494, 5);
    expect(Math.abs(half.alpha! - 0.494)).toBeLessThan(0.02);
  });

  it('is null without units and 1 for identical units', () => {
    expect(unitizingAlpha(10, [[], []]).alpha).toBeNull();
    expect(unitizingAlpha(10, [[{ start: 2, end: 5 }], [{ start: 2, end: 5 }]]).alpha).toBe(1);
  });
});

describe('tokens', () => {
  it('are runs of letters, marks and digits or single other characters, in code points', () => {
    const text = 'Café 👍🏽 de\u0301ja\u0300 vu, 42% مرحبا 🇵🇰!';
    const t = tokenize(text, codePointMap(text));
    const cps = [...text];
    const words = Array.from(t.starts, (s, i) => cps.slice(s, t.ends[i]).join(''));
    expect(words).toEqual(['Café', '👍', '🏽', 'de\u0301ja\u0300', 'vu', ',', '42', '%', 'مرحبا', '🇵', '🇰', '!']);
  });
});

/** A random document set: texts with emoji, combining marks and right-to-left text; spans given in code points. */
function randomInput(seed: number, annotators: string[], docs: number): { input: AgreementInput; py: unknown } {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const words = ['Pakistan', 'was', 'not', 'invited', 'to', 'the', 'summit', '👍🏽', 'é', 'de\u0301ja\u0300', 'مرحبا', '𝐀𝐁', '🇵🇰', '42%', 'minerals', ',', '.', '"said"'];
  const labels: Record<string, LabelKind> = { Person: 'entity', Org: 'entity', Place: 'other', Claim: 'claim', Quote: 'claim' };
  const names = Object.keys(labels);
  const documents: AgreementDocument[] = [];
  const pyDocs: unknown[] = [];
  for (let d = 0; d < docs; d++) {
    const text = Array.from({ length: 40 + Math.floor(next() * 60) }, () => pick(words)).join(' ');
    const length = [...text].length;
    // A base set of spans each annotator copies with some noise.
    const base = Array.from({ length: 8 }, () => {
      const start = Math.floor(next() * (length - 10));
      const ranges = [[start, start + 1 + Math.floor(next() * 12)]];
      if (next() < 0.15) ranges.push([ranges[0]![1]! + 2, ranges[0]![1]! + 5]);
      return { label: pick(names), ranges };
    });
    const spans: { annotator: string; label: string; ranges: number[][] }[] = [];
    const claims: AgreementDocument['claims'][number][] = [];
    for (const a of annotators) {
      for (const s of base) {
        if (next() < 0.15) continue;
        const label = next() < 0.15 ? pick(names) : s.label;
        const shift = next() < 0.25 ? Math.floor(next() * 3) - 1 : 0;
        const ranges = s.ranges.map(([x, y]) => [Math.max(0, x! + shift), Math.min(length, y! + shift)]).filter(([x, y]) => y! > x!);
        if (ranges.length) spans.push({ annotator: a, label, ranges });
      }
      if (next() < 0.3) spans.push({ annotator: a, label: pick(names), ranges: [[0, 3]] });
      for (const p of ['p1', 'p2', 'p3']) {
        if (next() < 0.3) continue;
        claims.push({ annotator: a, proposition: p, stance: pick(['favor', 'against', 'neutral']) });
        if (next() < 0.2) claims.push({ annotator: a, proposition: p, stance: pick(['favor', 'against']) });
      }
    }
    documents.push({
      id: `d${d}`,
      text,
      spans: spans.map((s) => ({ ...s, ranges: s.ranges.map(([x, y]) => ({ start: codePointToUtf16(text, x!), end: codePointToUtf16(text, y!) })) })),
      claims,
    });
    pyDocs.push({ id: `d${d}`, text, spans, claims });
  }
  return {
    input: { annotators, labelKinds: new Map(Object.entries(labels)), documents },
    py: { annotators, labelKinds: labels, documents: pyDocs },
  };
}

describe('computeAgreement', () => {
  it('matches a direct Python computation of every figure for two annotators', () => {
    const { input, py } = randomInput(11, ['ann-a', 'ann-b'], 12);
    expectReport(computeAgreement(input), runPython('agreement-reference.py', { report: py }));
  });

  it('matches it for three annotators: pairs, and Fleiss and alpha over all', () => {
    const { input, py } = randomInput(23, ['a', 'b', 'c'], 8);
    const report = computeAgreement(input);
    expect(report.pairs.map((p) => p.annotators)).toEqual([['a', 'b'], ['a', 'c'], ['b', 'c']]);
    expect(report.spans).toBeUndefined();
    expectReport(report, runPython('agreement-reference.py', { report: py }));
  });

  it('gives exactly 1 on every measure for identical annotators', () => {
    const { input } = randomInput(5, ['a'], 6);
    const copy = (doc: AgreementDocument, who: string) => [...doc.spans.filter((s) => s.annotator === 'a').map((s) => ({ ...s, annotator: who }))];
    const documents = input.documents.map((d) => ({
      ...d,
      spans: [...d.spans, ...copy(d, 'b'), ...copy(d, 'c')],
      claims: [...d.claims, ...d.claims.map((c) => ({ ...c, annotator: 'b' })), ...d.claims.map((c) => ({ ...c, annotator: 'c' }))],
    }));
    for (const annotators of [['a', 'b'], ['a', 'b', 'c']]) {
      const report = computeAgreement({ ...input, annotators, documents });
      const figures: number[] = [];
      const walk = (x: unknown, key: string) => {
        if (typeof x === 'number' && !['a', 'b', 'items', 'documents'].includes(key)) figures.push(x);
        else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
      };
      walk({ ...report, annotators: [] }, '');
      expect(figures.length).toBeGreaterThan(20);
      expect(new Set(figures)).toEqual(new Set([1]));
    }
  });

  it('reports null where there is nothing to measure', () => {
    const report = computeAgreement({ annotators: ['a', 'b'], labelKinds: new Map(), documents: [{ id: 'd', text: 'Nothing here.', spans: [], claims: [] }] });
    expect(report.spans).toEqual({ byLabel: {}, micro: { a: 0, b: 0, exact: { precision: null, recall: null, f1: null }, overlap: { precision: null, recall: null, f1: null } } });
    // Every token is O for both: a single category, full agreement.
    expect(report.tokens.claims).toEqual({ items: 3, cohenKappa: 1, fleissKappa: 1, krippendorffAlpha: 1 });
    expect(report.stances).toEqual({ items: 0, krippendorffAlpha: null, agreement: null, fleissKappa: null });
    expect(report.unitizing.byLabel).toEqual({});
  });

  it('picks the longest span for a token, then the earlier start, then the label name', () => {
    const text = 'alpha beta gamma';
    const doc = (spans: { label: string; start: number; end: number }[]): AgreementDocument => ({
      id: 'd',
      text,
      spans: spans.map((s) => ({ annotator: 'a', label: s.label, ranges: [{ start: s.start, end: s.end }] })),
      claims: [],
    });
    const prepared = prepare(doc([{ label: 'Z', start: 0, end: 10 }, { label: 'B', start: 6, end: 16 }, { label: 'A', start: 6, end: 16 }]), ['a']);
    expect(prepared.spans[0]!.map((s) => s.length)).toEqual([10, 10, 10]);
    const report = computeAgreement({
      annotators: ['a', 'b'],
      labelKinds: new Map([['Z', 'entity'], ['B', 'entity'], ['A', 'entity']]),
      documents: [
        {
          ...doc([{ label: 'Z', start: 0, end: 10 }, { label: 'B', start: 6, end: 16 }, { label: 'A', start: 6, end: 16 }]),
          // b: alpha=Z, beta=Z (Z starts earlier), gamma=A (A before B) — the same as a.
          spans: [
            ...doc([{ label: 'Z', start: 0, end: 10 }, { label: 'B', start: 6, end: 16 }, { label: 'A', start: 6, end: 16 }]).spans,
            { annotator: 'b', label: 'Z', ranges: [{ start: 0, end: 10 }] },
            { annotator: 'b', label: 'A', ranges: [{ start: 11, end: 16 }] },
          ],
        },
      ],
    });
    expect(report.tokens.mentions.cohenKappa).toBe(1);
  });
});
