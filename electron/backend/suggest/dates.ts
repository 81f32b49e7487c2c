import type { Candidate } from './candidate.ts';
import { SPACE } from './numbers.ts';
import { matchSpans } from './spans.ts';

const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)`;
const WEEKDAY = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;
const DAY = String.raw`(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:1\d{3}|2\d{3})`;
const SP = `${SPACE}+`;
/** Not glued to a letter or digit before; a date does not start inside a word or number. */
const B = String.raw`(?<![\p{L}\p{N}])`;
/** Not followed by a letter or digit; a month abbreviation's period may end the match. */
const E = String.raw`(?![\p{L}\p{N}])`;

/**
 * Explicit calendar dates, longest forms first so that "4 February 2026"
 * wins over "February 2026" and "2026":
 * "Wednesday, 4 February 2026", "4 February", "February 4, 2026",
 * "February 4", "Feb. 2026", "September 2025", "2026-02-04", "04/02/2026",
 * "Monday", and a bare year from 1000 to 2999 ("2026", "the 1990s").
 * Relative dates ("last week", "today") are left out: too often not dates.
 */
const DATE = new RegExp(
  [
    String.raw`${B}(?:${WEEKDAY},?${SP})?${DAY}${SP}(?:of${SP})?${MONTH}(?:,?${SP}${YEAR})?${E}`,
    String.raw`${B}(?:${WEEKDAY},?${SP})?${MONTH}${SP}${DAY}(?:,?${SP}${YEAR})?${E}`,
    String.raw`${B}${MONTH},?${SP}${YEAR}${E}`,
    String.raw`${B}${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])${E}`,
    String.raw`${B}\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})${E}`,
    String.raw`${B}${WEEKDAY}${E}`,
    // A bare year: not part of a longer number, an amount or a range of digits.
    String.raw`(?<![\p{L}\p{N}$€£¥.,:/-])${YEAR}s?(?![\p{L}\p{N}%]|[.,:/-]\d)`,
  ].join('|'),
  'gu',
);

/** Date candidates in `text`. */
export function findDates(text: string): Candidate[] {
  return matchSpans(DATE, text).map((s) => ({ ...s, type: 'date', source: 'date-rules', reason: 'date' }));
}
