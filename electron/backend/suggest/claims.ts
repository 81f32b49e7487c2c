import type { Candidate, Span } from './candidate.ts';
import { CONTENT_FOLLOWS, REPORTING_FORMS, REPORTING_PHRASE } from './reporting-verbs.ts';
import { sentences } from './sentences.ts';

/** Words inside quotation marks for a quotation to count: scare quotes ("‘Pax Silica’") are not claims. */
const MIN_QUOTED_WORDS = 3;

/** A matched pair of straight, curly double or curly single quotes. */
const QUOTED = /"([^"\n]+)"|“([^”\n]+)”|(?<![\p{L}\p{N}])‘([^‘’\n]+)’(?!\p{L})/gu;
/** A quotation cut by the sentence splitter: it opens and runs to the sentence's end, or closes after its start. */
const OPENS = /^[“"]/u;
const CLOSES = /[”"][.,!?]*$|[.,!?]+[”"]$/u;

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** Reference-list lines ("[3] FULL: Vance, Rubio …") are citations, not claims. */
const REFERENCE_LINE = /^\[\d+\]/u;

function wordCount(s: string): number {
  return s.match(WORD)?.length ?? 0;
}

/** The first reporting verb or phrase in a sentence, as it is written there. */
function reportingWord(text: string, s: Span, verbStarts: ReadonlySet<number>): string | undefined {
  const sentence = text.slice(s.start, s.end);
  for (const m of sentence.matchAll(WORD)) {
    const form = REPORTING_FORMS.get(m[0].toLowerCase());
    if (!form) continue;
    if (form.needsVerbTag && !verbStarts.has(s.start + m.index)) continue;
    if (form.needsContent && !CONTENT_FOLLOWS.test(sentence.slice(m.index + m[0].length))) continue;
    return m[0];
  }
  return REPORTING_PHRASE.exec(sentence)?.[0];
}

function hasQuotation(sentence: string): boolean {
  for (const m of sentence.matchAll(QUOTED)) if (wordCount(m[1] ?? m[2] ?? m[3] ?? '') >= MIN_QUOTED_WORDS) return true;
  return (OPENS.test(sentence) || CLOSES.test(sentence)) && wordCount(sentence) >= MIN_QUOTED_WORDS;
}

/**
 * Claim candidates: whole sentences that report speech, through a
 * reporting verb ("the State Department said") or a quotation of at least
 * three words. `verbStarts` says where compromise found verbs, to tell
 * "he states" from "the United States".
 */
export function findClaims(text: string, verbStarts: ReadonlySet<number>): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sentences(text)) {
    const sentence = text.slice(s.start, s.end);
    if (REFERENCE_LINE.test(sentence) || wordCount(sentence) < 4) continue;
    const verb = reportingWord(text, s, verbStarts);
    const quoted = hasQuotation(sentence);
    if (!verb && !quoted) continue;
    const reason = verb && quoted ? `reporting verb “${verb}” and a quotation` : verb ? `reporting verb “${verb}”` : 'quotation';
    out.push({ ...s, type: 'claim', source: 'claim-rules', reason, reported: true });
  }
  return out;
}
