// The text helpers of the research model: whole-word matching for
// propagation (Unicode-aware, UTF-16 offsets) and fuzzy scoring for search.
import { describe, expect, it } from 'vitest';
import { editDistance, fold, fuzzyScore } from '../../electron/backend/research/fuzzy.ts';
import { findForms } from '../../electron/backend/research/match.ts';

describe('findForms', () => {
  const at = (text: string, forms: string[], caseSensitive = true) => findForms(text, forms, caseSensitive).map((m) => text.slice(m.start, m.end));

  it('matches whole words only, with Unicode word boundaries', () => {
    expect(at('Pakistan, Pakistani, US-Pakistan, Pakistan’s, _Pakistan, Pakistan2', ['Pakistan'])).toEqual(['Pakistan', 'Pakistan', 'Pakistan']);
    // A combining mark or a letter outside the BMP continues the word; an emoji or a flag does not.
    const text = 'éPakistan e\u0301Pakistan Pakistan\u0301 𝐀Pakistan 👍🏽Pakistan 🇵🇰Pakistan';
    const hits = findForms(text, ['Pakistan']);
    expect(hits.map((m) => text.slice(m.start - 4, m.start))).toEqual(['👍🏽', '🇵🇰']);
    expect(hits[0]!.start).toBe(text.indexOf('👍🏽') + 4); // UTF-16 offsets
  });

  it('handles right-to-left text, whitespace runs, case and overlapping forms', () => {
    expect(at('زار رئيس وزراء باكستان واشنطن. باكستاني', ['باكستان'])).toEqual(['باكستان']);
    expect(at('Marco\nRubio and Marco  Rubio', ['Marco Rubio'])).toEqual(['Marco\nRubio', 'Marco  Rubio']);
    expect(at('PAKISTAN and pakistan', ['Pakistan'])).toEqual([]);
    expect(at('PAKISTAN and pakistan', ['Pakistan'], false)).toEqual(['PAKISTAN', 'pakistan']);
    expect(at('the Islamic Republic of Pakistan and Pakistan', ['Pakistan', 'Islamic Republic of Pakistan'])).toEqual(['Islamic Republic of Pakistan', 'Pakistan']);
    // A form that ends in punctuation needs no boundary there; regex characters are literal.
    expect(at('the U.S. and U.S.A (a.b)', ['U.S.', '(a.b)'])).toEqual(['U.S.', 'U.S.', '(a.b)']);
  });
});

describe('fuzzy search', () => {
  it('folds case, accents and punctuation', () => {
    expect(fold('  Ministère des Mines — RDC! ')).toBe('ministere des mines rdc');
  });

  it('measures edits with transpositions', () => {
    expect(editDistance('pakistan', 'paksitan')).toBe(1);
    expect(editDistance('pakistan', 'pakstan')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2); // capped
  });

  it('ranks exact above prefix above word matches above typos', () => {
    const s = (q: string) => fuzzyScore(q, 'Shehbaz Sharif');
    expect(s('shehbaz sharif')).toBe(1);
    expect(s('sheh')).toBeGreaterThan(s('sharif'));
    expect(s('sharif')).toBeGreaterThan(s('sharf'));
    expect(s('sharf')).toBeGreaterThan(0);
    expect(s('munir')).toBe(0);
    expect(s('abc')).toBe(0); // short words tolerate no typo
  });
});
