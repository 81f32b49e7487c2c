// Claim matching: for a claim in one document, the sentences of the other
// compared documents most likely to make the same claim, computed locally.
//
// Each sentence is a bag of folded, lightly stemmed content words weighted by
// TF-IDF, where document frequency counts sentences of all the compared
// documents (a word every article repeats, such as "Pakistan" here, weighs
// little). The score is the cosine similarity with the claim (damped for
// sentences of very few words, such as headings); when the claim
// mentions linked entities, a quarter of the score is the share of them the
// sentence mentions too (mentions linked to the same registry entity, so
// "Islamabad" and "Pakistan" can count as one when the researcher linked them so).

import { boilerplateRanges, inRanges, isHeadingLine } from '../text/boilerplate.ts';
import type { ClaimCandidate, TextRange } from '../../../shared/index.ts';
import { sentences } from '../suggest/sentences.ts';
import { wordsOf } from './words.ts';

/** Share of the score that shared entities make up when the claim mentions any. */
const ENTITY_WEIGHT = 0.25;
/**
 * Sentences with fewer content words than this (headings, captions) rank
 * lower: cosine similarity alone favors them, as one shared word is a large
 * part of a short vector.
 */
const SHORT_SENTENCE = 5;

/** Function words that say nothing about what a claim is about. */
const STOP = new Set(
  `a an the and or but nor so yet of to in on at by for from with without into onto over under about above below
  as than then that this these those there here it its it's he him his she her hers they them their theirs we us our
  you your i me my is are was were be been being am do does did done has have had having will would shall should can
  could may might must not no nor only also just very too more most much many some any all each every both either
  neither own same such other which who whom whose what when where why how while if because although though after
  before since until during up down out off again further once s t d ll m re ve`.split(/\s+/u),
);

/** A sentence of a document with its weighted terms. */
interface Sentence {
  start: number;
  end: number;
  /** Term → count. */
  terms: Map<string, number>;
}

/** The sentences of one text; kept per document version because claims are matched one after another. */
interface Segmented {
  key: string;
  sentences: Sentence[];
}

const CACHE_SIZE = 16;
const cache = new Map<string, Segmented>();

/** Lower-case content words of a span of text, lightly stemmed so "excluded" meets "excludes". */
export function terms(text: string, from = 0, to = text.length): Map<string, number> {
  const out = new Map<string, number>();
  for (const form of wordsOf(text, from, to).forms) {
    if (STOP.has(form) || (form.length < 2 && !/\d/u.test(form))) continue;
    const t = stem(form);
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

/**
 * A few English suffixes, removed only from longer words so that short ones
 * stay recognisable; a final "e" goes too, so that "excludes", "excluded"
 * and "excluding" all become "exclud".
 */
export function stem(w: string): string {
  if (/\d/u.test(w)) return w;
  let s = w;
  if (s.length > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length > 4 && /(?:ss|x|ch|sh)es$/u.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !/(?:ss|us|is)$/u.test(s)) s = s.slice(0, -1);
  if (s.length > 4 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

/** The sentences of a document, from the cache when its text has not changed. */
function segment(id: string, text: string, version: string): Segmented {
  const key = `${id}\u0000${version}\u0000${text.length}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const s: Segmented = { key, sentences: sentences(text).map((sp) => ({ start: sp.start, end: sp.end, terms: terms(text, sp.start, sp.end) })) };
  cache.set(key, s);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return s;
}

/** A compared document as claim matching sees it. */
export interface MatchDocument {
  id: string;
  text: string;
  /** Changes whenever the text does (the content hash); keys the sentence cache. */
  version: string;
  /** Mentions linked to registry entities. */
  mentions: readonly { ranges: readonly TextRange[]; entityId: string }[];
  /** Claim annotations, with the propositions they are linked to. */
  claims: readonly { annotationId: string; ranges: readonly TextRange[]; propositionIds: readonly string[] }[];
}

export interface ClaimQuery {
  documentId: string;
  /** The claim's text (its quote). */
  text: string;
  /** Entities the claim mentions. */
  entityIds: ReadonlySet<string>;
}

/**
 * Ranks the sentences of every compared document except the claim's own;
 * returns the best `limit` of each document with a score above zero, best first.
 */
export function matchClaim(query: ClaimQuery, documents: readonly MatchDocument[], limit: number): ClaimCandidate[] {
  const segmented = documents.map((d) => segment(d.id, d.text, d.version));
  // Document frequency over the sentences of all compared documents.
  const df = new Map<string, number>();
  let n = 0;
  for (const s of segmented) {
    for (const sentence of s.sentences) {
      n++;
      for (const t of sentence.terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const weigh = (tf: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * idf(t);
      v.set(t, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) };
  };
  const q = weigh(terms(query.text));
  const out: ClaimCandidate[] = [];
  documents.forEach((d, di) => {
    if (d.id === query.documentId) return;
    const mentions = d.mentions.filter((m) => query.entityIds.has(m.entityId));
    const ranked: { s: Sentence; score: number; lexical: number; shared: string[] }[] = [];
    // Keyword lines and reference lists share words with any claim but say nothing: left out of the ranking.
    const boilerplate = boilerplateRanges(d.text);
    for (const s of segmented[di]!.sentences) {
      if (inRanges(boilerplate, s.start, s.end) || isHeadingLine(d.text, s.start, s.end)) continue;
      let lexical = 0;
      if (q.norm > 0 && [...s.terms.keys()].some((t) => q.v.has(t))) {
        const sv = weigh(s.terms);
        let dot = 0;
        for (const [t, w] of sv.v) dot += w * (q.v.get(t) ?? 0);
        lexical = sv.norm > 0 ? dot / (q.norm * sv.norm) : 0;
      }
      const shared = sharedEntities(mentions, s);
      const lexicalScore = lexical * Math.sqrt(Math.min(1, s.terms.size / SHORT_SENTENCE));
      const score = query.entityIds.size ? (1 - ENTITY_WEIGHT) * lexicalScore + ENTITY_WEIGHT * (shared.length / query.entityIds.size) : lexicalScore;
      if (score > 0) ranked.push({ s, score, lexical, shared });
    }
    ranked.sort((a, b) => b.score - a.score || a.s.start - b.s.start);
    for (const { s, score, lexical, shared } of ranked.slice(0, limit)) {
      const claims = d.claims.filter((c) => c.ranges.some((r) => r.start < s.end && s.start < r.end));
      out.push({
        document: d.id,
        start: s.start,
        end: s.end,
        text: d.text.slice(s.start, s.end),
        score: round(score),
        lexical: round(lexical),
        sharedEntityIds: shared,
        annotationIds: claims.map((c) => c.annotationId),
        propositionIds: [...new Set(claims.flatMap((c) => c.propositionIds))],
      });
    }
  });
  const column = new Map(documents.map((d, i) => [d.id, i]));
  return out.sort((a, b) => b.score - a.score || column.get(a.document)! - column.get(b.document)! || a.start - b.start);
}

/** Entities of `mentions` (already only the claim's) mentioned in the sentence. */
function sharedEntities(mentions: MatchDocument['mentions'], s: Sentence): string[] {
  const found = new Set<string>();
  for (const m of mentions) if (m.ranges.some((r) => r.start < s.end && s.start < r.end)) found.add(m.entityId);
  return [...found].sort();
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
