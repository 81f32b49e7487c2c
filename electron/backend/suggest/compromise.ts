import nlp from 'compromise';
import type { Candidate, EntityType, Span } from './candidate.ts';
import { withoutPossessive } from './spans.ts';
import { CALENDAR_WORDS, ORGANIZATION_HEADS, STOP_WORDS, TITLE_WORDS } from './words.ts';

/** The parts of compromise's `.json({offset: true})` term output used here. */
interface NlpTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}
interface NlpMatch {
  terms: NlpTerm[];
}

/** What one compromise parse yields: entity candidates, and where its verbs start (for the claim rules). */
export interface CompromiseResult {
  entities: Candidate[];
  /** UTF-16 start offsets of every term compromise tagged as a verb. */
  verbStarts: Set<number>;
}

type NlpEntityType = Extract<EntityType, 'person' | 'place' | 'organization'>;

/** Longest piece of text given to compromise at once; long documents are cut at line breaks, keeping memory flat. */
const CHUNK = 20_000;

/**
 * Runs compromise over the text once, in chunks that end at line breaks.
 * Offsets come from compromise's own term offsets, and every term is checked
 * against the text it claims to cover: a match with any term that does not
 * line up is dropped, never shifted into place.
 */
export function analyzeWithCompromise(text: string): CompromiseResult {
  const entities: Candidate[] = [];
  const verbStarts = new Set<number>();
  for (const { start: base, end } of chunks(text)) {
    const part = analyzeChunk(text.slice(base, end));
    for (const e of part.entities) entities.push({ ...e, start: e.start + base, end: e.end + base });
    for (const v of part.verbStarts) verbStarts.add(v + base);
  }
  return { entities, verbStarts };
}

/** Consecutive pieces of at most {@link CHUNK} code units, cut at the last line break where there is one. */
export function chunks(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    const nl = end < text.length ? text.lastIndexOf('\n', end) : -1;
    if (nl > start) end = nl;
    else if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--; // never split a surrogate pair
    out.push({ start, end });
    start = end;
  }
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function analyzeChunk(text: string): CompromiseResult {
  const doc = nlp(text);
  const json = (view: { json(options: object): unknown }): NlpMatch[] => view.json({ offset: true }) as NlpMatch[];
  const entities = [
    ...fromMatches(text, json(doc.people()), 'person'),
    ...fromMatches(text, json(doc.places()), 'place'),
    ...fromMatches(text, json(doc.organizations()), 'organization'),
  ];
  const verbStarts = new Set<number>();
  for (const m of json(doc.match('#Verb'))) for (const t of m.terms) if (linesUp(text, t)) verbStarts.add(t.offset.start);
  return { entities, verbStarts };
}

const lexiconCache = new Map<string, boolean>();

/**
 * What compromise makes of a word on its own, cached. Inside a list its
 * tags follow its neighbours ("European Union, Germany" tags Germany as an
 * organisation); alone they come from the lexicon.
 */
function wordIs(word: string, tag: 'Place' | 'Verb' | 'Demonym'): boolean {
  const key = `${tag}:${word}`;
  let hit = lexiconCache.get(key);
  if (hit === undefined) {
    hit = nlp(word).has(`#${tag}`);
    if (lexiconCache.size > 10_000) lexiconCache.clear();
    lexiconCache.set(key, hit);
  }
  return hit;
}

function linesUp(text: string, t: NlpTerm): boolean {
  return !!t.offset && text.slice(t.offset.start, t.offset.start + t.offset.length) === t.text;
}

function fromMatches(text: string, matches: NlpMatch[], type: NlpEntityType): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches) {
    if (!m.terms.length || !m.terms.every((t) => linesUp(text, t))) continue;
    for (const run of runs(m.terms, type)) {
      const c = candidateOf(text, run, type);
      if (c) out.push(c);
    }
  }
  return out;
}

/**
 * Splits a match where punctuation separates its terms, so that "India,
 * Japan, South Korea" gives three places. A bare hyphen joins words of a
 * name ("Export-Import Bank") but separates places ("US-Pakistan").
 */
function runs(terms: NlpTerm[], type: NlpEntityType): NlpTerm[][] {
  const out: NlpTerm[][] = [];
  let current: NlpTerm[] = [];
  terms.forEach((t, i) => {
    current.push(t);
    const next = terms[i + 1];
    const joint = t.post + (next?.pre ?? '');
    const joined = next && (/^\s+$/u.test(joint) || (type !== 'place' && /^[-‐‑]$/u.test(joint)));
    if (!joined) {
      out.push(current);
      current = [];
    }
  });
  return out;
}

function bare(term: NlpTerm): string {
  return term.text.replace(/['’]s?$/u, '').replace(/\.$/, '').toLowerCase();
}

/** A term that does not belong at the edge of a name: lower case, a stop word, a month, or a title. */
function weakEdge(term: NlpTerm, type: NlpEntityType): boolean {
  const w = bare(term);
  if (!/^\p{Lu}/u.test(term.text) || STOP_WORDS.has(w) || CALENDAR_WORDS.has(w)) return true;
  return type !== 'organization' && (TITLE_WORDS.has(w) || term.tags.includes('Honorific'));
}

function candidateOf(text: string, run: NlpTerm[], type: NlpEntityType): Candidate | undefined {
  let first = 0;
  let last = run.length - 1;
  while (first <= last && weakEdge(run[first]!, type)) first++;
  while (last >= first && weakEdge(run[last]!, type)) last--;
  if (first > last) return undefined;
  const head = bare(run[last]!);
  // A lone "Army" or "Department" names nothing in particular.
  if (first === last && (ORGANIZATION_HEADS.has(head) || TITLE_WORDS.has(head))) return undefined;
  const a = run[first]!;
  const b = run[last]!;
  const span: Span = withoutPossessive(text, { start: a.offset.start, end: b.offset.start + b.offset.length });
  if (span.end - span.start < 2) return undefined;
  const single = first === last;
  // A capitalised verb in a headline ("Launch ‘Pax Silica’ Coalition") or a demonym ("American investment") is no organisation.
  if (single && type === 'organization' && (wordIs(a.text, 'Verb') || wordIs(a.text, 'Demonym'))) return undefined;
  const finalType = retype(type, head, single ? a : undefined);
  return { ...span, type: finalType, source: 'compromise', reason: `${finalType} (compromise)` };
}

/**
 * Corrects compromise's type where the words say otherwise: it often reads
 * "US State Department" as a place, and a lone country split off a list
 * ("European Union, Germany") as an organisation.
 */
function retype(type: NlpEntityType, head: string, single: NlpTerm | undefined): NlpEntityType {
  if (type === 'place' && ORGANIZATION_HEADS.has(head)) return 'organization';
  if (type === 'organization' && single && wordIs(single.text, 'Place')) return 'place';
  return type;
}
