import type { Span } from './candidate.ts';
import { trimmed } from './spans.ts';

/** Abbreviations after which a period never ends a sentence: a name or number follows. */
const NEVER_FINAL = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'cmdr', 'adm', 'hon',
  'rev', 'fr', 'pres', 'supt', 'fig', 'figs', 'vol', 'pp', 'approx', 'vs', 'cf',
  'e.g', 'i.e', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft',
]);

/** Abbreviations that may end a sentence ("… based in the U.S. The …"): split only before a usual sentence opener. */
const MAYBE_FINAL = new Set(['inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'etc', 'bros', 'plc', 'llc']);

/** Words that usually open a sentence; after "U.S." or "Inc." they signal a new one. */
const OPENERS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their',
  'Our', 'But', 'And', 'Yet', 'So', 'However', 'In', 'On', 'At', 'As', 'After', 'Before', 'When', 'While', 'If',
  'Although', 'There', 'A', 'An', 'Some', 'Many', 'Most', 'Officials', 'Meanwhile', 'Still', 'Also', 'Why', 'What',
]);

/**
 * Sentence-final punctuation with any closing quotes or brackets, then
 * footnote markers such as "[2]" (left out of the sentence), then space or
 * the end of the line.
 */
const FINAL = /([.!?…]+["'”’)\]]*)((?:\[\d+\])*)(?=\s|$)/gu;

/**
 * Splits text into sentences, as spans without surrounding white space.
 * A line break always ends a sentence (paragraphs, headings and list items
 * are lines). Periods after titles ("Mr.", "Dr."), initials ("J."), dotted
 * acronyms ("U.S.", "D.C.") and decimals do not.
 */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const push = (start: number, end: number): void => {
    const s = trimmed(text, { start, end });
    if (s.end > s.start) out.push(s);
  };
  for (const line of text.matchAll(/[^\n]+/gu)) {
    const base = line.index;
    const s = line[0];
    let start = 0;
    FINAL.lastIndex = 0;
    for (const m of s.matchAll(FINAL)) {
      const punctEnd = m.index + m[1]!.length;
      const after = m.index + m[0].length;
      if (!endsSentence(s, m.index, m[1]!, after)) continue;
      push(base + start, base + punctEnd);
      start = after;
    }
    push(base + start, base + s.length);
  }
  return out;
}

function endsSentence(line: string, at: number, punct: string, after: number): boolean {
  const next = /\S+/u.exec(line.slice(after))?.[0];
  if (next === undefined) return true; // end of the line
  if (/^\p{Ll}/u.test(next)) return false; // "e.g. the", "U.S. officials"
  if (!punct.startsWith('.') || punct.length > 1) return true; // "?", "!", "…", "." followed by a quote
  const word = /(\S+)$/u.exec(line.slice(0, at))?.[1] ?? '';
  const bare = word.replace(/^["'“‘([]+/u, '');
  const lower = bare.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (/^\p{Lu}$/u.test(bare)) return false; // an initial: "J. Smith"
  const opener = OPENERS.has(next.replace(/^["'“‘(]+/u, ''));
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) return opener; // "U.S", "D.C": a dotted acronym
  if (MAYBE_FINAL.has(lower)) return opener;
  return true;
}
