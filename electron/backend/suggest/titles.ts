import type { Candidate } from './candidate.ts';
import { SPACE } from './numbers.ts';
import { withoutPossessive } from './spans.ts';
import { CALENDAR_WORDS, ORGANIZATION_HEADS, STOP_WORDS, TITLE_WORDS } from './words.ts';

/** Titles that are also written in lower case before a name ("former envoy Abdul Basit"). */
const LOWER_CASE_OK = ['president', 'envoy', 'ambassador', 'minister', 'senator', 'spokesman', 'spokeswoman', 'spokesperson', 'secretary', 'governor', 'mayor', 'chancellor', 'premier'];

const TITLES = [
  'President', 'Premier', 'Chancellor', 'Governor', 'Senator', 'Sen.', 'Representative', 'Rep.', 'Ambassador', 'Envoy',
  'Mayor', 'Judge', 'Justice', 'General', 'Gen.', 'Marshal', 'Admiral', 'Colonel', 'Col.', 'Captain', 'Capt.',
  'Lieutenant', 'Lt.', 'Sergeant', 'Sgt.', 'Commander', 'Chief', 'Commissioner', 'Director', 'Chairman', 'Chairwoman',
  'Chairperson', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Professor', 'Prof.', 'Dr.', 'Dr', 'Mr.', 'Mr', 'Mrs.',
  'Mrs', 'Ms.', 'Ms', 'Sir', 'Dame', 'Lord', 'Lady', 'King', 'Queen', 'Prince', 'Princess', 'Pope', 'Sheikh', 'CEO',
  'Secretary', 'Minister',
];

function titleAlternation(): string {
  return TITLES.map((t) => {
    const escaped = t.replace(/\./g, '\\.');
    const lower = LOWER_CASE_OK.includes(t.toLowerCase());
    return lower ? `[${t[0]}${t[0]!.toLowerCase()}]${escaped.slice(1)}` : escaped;
  })
    .sort((a, b) => b.length - a.length)
    .join('|');
}

/** A word of a name: "Rubio", "O’Brien", "Al-Sisi", an initial "J." or initials "J.D.". */
const NAME_WORD = String.raw`(?:\p{Lu}\.(?:\p{Lu}\.)*|\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*)`;

/**
 * A title, optionally "of State" / "for Energy", then up to four capitalised
 * words on the same line. The name words are checked afterwards against the
 * stop lists (a regular expression cannot say "a capitalised word that is
 * not a title" without a very long lookahead).
 */
const TITLED_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${titleAlternation()})(?:${SPACE}+(?:of|for)${SPACE}+(?:the${SPACE}+)?\p{Lu}[\p{L}]*(?:${SPACE}+Affairs)?)?` +
    String.raw`${SPACE}+(${NAME_WORD}(?:${SPACE}+${NAME_WORD}){0,3})`,
  'gu',
);

const WORD = new RegExp(NAME_WORD, 'gu');

function isNameWord(word: string): boolean {
  const w = word.replace(/['’]s$/u, '').replace(/\.$/, '').toLowerCase();
  return !TITLE_WORDS.has(w) && !ORGANIZATION_HEADS.has(w) && !STOP_WORDS.has(w) && !CALENDAR_WORDS.has(w);
}

/**
 * People named after a title: "Secretary of State Marco Rubio", "Vice
 * President JD Vance", "Army Chief Field Marshal Asim Munir", "Dr Imran
 * Khurshid". High precision, and it fills the gaps of the statistical
 * tagger, which reads "Marco" in "State Marco Rubio" as a place.
 */
export function findTitledPeople(text: string): Candidate[] {
  const out: Candidate[] = [];
  TITLED_NAME.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TITLED_NAME.exec(text))) {
    const name = m[1]!;
    const nameStart = m.index + m[0].length - name.length;
    // Keep the leading words that are name words; a title inside ("Chief Field Marshal") restarts the search there.
    let end = nameStart;
    let words = 0;
    for (const w of name.matchAll(WORD)) {
      if (!isNameWord(w[0])) break;
      end = nameStart + w.index + w[0].length;
      words++;
    }
    if (words === 0) {
      TITLED_NAME.lastIndex = nameStart; // "Chief Field Marshal Asim Munir": try again from "Field"
      continue;
    }
    const span = withoutPossessive(text, { start: nameStart, end });
    if (span.end > span.start) out.push({ ...span, type: 'person', source: 'person-rules', reason: 'name after a title' });
  }
  return out;
}

/** Roles that, after a comma, say the name before them is a person's ("X, the EU trade commissioner, said"). */
const ROLES =
  'president|premier|chancellor|governor|senator|ambassador|envoy|mayor|judge|commissioner|director|chairman|chairwoman|chairperson|spokesman|spokeswoman|spokesperson|professor|secretary|minister|leader|founder|analyst|economist|researcher|official|adviser|advisor|ceo|editor|correspondent|lawyer|activist|scientist|negotiator|diplomat|lawmaker|legislator|deputy|chief';

/**
 * A name of two to four capitalised words, a comma, then a role within six
 * words: "Maroš Šefčovič, the EU trade commissioner," or "Sergio Cubillos,
 * a community leader,". The tagger misses such names when they carry
 * diacritics or are rare; the apposition says what they are.
 */
const APPOSITIVE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${NAME_WORD}(?:${SPACE}+${NAME_WORD}){1,3}),${SPACE}+(?:(?:the|a|an|its|their|his|her)${SPACE}+)?(?:[\p{L}\p{N}’'.-]+${SPACE}+){0,5}?(?:${ROLES})s?(?![\p{L}])`,
  'gu',
);

/** People named by a role in apposition. */
export function findAppositivePeople(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(APPOSITIVE)) {
    const name = m[1]!;
    const words = [...name.matchAll(WORD)].map((w) => w[0]);
    // Every word a name word: "European Union, the bloc's chief" or "Foreign Ministry, …" is no person.
    if (!words.every(isNameWord)) continue;
    const start = m.index;
    out.push({ start, end: start + name.length, type: 'person', source: 'person-rules', reason: 'name before a role' });
  }
  return out;
}
