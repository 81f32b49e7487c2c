// Re-anchoring (electron/backend/anchoring): pure functions over two texts.
import { describe, expect, it } from 'vitest';
import { equalRuns, findQuote, OffsetMap, reanchor, similarity, CHANGED_INSIDE, type AnchorInput } from '../../electron/backend/anchoring/index.ts';
import { quoteOf, QUOTE_GAP, type TextRange } from '../../shared/index.ts';

/** An anchor for `needle` (its `nth` occurrence) in `text`, with the stored quote and context. */
function anchor(text: string, needle: string, id = needle, nth = 0): AnchorInput {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const ranges = [{ start: at, end: at + needle.length }];
  return { id, ranges, ...quoteOf(text, ranges) };
}

function at(text: string, needle: string, nth = 0): TextRange {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  return { start: i, end: i + needle.length };
}

const P1 = 'The first Critical Minerals Ministerial in Washington was attended by over 50 countries.\n';
const P2 = 'Pakistan was represented by Federal Minister Ali Pervaiz Malik, which critics called a snub.\n';
const P3 = 'Former envoy Abdul Basit highlighted the shrinking strategic space of Pakistan.\n';
const P4 = 'Vice President Vance said allies would form a trading bloc.\n';

describe('equalRuns and OffsetMap', () => {
  it('are exact: every equal run is the same characters in both texts', () => {
    const a = P1 + P2 + P3 + P4;
    const b = P3.replace('envoy', 'ambassador') + P1 + 'A new paragraph.\n' + P4 + P2;
    for (const r of equalRuns(a, b)) expect(a.slice(r.oldStart, r.oldStart + r.length)).toBe(b.slice(r.newStart, r.newStart + r.length));
  });

  it('anchors unique paragraphs in order, so a moved paragraph is deleted and inserted, not the ones it jumped over', () => {
    const a = P1 + P2 + P3 + P4;
    const b = P1 + P3 + P4 + P2;
    const runs = equalRuns(a, b);
    // P1, P3 and P4 stay equal; P2 is not matched to its new place.
    const covered = (s: number, e: number) => runs.some((r) => r.oldStart <= s && e <= r.oldStart + r.length);
    expect(covered(a.indexOf(P3), a.indexOf(P3) + P3.length)).toBe(true);
    expect(covered(a.indexOf(P4), a.indexOf(P4) + P4.length)).toBe(true);
    expect(runs.some((r) => r.oldStart === a.indexOf(P2) && r.length > 20)).toBe(false);
  });

  it('keeps insertions at a span’s edges outside it and covers replaced edges', () => {
    const map = new OffsetMap(equalRuns('atthe forum', 'at the big forum'), 16);
    // "the" starts at 2 in the old text and ends at 5.
    expect(map.start(2)).toEqual({ offset: 3, exact: true });
    expect(map.end(5)).toEqual({ offset: 6, exact: true });
    const m2 = new OffsetMap(equalRuns('the price rose', 'the cost rose'), 13);
    expect(m2.start(4)).toEqual({ offset: 4, exact: false });
    expect(m2.end(9)).toEqual({ offset: 8, exact: false });
  });
});

