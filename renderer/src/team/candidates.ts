import type { Annotation, ClaimLink } from '../../../shared/index.ts';

/** One version of a span: the same label, ranges and claim links, made by one or more annotators. */
export interface Candidate {
  key: string;
  annotations: Annotation[];
  annotators: string[];
  start: number;
  end: number;
}

/**
 * How an item's versions differ: an annotator made none of them (missing span),
 * their extents differ (boundary), their labels differ (label), or the same
 * labelled span carries different claim links (stance or proposition).
 */
export type DisagreementKind = 'missing' | 'boundary' | 'label' | 'stance';

/** Words for a disagreement kind, in lists and accessible names. */
export const KIND_NAMES: Record<DisagreementKind, string> = { missing: 'missing span', boundary: 'different boundary', label: 'different label', stance: 'different stance or proposition' };

/** A group of overlapping candidates; `agreed` when every annotator made the same single version. */
export interface CurationItem {
  candidates: Candidate[];
  /** Every way its versions differ (empty when agreed). */
  kinds: DisagreementKind[];
  agreed: boolean;
  /** Whether the curated layer already holds one of the versions. */
  curated: boolean;
}

/**
 * Groups the annotators' spans of one document for curation: identical
 * versions (label, ranges, claim links) become one candidate, overlapping
 * candidates one item, in reading order.
 */
export function curationItems(annotations: readonly Annotation[], claims: ReadonlyMap<string, readonly ClaimLink[]>, annotators: readonly string[], curation: string): CurationItem[] {
  // Curated by label and ranges, as team.curate matches them: a curated span may hold several versions' links.
  const curatedSpans = new Set<string>();
  const byKey = new Map<string, Candidate>();
  for (const a of annotations) {
    const span = spanKey(a);
    const key = `${span}|${(claims.get(a.id) ?? []).map((c) => `${c.propositionId}:${c.stance}`).sort().join(',')}`;
    if (a.annotator === curation) {
      curatedSpans.add(span);
      continue;
    }
    if (!annotators.includes(a.annotator)) continue;
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = { key, annotations: [], annotators: [], start: a.ranges[0]!.start, end: a.ranges[a.ranges.length - 1]!.end }));
    c.annotations.push(a);
    if (!c.annotators.includes(a.annotator)) c.annotators.push(a.annotator);
  }
  const sorted = [...byKey.values()].sort((x, y) => x.start - y.start || y.end - x.end);
  const items: CurationItem[] = [];
  let end = -1;
  for (const c of sorted) {
    const last = items[items.length - 1];
    if (last && c.start < end) {
      last.candidates.push(c);
      end = Math.max(end, c.end);
    } else {
      items.push({ candidates: [c], kinds: [], agreed: false, curated: false });
      end = c.end;
    }
  }
  for (const item of items) {
    item.agreed = item.candidates.length === 1 && annotators.every((a) => item.candidates[0]!.annotators.includes(a));
    item.curated = item.candidates.some((c) => curatedSpans.has(spanKey(c.annotations[0]!)));
    item.kinds = kindsOf(item.candidates, annotators);
  }
  return items;
}

/** A span's label and ranges. */
const spanKey = (a: Annotation) => `${a.labelId}|${a.ranges.map((r) => `${r.start}-${r.end}`).join(',')}`;

/** The ways a group of overlapping versions differ, in a fixed order. */
function kindsOf(candidates: readonly Candidate[], annotators: readonly string[]): DisagreementKind[] {
  const rangesOf = (c: Candidate) => c.annotations[0]!.ranges.map((r) => `${r.start}-${r.end}`).join(',');
  const kinds: DisagreementKind[] = [];
  if (annotators.some((a) => !candidates.some((c) => c.annotators.includes(a)))) kinds.push('missing');
  if (new Set(candidates.map(rangesOf)).size > 1) kinds.push('boundary');
  if (new Set(candidates.map((c) => c.annotations[0]!.labelId)).size > 1) kinds.push('label');
  // Candidates are keyed by label, ranges and claim links: two with the same label and ranges differ in their links.
  if (new Set(candidates.map((c) => spanKey(c.annotations[0]!))).size < candidates.length) kinds.push('stance');
  return kinds;
}
