import type { Candidate } from './candidate.ts';
import type { CompromiseResult } from './compromise.ts';
import { findDatelinePlaces } from './datelines.ts';
import { findDates } from './dates.ts';
import { findMoney } from './money.ts';
import { findPercentages } from './percent.ts';
import { DisjointSpans } from './spans.ts';
import { findAppositivePeople, findTitledPeople } from './titles.ts';

/**
 * Which source wins when two entity candidates overlap: the exact patterns
 * first (an amount is never also a place), then names after a title, then
 * compromise's people, organisations and places.
 */
const PRIORITY: Record<string, number> = {
  'money-rules': 6,
  'percent-rules': 5,
  'date-rules': 4,
  'person-rules': 3,
  'place-rules': 3,
  'compromise:person': 2,
  'compromise:organization': 1,
  'compromise:place': 0,
};

function priority(c: Candidate): number {
  return PRIORITY[c.source === 'compromise' ? `compromise:${c.type}` : c.source] ?? 0;
}

/**
 * Entity candidates of a text, with overlaps resolved: of two overlapping
 * candidates the higher-priority one stays, and at equal priority the
 * longer. Sorted by start offset.
 */
export function findEntities(text: string, nlp: CompromiseResult): Candidate[] {
  // An apposition names a person unless the tagger reads the name as a place or an organisation ("New York, a city official said").
  const appositive = findAppositivePeople(text).filter((c) => !nlp.entities.some((e) => e.type !== 'person' && e.start < c.end && c.start < e.end));
  const all = [...findMoney(text), ...findPercentages(text), ...findDates(text), ...findTitledPeople(text), ...appositive, ...findDatelinePlaces(text), ...nlp.entities];
  all.sort((a, b) => priority(b) - priority(a) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new DisjointSpans();
  const kept = all.filter((c) => taken.add(c));
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}