describe('reanchor', () => {
  it('keeps annotations whose text is unchanged, at shifted offsets', () => {
    const a = P1 + P2;
    const b = 'Headline added\n' + P1.replace('Ministerial in', 'Ministerial held in') + P2;
    const r = reanchor(a, b, [anchor(a, 'Washington'), anchor(a, 'Ali Pervaiz Malik'), anchor(a, 'Critical Minerals')]);
    expect(r.map((x) => x.status)).toEqual(['kept', 'kept', 'kept']);
    expect(r[0]!.ranges).toEqual([at(b, 'Washington')]);
    expect(r[1]!.ranges).toEqual([at(b, 'Ali Pervaiz Malik')]);
    expect(r[2]!.ranges).toEqual([at(b, 'Critical Minerals')]);
  });

  it('reports a moved paragraph’s annotations as moved, found by quote and context', () => {
    const a = P1 + P2 + P3 + P4;
    const b = P1 + P3 + P4 + P2;
    const r = reanchor(a, b, [anchor(a, 'Ali Pervaiz Malik'), anchor(a, 'Abdul Basit'), anchor(a, 'Vance')]);
    expect(r.map((x) => x.status)).toEqual(['moved', 'kept', 'kept']);
    expect(r[0]!.ranges).toEqual([at(b, 'Ali Pervaiz Malik')]);
    expect(r.every((x) => x.newQuote === b.slice(x.ranges![0]!.start, x.ranges![0]!.end))).toBe(true);
  });

  it('orphans an annotation whose text was cut, even when its words occur elsewhere without its context', () => {
    const a = P1 + P2 + 'Critics of Pakistan called it a snub.\n';
    const b = P1 + P2.replace(', which critics called a snub', '') + 'Critics of Pakistan called it a snub.\n';
    const r = reanchor(a, b, [anchor(a, 'critics called a snub'), anchor(a, 'a snub')]);
    expect(r[0]).toEqual({ id: 'critics called a snub', status: 'orphaned', ranges: null, newQuote: null });
    // "a snub" occurs once in the new text, but in another sentence: its context does not agree.
    expect(r[1]!.status).toBe('orphaned');
  });

  it('marks an annotation whose own text was edited as changed, covering the edited text', () => {
    const a = 'Leaders met atthe globalforum in Washington.\n';
    const b = 'Leaders met at the global forum in Washington.\n';
    const r = reanchor(a, b, [anchor(a, 'atthe globalforum'), anchor(a, 'Washington'), anchor(a, 'globalforum')]);
    expect(r[0]).toMatchObject({ status: 'changed', ranges: [at(b, 'at the global forum')], newQuote: 'at the global forum' });
    expect(r[1]!.status).toBe('kept');
    expect(r[2]).toMatchObject({ status: 'changed', ranges: [at(b, 'global forum')] });
  });

  it('accepts a fuzzy match only above the threshold, and only as changed', () => {
    const a = 'Before. The minister said the deal would boost exports sharply. After.\n';
    const reworded = 'Before. The minister said the agreement could boost exports sharply. After.\n';
    const rewritten = 'Before. Nobody knows anything yet. After.\n';
    const claim = anchor(a, 'The minister said the deal would boost exports sharply.');
    const [r1] = reanchor(a, reworded, [claim]);
    expect(r1).toMatchObject({ status: 'changed', newQuote: 'The minister said the agreement could boost exports sharply.' });
    expect(similarity(claim.quote, r1!.newQuote!)).toBeGreaterThanOrEqual(CHANGED_INSIDE);
    const [r2] = reanchor(a, rewritten, [claim]);
    expect(r2!.status).toBe('orphaned');
  });

  it('orphans a quote found several times with no deciding context', () => {
    const a = P1 + 'Minister from Pakistan spoke.\n' + P4;
    const b = P1 + 'One: Pakistan. Two: Pakistan. Three: Pakistan.\n' + P4;
    const r = reanchor(a, b, [anchor(a, 'Pakistan')]);
    expect(r[0]!.status).toBe('orphaned');
    expect(findQuote(b, { quote: 'Pakistan', prefix: 'xyz ', suffix: ' qrs' })).toBeUndefined();
    // Context decides among several occurrences.
    expect(findQuote(b, { quote: 'Pakistan', prefix: 'Two: ', suffix: '. Three' })).toBe(b.indexOf('Pakistan', b.indexOf('Two')));
  });

  it('counts in UTF-16 and never splits emoji, flags or right-to-left text', () => {
    const a = 'وزير قال 👍🏽 إن 🇵🇰 Pakistan signed.\nSecond line with é and more.\n';
    const b = 'مقدمة جديدة\nوزير قال 👍🏽 إن 🇵🇰 Pakistan signed.\nSecond line with é and more.\n';
    const r = reanchor(a, b, [anchor(a, '🇵🇰'), anchor(a, 'قال 👍🏽'), anchor(a, 'é')]);
    expect(r.map((x) => x.status)).toEqual(['kept', 'kept', 'kept']);
    expect(r.map((x) => b.slice(x.ranges![0]!.start, x.ranges![0]!.end))).toEqual(['🇵🇰', 'قال 👍🏽', 'é']);
  });

  it('moves a discontinuous annotation as a whole', () => {
    const a = P1 + P2 + P3;
    const b = P2 + P3 + P1;
    const s = a.indexOf('Critical');
    const ranges = [{ start: s, end: s + 8 }, { start: a.indexOf('Washington'), end: a.indexOf('Washington') + 10 }];
    const [r] = reanchor(a, b, [{ id: 'd', ranges, ...quoteOf(a, ranges) }]);
    expect(r!.status).toBe('moved');
    expect(r!.newQuote).toBe(`Critical${QUOTE_GAP}Washington`);
  });

  it('places an earlier orphan again when its text comes back, by quote and context only', () => {
    const a = P1 + P2;
    const orphan = { ...anchor(a, 'Ali Pervaiz Malik'), ranges: [{ start: 5000, end: 5017 }], orphaned: true };
    const [r] = reanchor('x', a, [orphan]);
    expect(r).toMatchObject({ status: 'moved', ranges: [at(a, 'Ali Pervaiz Malik')] });
    const [gone] = reanchor('x', P1, [orphan]);
    expect(gone!.status).toBe('orphaned');
  });

  it('never places an annotation on text that differs from its quote unless it says changed (random edits)', () => {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const words = (P1 + P2 + P3 + P4).split(' ');
    for (let round = 0; round < 30; round++) {
      const a = Array.from({ length: 300 }, () => words[rand(words.length)]).join(' ');
      let b = a;
      for (let e = 0; e < 15; e++) {
        const p = rand(b.length);
        const kind = rand(3);
        b = kind === 0 ? b.slice(0, p) + 'INS ' + b.slice(p) : kind === 1 ? b.slice(0, p) + b.slice(p + rand(30)) : b.slice(0, p) + 'X' + b.slice(p + 1);
      }
      const anchors: AnchorInput[] = [];
      for (let k = 0; k < 40; k++) {
        const s = rand(a.length - 40);
        const ranges = [{ start: s, end: s + 1 + rand(39) }];
        anchors.push({ id: String(k), ranges, ...quoteOf(a, ranges) });
      }
      for (const [k, r] of reanchor(a, b, anchors).entries()) {
        if (r.status === 'orphaned') {
          expect(r.ranges).toBeNull();
          continue;
        }
        const text = r.ranges!.map((x) => b.slice(x.start, x.end)).join(QUOTE_GAP);
        expect(text).toBe(r.newQuote);
        if (r.status !== 'changed') expect(text).toBe(anchors[k]!.quote);
        else expect(similarity(anchors[k]!.quote, text)).toBeGreaterThanOrEqual(CHANGED_INSIDE);
      }
    }
  });
});
