import type { Candidate } from './candidate.ts';

/**
 * A news dateline at the start of a paragraph: the place in capitals, an
 * optional date, an optional agency in parentheses, then a dash or colon:
 * "SANTIAGO (Reuters) - …", "ISLAMABAD, Sept 30 (AP) — …", "WASHINGTON: …".
 * The tagger reads a word in capitals as anything (often a person); the
 * dateline's form says it is a place.
 */
const DATELINE = /(?<=^|\n)[ \t]*(\p{Lu}[\p{Lu}\p{M}.'’-]*(?:[ /]\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3})(?:,[^\n(–—:-]{1,30})?(?:[ \t]*\((?:[\p{L}.&' ]{1,40})\))?[ \t]*(?:[-–—]|:(?=[ \t]))[ \t]/gu;

/** Words in capitals that open a paragraph as a rubric, not a place. */
const RUBRICS = new Set(['BREAKING', 'BREAKING NEWS', 'UPDATE', 'UPDATED', 'EXCLUSIVE', 'ANALYSIS', 'OPINION', 'NEWS', 'WATCH', 'LIVE', 'EDITORIAL', 'COMMENT', 'REVIEW', 'FACTBOX', 'EXPLAINER', 'CORRECTED', 'CORRECTION', 'NOTE', 'WARNING', 'FILE', 'PHOTO', 'VIDEO', 'AUDIO', 'FAQ', 'PS']);

/** Places named by datelines in `text`. */
export function findDatelinePlaces(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(DATELINE)) {
    const place = m[1]!.replace(/[.'’-]+$/u, '');
    // Two letters at least, and not an all-capitals rubric or a single letter-and-dot initial.
    if (place.replace(/[^\p{L}]/gu, '').length < 3 || RUBRICS.has(place)) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    out.push({ start, end: start + place.length, type: 'place', source: 'place-rules', reason: 'dateline' });
  }
  return out;
}
