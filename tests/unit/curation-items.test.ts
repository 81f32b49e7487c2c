import { describe, expect, it } from 'vitest';
import type { Annotation, ClaimLink } from '../../shared/index.ts';
import { curationItems } from '../../renderer/src/team/candidates.ts';

// Grouping the annotators' spans for curation, and naming how each group's versions differ.
let n = 0;
const ann = (annotator: string, labelId: string, start: number, end: number): Annotation => ({
  id: `a${++n}`,
  documentId: 'd',
  ranges: [{ start, end }],
  quote: '',
  prefix: '',
  suffix: '',
  labelId,
  attributes: {},
  note: '',
  annotator,
  createdAt: '',
  modifiedAt: '',
});
const link = (a: Annotation, propositionId: string, stance: string): ClaimLink => ({
  id: `c${++n}`,
  annotationId: a.id,
  documentId: 'd',
  propositionId,
  propositionText: propositionId,
  stance,
  attribution: { entityId: null, text: '' },
  hedged: false,
  reported: false,
  note: '',
  createdAt: '',
  modifiedAt: '',
});

describe('curation items', () => {
  const list = [
    ann('a', 'Person', 0, 5), ann('b', 'Person', 0, 5), // agreed
    ann('a', 'Location', 10, 15), ann('b', 'Organization', 10, 15), // label
    ann('a', 'Location', 20, 25), // missing for b
    ann('a', 'Person', 30, 40), ann('b', 'Person', 30, 38), // boundary
    ann('a', 'Claim', 50, 60), ann('b', 'Claim', 50, 60), // stance
    ann('a', 'Claim', 70, 80), ann('b', 'Claim', 70, 80), // proposition
    ann('curation', 'Location', 10, 15),
  ];
  const claims = new Map<string, ClaimLink[]>();
  for (const [i, p, s] of [[7, 'P', 'favor'], [8, 'P', 'against'], [9, 'P', 'favor'], [10, 'Q', 'favor']] as const) claims.set(list[i]!.id, [link(list[i]!, p, s)]);
  const items = curationItems(list, claims, ['a', 'b'], 'curation');

  it('groups overlapping versions in reading order and names how they differ', () => {
    expect(items.map((it) => [it.candidates[0]!.start, it.kinds, it.agreed])).toEqual([
      [0, [], true],
      [10, ['label'], false],
      [20, ['missing'], false],
      [30, ['boundary'], false],
      [50, ['stance'], false],
      [70, ['stance'], false],
    ]);
  });

  it('marks an item curated when the curated layer holds one of its versions', () => {
    expect(items.map((it) => it.curated)).toEqual([false, true, false, false, false, false]);
  });
});
