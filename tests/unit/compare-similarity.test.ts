// Claim matching on the real articles' sentences, without a project: the
// ranking itself (TF-IDF over the compared documents, plus shared entities).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchClaim, stem, terms, type MatchDocument } from '../../electron/backend/compare/similarity.ts';
import { CORPUS_DIR } from '../support/paths.ts';

function doc(name: string, extra: Partial<MatchDocument> = {}): MatchDocument {
  const text = fs.readFileSync(path.join(CORPUS_DIR, `${name}.txt`), 'utf8');
  return { id: name, text, version: `v1-${text.length}`, mentions: [], claims: [], ...extra };
}

const A = 'pakistan-among-key-partners';
const S = 'pakistan-on-the-sidelines';
const R = 'rare-earth-diplomacy-white-house';

describe('claim matching', () => {
  it('folds case, accents and common English endings, and drops function words', () => {
    expect([...terms('The Ministers EXCLUDED Pakistan’s envoys from the Élysée talks').keys()]).toEqual(['minister', 'exclud', 'pakistan', 'envoy', 'elyse', 'talk']);
    expect(new Set(['excludes', 'excluded', 'excluding', 'exclude'].map(stem))).toEqual(new Set(['exclud']));
    expect(stem('supplies')).toBe('supply');
    expect(stem('2026')).toBe('2026');
  });

  it('ranks a paraphrase in another article first and never proposes the claim’s own document', () => {
    const docs = [doc(A), doc(S), doc(R)];
    const claim = 'The summit was hosted by US Secretary of State Marco Rubio and jointly chaired by Vice President J.D. Vance';
    const found = matchClaim({ documentId: S, text: claim, entityIds: new Set() }, docs, 3);
    expect(found.every((c) => c.document !== S)).toBe(true);
    const best = found[0]!;
    expect(best.document).toBe(A);
    expect(best.text).toMatch(/^Secretary of State Marco Rubio, joined by Vice President JD Vance/);
    const unrelated = found.filter((c) => c !== best);
    expect(unrelated.every((c) => c.score < best.score / 2)).toBe(true);
    expect(found.filter((c) => c.document === A).length).toBeLessThanOrEqual(3);
  });

  it('adds weight for entities the claim and the sentence both mention', () => {
    const rText = doc(R).text;
    const at = (phrase: string) => {
      const start = rText.indexOf(phrase);
      return [{ start, end: start + phrase.length }];
    };
    // "Shehbaz Sharif" is linked in R's first sentence only.
    const r = doc(R, { mentions: [{ ranges: at('Shehbaz Sharif'), entityId: 'sharif' }] });
    const query = 'Under Army Chief Asim Munir and Prime Minister Shehbaz Sharif, Islamabad has leaned more openly towards Washington';
    const without = matchClaim({ documentId: S, text: query, entityIds: new Set() }, [doc(S), r], 5);
    const withEntity = matchClaim({ documentId: S, text: query, entityIds: new Set(['sharif']) }, [doc(S), r], 5);
    const first = (list: typeof without) => list.find((c) => c.text.startsWith('In a significant diplomatic move'))!;
    expect(first(withEntity).sharedEntityIds).toEqual(['sharif']);
    expect(first(without).sharedEntityIds).toEqual([]);
    expect(first(withEntity).score).toBeGreaterThan(first(without).score);
    expect(withEntity[0]!.text).toMatch(/^In a significant diplomatic move/);
    // Sentences without the entity lose the entity share.
    const other = withEntity.find((c) => c.sharedEntityIds.length === 0)!;
    expect(other.score).toBeCloseTo(0.75 * other.lexical * Math.sqrt(Math.min(1, terms(other.text).size / 5)), 3);
  });

  it('names claim annotations already covering a candidate, with their propositions', () => {
    const aText = doc(A).text;
    const start = aText.indexOf('Pakistan has emerged as a notable partner');
    const a = doc(A, { claims: [{ annotationId: 'ann-1', ranges: [{ start, end: start + 40 }], propositionIds: ['prop-1'] }] });
    const found = matchClaim({ documentId: S, text: 'Pakistan has also tried to position itself as an emerging minerals partner.', entityIds: new Set() }, [a, doc(S)], 1);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ document: A, annotationIds: ['ann-1'], propositionIds: ['prop-1'] });
    expect(found[0]!.text).toMatch(/^Pakistan has emerged as a notable partner/);
  });
});
