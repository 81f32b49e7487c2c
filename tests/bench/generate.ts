// Benchmark data, generated from a fixed seed: the same seed always gives the
// same document, annotations, articles and queries, in Node and in the
// browser alike (no Node or DOM imports here).
import { DEFAULT_NEWS_TAGSET, type Block, type Label, type TextRange } from '../../shared/index.ts';

/** The seed every benchmark run uses unless told otherwise. */
export const BENCH_SEED = 20260806;

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed derived from a base seed and a stream number, so that streams do not share state. */
export function subSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function int(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A version-4-shaped UUID from the PRNG (the API validates ids as UUIDs). */
export function seededUuid(rng: () => number): string {
  const h = () => Math.floor(rng() * 4294967296).toString(16).padStart(8, '0');
  const [a, b, c, d] = [h(), h(), h(), h()];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[parseInt(c[0]!, 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** The default news tagset with fixed ids, as the benchmark's labels. */
export const BENCH_LABELS: Label[] = DEFAULT_NEWS_TAGSET.map((l, i) => ({ ...l, id: `bench-label-${i + 1}` }));

// ---------------------------------------------------------------------------
// Vocabulary: pseudo-words drawn with a Zipf distribution, as words are in prose.

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'dr', 'gr', 'pl', 'pr', 'sh', 'st', 'th', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'rk'];

/** Number of distinct words. */
export const VOCABULARY_SIZE = 6000;

export interface Vocabulary {
  words: string[];
  /** Cumulative Zipf weights, for sampling by binary search. */
  cumulative: Float64Array;
}

let vocabulary: Vocabulary | undefined;

/** The one vocabulary (it depends on no seed, so every generated text shares it). */
export function getVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary;
  const rng = mulberry32(0x5eed);
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < VOCABULARY_SIZE) {
    // Frequent words are short, as in real text.
    const syllables = words.length < 60 ? int(rng, 1, 2) : int(rng, 1, 4);
    let w = '';
    for (let s = 0; s < syllables; s++) w += ONSETS[int(rng, 0, ONSETS.length - 1)]! + VOWELS[int(rng, 0, VOWELS.length - 1)]!;
    w += CODAS[int(rng, 0, CODAS.length - 1)]!;
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  const cumulative = new Float64Array(VOCABULARY_SIZE);
  let sum = 0;
  for (let i = 0; i < VOCABULARY_SIZE; i++) cumulative[i] = sum += 1 / (i + 2.7);
  for (let i = 0; i < VOCABULARY_SIZE; i++) cumulative[i]! /= sum;
  vocabulary = { words, cumulative };
  return vocabulary;
}

/** Index of a word drawn with Zipf weights. */
export function sampleWordIndex(rng: () => number, v: Vocabulary = getVocabulary()): number {
  const x = rng();
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Appends sentences of Zipf-distributed words to `out` until about `target`
 * characters are written; records each word's [start, end) in `words`.
 */
function writeProse(rng: () => number, target: number, out: { text: string[]; length: number }, words?: number[]): void {
  const v = getVocabulary();
  const start = out.length;
  while (out.length - start < target) {
    const n = int(rng, 6, 22);
    for (let i = 0; i < n; i++) {
      if (out.length > start) {
        out.text.push(' ');
        out.length += 1;
      }
      let w = v.words[sampleWordIndex(rng, v)]!;
      if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
      words?.push(out.length, out.length + w.length);
      out.text.push(w);
      out.length += w.length;
      const punct = i === n - 1 ? '.' : rng() < 0.07 ? ',' : '';
      if (punct) {
        out.text.push(punct);
        out.length += 1;
      }
      if (out.length - start >= target + 40) break;
    }
  }
}

// ---------------------------------------------------------------------------
// The reader's document: about 1 MB in about 5,000 paragraphs.

export interface BenchDocument {
  text: string;
  blocks: Block[];
  /** Word boundaries: [start0, end0, start1, end1, …] in UTF-16 offsets. */
  words: Int32Array;
  /** Paragraph (block index) of each word. */
  wordBlock: Int32Array;
}

export interface DocumentOptions {
  paragraphs?: number;
  /** Characters of the whole text, separators included. */
  chars?: number;
}

/** The benchmark's long document: `paragraphs` paragraphs, `chars` characters of plain ASCII prose (so as many bytes). */
export function generateDocument(seed = BENCH_SEED, options: DocumentOptions = {}): BenchDocument {
  const paragraphs = options.paragraphs ?? 5000;
  const chars = options.chars ?? 1_000_000;
  const rng = mulberry32(subSeed(seed, 1));
  const out = { text: [] as string[], length: 0 };
  const blocks: Block[] = [];
  const words: number[] = [];
  const wordBlock: number[] = [];
  for (let p = 0; p < paragraphs; p++) {
    if (p > 0) {
      out.text.push('\n\n');
      out.length += 2;
    }
    // Aim each paragraph at what is left, so the total lands close to `chars`.
    const remaining = chars - out.length - 2 * (paragraphs - p - 1);
    const mean = remaining / (paragraphs - p);
    const target = Math.max(40, Math.round(mean * (0.5 + rng())) - 20);
    const start = out.length;
    const before = words.length;
    writeProse(rng, target, out, words);
    for (let i = before; i < words.length; i += 2) wordBlock.push(p);
    blocks.push({ type: 'paragraph', start, end: out.length });
  }
  return { text: out.text.join(''), blocks, words: Int32Array.from(words), wordBlock: Int32Array.from(wordBlock) };
}

// ---------------------------------------------------------------------------
// Annotations on the document.

export type AnnotationKind = 'single' | 'pair' | 'stack' | 'extra';

export interface BenchAnnotation {
  id: string;
  labelId: string;
  ranges: TextRange[];
  kind: AnnotationKind;
}

export interface AnnotationOptions {
  /** Overlapping pairs among the first 10,000 (two annotations sharing a word, neither inside the other). */
  pairs?: number;
  /** Annotations stacked on one word. */
  stack?: number;
  /** How many annotations have their own words (no overlap with any other); the rest overlap at random. */
  structured?: number;
}

/**
 * `count` annotations on `doc`. The first `structured` (10,000) sit on words
 * of their own, except for `pairs` overlapping pairs and one stack of `stack`
 * annotations on a single word; the same seed gives the same first 10,000
 * whatever `count` is. Annotations past those are spans of one to three words
 * at random places, free to overlap anything (the dense case: 100,000).
 */
export function generateAnnotations(doc: BenchDocument, count: number, seed = BENCH_SEED, options: AnnotationOptions = {}): BenchAnnotation[] {
  const pairs = options.pairs ?? 1000;
  const stack = options.stack ?? 20;
  const structured = Math.min(count, options.structured ?? 10_000);
  const rng = mulberry32(subSeed(seed, 2));
  const wordCount = doc.wordBlock.length;
  const label = () => BENCH_LABELS[int(rng, 0, BENCH_LABELS.length - 1)]!.id;
  const span = (first: number, last: number): TextRange => ({ start: doc.words[2 * first]!, end: doc.words[2 * last + 1]! });

  // Sites: one stack, the pairs, and singles, in a shuffled order along the text.
  const singles = Math.max(0, structured - stack - 2 * pairs);
  const kinds: AnnotationKind[] = [...Array<AnnotationKind>(pairs).fill('pair'), ...Array<AnnotationKind>(singles).fill('single')];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }
  if (structured >= stack && stack > 0) kinds.splice(int(rng, 0, kinds.length), 0, 'stack');
  const wordsOf = (k: AnnotationKind) => (k === 'pair' ? 3 : k === 'stack' ? 1 : int(rng, 1, 3));
  const slot = Math.floor(wordCount / Math.max(1, kinds.length));

  const out: BenchAnnotation[] = [];
  kinds.forEach((kind, k) => {
    // Each site gets its own slice of the text; it starts at a random word of it, within one paragraph.
    const n = wordsOf(kind);
    let first = k * slot + int(rng, 0, Math.max(0, slot - 2 * n));
    if (doc.wordBlock[first] !== doc.wordBlock[first + n - 1]) {
      // Crosses a paragraph end: move to the start of the next paragraph (at most n - 1 words on, still within the slot).
      while (doc.wordBlock[first] === doc.wordBlock[first - 1]) first++;
    }
    const last = first + n - 1;
    if (kind === 'pair') {
      out.push({ id: seededUuid(rng), labelId: label(), ranges: [span(first, first + 1)], kind });
      out.push({ id: seededUuid(rng), labelId: label(), ranges: [span(first + 1, last)], kind });
    } else if (kind === 'stack') {
      for (let s = 0; s < stack; s++) out.push({ id: seededUuid(rng), labelId: BENCH_LABELS[s % BENCH_LABELS.length]!.id, ranges: [span(first, first)], kind });
    } else {
      out.push({ id: seededUuid(rng), labelId: label(), ranges: [span(first, last)], kind });
    }
  });

  const extra = mulberry32(subSeed(seed, 3));
  while (out.length < count) {
    const n = int(extra, 1, 3);
    let first = int(extra, 0, wordCount - n);
    while (doc.wordBlock[first] !== doc.wordBlock[first + n - 1]) first--;
    out.push({ id: seededUuid(extra), labelId: BENCH_LABELS[int(extra, 0, BENCH_LABELS.length - 1)]!.id, ranges: [span(first, first + n - 1)], kind: 'extra' });
  }
  return out.slice(0, count);
}

/**
 * Where the timed additions go: `count` spans of one or two words, spread
 * evenly over the first `withinChars` characters (the whole document by
 * default) in reading order, each within one paragraph.
 */
export function generateAdditions(doc: BenchDocument, count: number, seed = BENCH_SEED, withinChars = doc.text.length): TextRange[] {
  const rng = mulberry32(subSeed(seed, 4));
  let lastWord = 0;
  while (lastWord < doc.wordBlock.length - 1 && doc.words[2 * lastWord]! < withinChars) lastWord++;
  const out: TextRange[] = [];
  for (let i = 0; i < count; i++) {
    const n = int(rng, 1, 2);
    let first = Math.floor(((i + rng()) / count) * (lastWord - n));
    while (first > 0 && doc.wordBlock[first] !== doc.wordBlock[first + n - 1]) first--;
    out.push({ start: doc.words[2 * first]!, end: doc.words[2 * (first + n - 1) + 1]! });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Articles for the import and full-text benchmarks.

export interface BenchArticle {
  name: string;
  /** Plain text: a title line, then paragraphs separated by blank lines. */
  text: string;
}

/** Article number `index`: about `chars` (3,000) characters of plain text. Any article can be made on its own. */
export function generateArticle(seed: number, index: number, chars = 3000): BenchArticle {
  const rng = mulberry32(subSeed(seed, 1000 + index));
  const v = getVocabulary();
  const titleWords = Array.from({ length: int(rng, 4, 9) }, () => v.words[sampleWordIndex(rng, v)]!);
  const title = titleWords.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  const out = { text: [title] as string[], length: title.length };
  while (out.length < chars - 60) {
    out.text.push('\n\n');
    out.length += 2;
    writeProse(rng, Math.min(chars - out.length, int(rng, 150, 450)), out);
  }
  return { name: `article-${String(index).padStart(6, '0')}.txt`, text: out.text.join('') + '\n' };
}

export type QueryKind = 'term' | 'and' | 'phrase';

export interface BenchQuery {
  kind: QueryKind;
  /** As a user types it into the search box. */
  text: string;
}

/** Query terms skip this many of the most frequent words: the function words ("the", "of", "would") nobody searches for alone. */
export const COMMON_WORDS = 100;

/**
 * Full-text queries over the articles `0 … articles-1`: single terms, two
 * terms (ANDed) and quoted two- or three-word phrases taken from the
 * articles, so that every phrase is found at least once. Terms are drawn
 * log-uniformly by frequency rank from the vocabulary past its
 * `skipCommon` most frequent words: the commonest terms drawn still occur in
 * about 40% of the articles.
 */
export function generateQueries(seed: number, count: number, articles: number, skipCommon = COMMON_WORDS): BenchQuery[] {
  const rng = mulberry32(subSeed(seed, 5));
  const v = getVocabulary();
  // Log-uniform in the rank itself: as many terms from ranks 100–200 as from 1,000–2,000.
  const [lo, hi] = [Math.log(skipCommon), Math.log(v.words.length)];
  const term = () => v.words[Math.min(v.words.length - 1, Math.floor(Math.exp(lo + rng() * (hi - lo))))]!;
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind: QueryKind = (['term', 'and', 'phrase'] as const)[i % 3]!;
    if (kind === 'term') out.push({ kind, text: term() });
    else if (kind === 'and') out.push({ kind, text: `${term()} ${term()}` });
    else {
      const article = generateArticle(seed, int(rng, 0, articles - 1));
      const body = article.text.slice(article.text.indexOf('\n\n') + 2).toLowerCase().split(/[^a-z]+/).filter(Boolean);
      const n = int(rng, 2, 3);
      const at = int(rng, 0, body.length - n);
      out.push({ kind, text: `"${body.slice(at, at + n).join(' ')}"` });
    }
  }
  return out;
}
