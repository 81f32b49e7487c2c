import type { Candidate } from './candidate.ts';
import { NUMBER, NUMBER_START, SPACE } from './numbers.ts';
import { matchSpans } from './spans.ts';

/** "18%", "18 per cent", "18 percent", "2.5 percentage points", "18-percent". */
const PERCENT = new RegExp(
  String.raw`${NUMBER_START}(?:${NUMBER})(?:${SPACE}?%|(?:${SPACE}|-)(?:per${SPACE}?cent|percent|percentage${SPACE}points?)(?![\p{L}]))`,
  'gu',
);

/** Percentage candidates in `text`. */
export function findPercentages(text: string): Candidate[] {
  return matchSpans(PERCENT, text).map((s) => ({ ...s, type: 'percent', source: 'percent-rules', reason: 'percentage' }));
}
