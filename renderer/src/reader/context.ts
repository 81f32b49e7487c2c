/** Sentence ends: . ! ? … (with closing quotes or brackets) followed by space, or a line break. */
const SENTENCE_END = /[.!?…]["'”’)\]]*\s|\n/gu;

/**
 * The sentence around [start, end) of `text`, at most `max` UTF-16 units
 * (shortened around the span with "…"), to tell apart rows that quote the
 * same words ("Location: Pakistan" twelve times).
 */
export function sentenceAround(text: string, start: number, end: number, max = 160): { before: string; quote: string; after: string } {
  let from = 0;
  for (const m of text.slice(0, start).matchAll(SENTENCE_END)) from = m.index + m[0].length;
  SENTENCE_END.lastIndex = 0;
  const rest = text.slice(end);
  const next = /[.!?…]["'”’)\]]*(?=\s|$)|\n/u.exec(rest);
  const to = next ? end + next.index + next[0].length : text.length;
  let before = text.slice(from, start);
  let after = text.slice(end, to).replace(/\n$/, '');
  const room = Math.max(0, max - (end - start));
  if (before.length + after.length > room) {
    const half = Math.floor(room / 2);
    const keepBefore = Math.min(before.length, Math.max(half, room - after.length));
    const keepAfter = Math.min(after.length, room - keepBefore);
    if (keepBefore < before.length) before = `…${before.slice(before.length - keepBefore)}`;
    if (keepAfter < after.length) after = `${after.slice(0, keepAfter)}…`;
  }
  return { before, quote: text.slice(start, end), after };
}
