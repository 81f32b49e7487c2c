import type { SuggestionSource } from '../../../shared/index.ts';

/**
 * How sure the engine is, by what proposed the suggestion: the pattern rules
 * (money, percentages, dates, people after a title) are precise; the
 * statistical tagger (compromise) less so; claim sentences least, a
 * quotation more than a reporting verb alone.
 */
const PRIOR: Record<SuggestionSource, number> = {
  'money-rules': 0.92,
  'percent-rules': 0.92,
  'date-rules': 0.88,
  'person-rules': 0.85,
  'place-rules': 0.85,
  compromise: 0.6,
  'claim-rules': 0.55,
  // A model's prediction imported with the document (Label Studio): its own score when it gave one (see below).
  imported: 0.7,
};

/**
 * A suggestion's confidence in [0, 1]: the source's prior, raised when the
 * same words are proposed again elsewhere in the document (a name the tagger
 * finds three times is likelier a name) or, for claims, when the sentence
 * holds a quotation. A heuristic score for sorting and bulk accepting, not a
 * calibrated probability.
 */
export function confidenceOf(source: SuggestionSource, reason: string, repeats: number): number {
  if (source === 'imported') {
    const score = /score (-?\d+(?:\.\d+)?)/.exec(reason);
    const given = score ? Number(score[1]) : NaN;
    if (Number.isFinite(given) && given >= 0 && given <= 1) return Math.round(given * 100) / 100;
  }
  let c = PRIOR[source];
  if (source === 'compromise' && repeats > 1) c += Math.min(0.2, 0.1 * (repeats - 1));
  if (source === 'claim-rules' && /quot/i.test(reason)) c += 0.15;
  return Math.round(Math.min(0.99, c) * 100) / 100;
}
