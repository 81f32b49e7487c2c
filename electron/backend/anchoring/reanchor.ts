import { normalizeRanges, QUOTE_GAP, type TextRange } from '../../../shared/index.ts';
import { equalRuns } from './diff.ts';
import { OffsetMap } from './map.ts';
import { contextScore, DISTINCTIVE_QUOTE, findQuote, MIN_CONTEXT, spanBetweenContext, type QuoteContext } from './search.ts';
import { similarity } from './similarity.ts';

/**
 * What became of an annotation in a new version of its text:
 * - `kept`: same text, where the diff maps it;
 * - `moved`: same text, found elsewhere by its quote and context;
 * - `changed`: its text was edited; the span covers the edited text; needs review;
 * - `orphaned`: its text is gone, or it cannot be placed without guessing.
 */
export type AnchorStatus = 'kept' | 'moved' | 'changed' | 'orphaned';

/** An annotation to re-anchor: its ranges in the old text and its stored quote and context. */
export interface AnchorInput extends QuoteContext {
  id: string;
  ranges: readonly TextRange[];
  /**
   * Already orphaned by an earlier version: its ranges refer to an older text,
   * so only its quote and context are searched (its text may have come back).
   */
  orphaned?: boolean;
}

export interface AnchorResult {
  id: string;
  status: AnchorStatus;
  /** UTF-16 ranges in the new text; null for orphans. */
  ranges: TextRange[] | null;
  /** The text the ranges cover in the new text (parts joined as quotes are); null for orphans. */
  newQuote: string | null;
}

/**
 * How alike the edited text must be to the quote for an edited annotation to
 * stay on it (as `changed`): lower when both edges of the span survived the
 * edit (the edit happened inside it), higher when an edge was rewritten too
 * or the span was found by its context alone.
 */
export const CHANGED_INSIDE = 0.4;
export const CHANGED_EDGES = 0.6;
/** Unchanged characters next to a short quote, on one side, that confirm the diff found it. */
export const SURVIVING_CONTEXT = 8;

/**
 * Re-anchors annotations from `oldText` to `newText`. Offsets are mapped
 * through a character-accurate diff; where the text found there is not the
 * quote, the quote is searched with its context (a unique exact match is
 * `moved`); failing that, an edited span that is still alike enough is
 * `changed`; everything else is `orphaned`. An annotation is never placed on
 * text that differs from its quote without being reported `changed`.
 * Pure: no store, no I/O. Results are in input order.
 */
export function reanchor(oldText: string, newText: string, anchors: readonly AnchorInput[]): AnchorResult[] {
  const map = new OffsetMap(oldText === newText ? [{ oldStart: 0, newStart: 0, length: oldText.length }] : equalRuns(oldText, newText), newText.length);
  return anchors.map((a) => reanchorOne(map, oldText, newText, a));
}

function reanchorOne(map: OffsetMap, oldText: string, newText: string, a: AnchorInput): AnchorResult {
  const orphan: AnchorResult = { id: a.id, status: 'orphaned', ranges: null, newQuote: null };
  if (a.orphaned) return moved(newText, a) ?? orphan;

  // 1. Through the diff.
  const mapped: TextRange[] = [];
  let vanished = false;
  let edgesExact = true;
  for (let k = 0; k < a.ranges.length; k++) {
    const r = a.ranges[k]!;
    const s = map.start(r.start);
    const e = map.end(r.end);
    if (k === 0 && !s.exact) edgesExact = false;
    if (k === a.ranges.length - 1 && !e.exact) edgesExact = false;
    if (e.offset > s.offset) mapped.push({ start: s.offset, end: e.offset });
    else vanished = true;
  }
  const first = a.ranges[0]!;
  const last = a.ranges[a.ranges.length - 1]!;
  const ranges = mapped.length > 1 ? normalizeRanges(mapped) : mapped;
  const atMapped = ranges.length ? quoteOf(newText, ranges) : '';
  // The same text where the diff maps it. A short quote that occurs elsewhere too needs some of its surroundings to
  // have survived (8 unchanged characters on one side, or enough of its stored context): a character diff of a
  // rewritten sentence can match a lone word of the new one ("Pakistan") that is not the annotated mention.
  if (!vanished && ranges.length === a.ranges.length && atMapped === a.quote) {
    const trusted =
      a.quote.length >= DISTINCTIVE_QUOTE ||
      map.survivingContext(first.start, last.end) >= SURVIVING_CONTEXT ||
      contextScore(newText, ranges[0]!.start, ranges[ranges.length - 1]!.end, a) >= MIN_CONTEXT ||
      occursOnce(newText, a.quote);
    if (trusted) return { id: a.id, status: 'kept', ranges, newQuote: atMapped };
  }

  // 2. The same text elsewhere, decided by its context.
  const found = moved(newText, a, oldText);
  if (found) return found;

  // 3. Edited where it stands: the mapped span, or the span between its surviving context.
  let best: { ranges: TextRange[]; quote: string } | undefined;
  // Text equal to the quote that steps 1 and 2 did not trust is a guess, not an edit.
  if (ranges.length && atMapped !== a.quote) {
    const score = similarity(a.quote, atMapped);
    if (score >= (edgesExact ? CHANGED_INSIDE : CHANGED_EDGES)) best = { ranges, quote: atMapped };
  }
  // The context is searched (a moved paragraph that was edited too) only when the diff found nothing alike.
  if (!best && a.ranges.length === 1) {
    const span = spanBetweenContext(newText, a);
    if (span) {
      const quote = newText.slice(span.start, span.end);
      if (quote !== a.quote && similarity(a.quote, quote) >= CHANGED_EDGES) best = { ranges: [span], quote };
    }
  }
  if (best) return { id: a.id, status: 'changed', ranges: best.ranges, newQuote: best.quote };
  return orphan;
}

/**
 * The annotation's text found unchanged elsewhere. A single range searches
 * its quote; a discontinuous one searches the whole stretch of old text from
 * its first to its last range and moves every range by the same amount (an
 * old orphan's discontinuous quote, without its old text, is not searched).
 */
function moved(newText: string, a: AnchorInput, oldText?: string): AnchorResult | undefined {
  if (a.ranges.length === 1) {
    const at = findQuote(newText, a);
    if (at === undefined) return undefined;
    return { id: a.id, status: 'moved', ranges: [{ start: at, end: at + a.quote.length }], newQuote: a.quote };
  }
  if (oldText === undefined) return undefined;
  const first = a.ranges[0]!;
  const last = a.ranges[a.ranges.length - 1]!;
  const at = findQuote(newText, { quote: oldText.slice(first.start, last.end), prefix: a.prefix, suffix: a.suffix });
  if (at === undefined) return undefined;
  const shift = at - first.start;
  const ranges = a.ranges.map((r) => ({ start: r.start + shift, end: r.end + shift }));
  return { id: a.id, status: 'moved', ranges, newQuote: quoteOf(newText, ranges) };
}

function occursOnce(text: string, s: string): boolean {
  const at = text.indexOf(s);
  return at !== -1 && text.indexOf(s, at + 1) === -1;
}

function quoteOf(text: string, ranges: readonly TextRange[]): string {
  return ranges.map((r) => text.slice(r.start, r.end)).join(QUOTE_GAP);
}
