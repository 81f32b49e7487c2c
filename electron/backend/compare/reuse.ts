// Reused passages: text that appears verbatim or nearly so in two or more
// documents (news outlets reuse wire copy and press statements).
//
// Texts are compared as sequences of folded words (words.ts), so case,
// spacing, punctuation and quote styles never count. Shared word 5-grams
// (hashed) seed candidate alignments; each seed is extended both ways
// through small edits (a changed, added or dropped word) and kept when it
// spans at least `minWords` words on each side with a word-level similarity
// of at least `minSimilarity`. Pairwise passages whose ranges in a document
// mostly overlap are then merged, so a paragraph reused by three outlets is
// one passage with three occurrences.

import type { ReusedPassage } from '../../../shared/index.ts';
import { wordsOf, type Words } from './words.ts';

export interface ReuseOptions {
  /** Words per shingle (seed). */
  shingle?: number;
  /** The shortest passage reported, in words, on each side. */
  minWords?: number;
  /** Dice similarity over aligned words, in (0, 1]. */
  minSimilarity?: number;
  /** The most words skipped on each side to get past one edit. */
  maxGap?: number;
}

export const REUSE_DEFAULTS: Required<ReuseOptions> = { shingle: 5, minWords: 8, minSimilarity: 0.8, maxGap: 3 };

/** Words that must match after an edit before the alignment continues. */
const RESYNC = 2;
/** How far (in matched words) the running score may fall below its best before an extension stops. */
const X_DROP = 10;
/** Shingles more frequent than this in one document (boilerplate) seed nothing. */
const MAX_SEED_FREQUENCY = 32;

export interface ReuseDocument {
  id: string;
  text: string;
  /** Changes whenever the text does (the content hash). When every document has one, results are cached. */
  version?: string;
}

/** Results for recent sets of documents: the compare view asks again after every edit, and texts rarely change. */
const cache = new Map<string, ReusedPassage[]>();
const CACHE_SIZE = 8;

/** A document's words as vocabulary ids, with the index of its shingles. */
interface Prepared {
  id: string;
  text: string;
  words: Words;
  ids: Int32Array;
  /** Shingle hash → word positions where it starts. */
  shingles: Map<number, number[]>;
}

/** One aligned passage between two documents, in word positions. */
interface PairPassage {
  a: number;
  b: number;
  /** `[a0, a1)` in document a, `[b0, b1)` in document b. */
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  similarity: number;
}

/**
 * Finds passages shared by two or more of the documents. Each passage has at
 * most one occurrence per document, documents in the given order; passages
 * are ordered by where they first occur.
 */
export function findReusedPassages(docs: readonly ReuseDocument[], options: ReuseOptions = {}): ReusedPassage[] {
  const o = { ...REUSE_DEFAULTS, ...options };
  const key = docs.every((d) => d.version !== undefined) ? JSON.stringify([o, docs.map((d) => [d.id, d.version, d.text.length])]) : undefined;
  const hit = key === undefined ? undefined : cache.get(key);
  if (key !== undefined && hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return structuredClone(hit);
  }
  const passages = computeReusedPassages(docs, o);
  if (key !== undefined) {
    cache.set(key, structuredClone(passages));
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return passages;
}

function computeReusedPassages(docs: readonly ReuseDocument[], o: Required<ReuseOptions>): ReusedPassage[] {
  const vocabulary = new Map<string, number>();
  const prepared = docs.map((d) => prepare(d, vocabulary, o.shingle));
  const pairs: PairPassage[] = [];
  for (let a = 0; a < prepared.length; a++) {
    for (let b = a + 1; b < prepared.length; b++) for (const p of alignPair(prepared[a]!, prepared[b]!, a, b, o)) pairs.push(p);
  }
  return groupPassages(prepared, pairs);
}

function prepare(doc: ReuseDocument, vocabulary: Map<string, number>, k: number): Prepared {
  const words = wordsOf(doc.text);
  const ids = new Int32Array(words.forms.length);
  words.forms.forEach((f, i) => {
    let id = vocabulary.get(f);
    if (id === undefined) vocabulary.set(f, (id = vocabulary.size + 1));
    ids[i] = id;
  });
  const shingles = new Map<number, number[]>();
  for (let i = 0; i + k <= ids.length; i++) {
    const h = shingleHash(ids, i, k);
    const list = shingles.get(h);
    if (list) list.push(i);
    else shingles.set(h, [i]);
  }
  return { id: doc.id, text: doc.text, words, ids, shingles };
}

/** FNV-1a over the word ids of one shingle; collisions are checked word by word. */
function shingleHash(ids: Int32Array, i: number, k: number): number {
  let h = 0x811c9dc5;
  for (let t = 0; t < k; t++) h = Math.imul(h ^ ids[i + t]!, 16777619);
  return h;
}

function sameWords(a: Int32Array, i: number, b: Int32Array, j: number, k: number): boolean {
  for (let t = 0; t < k; t++) if (a[i + t] !== b[j + t]) return false;
  return true;
}

/** A region of the alignment plane already explored: seeds inside it start nothing new. */
interface Box {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

function alignPair(A: Prepared, B: Prepared, a: number, b: number, o: Required<ReuseOptions>): PairPassage[] {
  const out: PairPassage[] = [];
  const explored: Box[] = [];
  // Scoring that makes "running score ≥ 0" the same as "similarity ≥ minSimilarity":
  // with m matched and u unmatched words, Dice = 2m / (2m + u) ≥ s ⟺ m − u·s / (2 − 2s) ≥ 0.
  const s = Math.min(o.minSimilarity, 0.99);
  const penalty = s / (2 - 2 * s);
  const k = o.shingle;
  const n = A.ids.length;
  for (let i = 0; i + k <= n; i++) {
    const h = shingleHash(A.ids, i, k);
    const hits = B.shingles.get(h);
    if (!hits || hits.length > MAX_SEED_FREQUENCY || A.shingles.get(h)!.length > MAX_SEED_FREQUENCY) continue;
    // Boxes that end before this seed can never hold a later one.
    for (let x = explored.length - 1; x >= 0; x--) if (explored[x]!.a1 <= i) explored.splice(x, 1);
    for (const j of hits) {
      if (explored.some((x) => i >= x.a0 && i < x.a1 && j >= x.b0 && j < x.b1)) continue;
      if (!sameWords(A.ids, i, B.ids, j, k)) continue;
      const fwd = extend(A.ids, B.ids, i, j, 1, penalty, o.maxGap);
      const back = extend(A.ids, B.ids, i, j, -1, penalty, o.maxGap);
      const box = { a0: i - back.ta, a1: i + fwd.ta, b0: j - back.tb, b1: j + fwd.tb };
      explored.push(box);
      const lenA = box.a1 - box.a0;
      const lenB = box.b1 - box.b0;
      const matched = fwd.m + back.m;
      const similarity = (2 * matched) / (lenA + lenB);
      if (lenA >= o.minWords && lenB >= o.minWords && similarity >= o.minSimilarity - 1e-9) {
        out.push({ a, b, ...box, similarity });
      }
    }
  }
  return out;
}

/** Offsets tried to get past an edit: fewest skipped words first, substitutions before insertions. */
function gapSteps(maxGap: number): [number, number][] {
  const steps: [number, number][] = [];
  for (let da = 0; da <= maxGap; da++) for (let db = 0; db <= maxGap; db++) if (da + db > 0) steps.push([da, db]);
  return steps.sort((x, y) => x[0] + x[1] - (y[0] + y[1]) || Math.abs(x[0] - x[1]) - Math.abs(y[0] - y[1]));
}
const stepCache = new Map<number, [number, number][]>();

/**
 * Extends an alignment from `(i, j)` forward (`dir` 1: words i, i+1, …) or
 * backward (`dir` −1: words i−1, i−2, …), matching words and stepping over
 * small edits, and stops where the score (+1 per matched word, −penalty per
 * skipped word) was best. Returns the words consumed on each side and how
 * many matched.
 */
function extend(A: Int32Array, B: Int32Array, i: number, j: number, dir: 1 | -1, penalty: number, maxGap: number): { ta: number; tb: number; m: number } {
  const nA = dir > 0 ? A.length - i : i;
  const nB = dir > 0 ? B.length - j : j;
  const at = (arr: Int32Array, base: number, t: number): number => (dir > 0 ? arr[base + t]! : arr[base - 1 - t]!);
  let steps = stepCache.get(maxGap);
  if (!steps) stepCache.set(maxGap, (steps = gapSteps(maxGap)));
  let ta = 0;
  let tb = 0;
  let m = 0;
  let score = 0;
  let best = { ta: 0, tb: 0, m: 0, score: 0 };
  while (ta < nA && tb < nB) {
    if (at(A, i, ta) === at(B, j, tb)) {
      ta++;
      tb++;
      m++;
      score++;
      if (score > best.score) best = { ta, tb, m, score };
      continue;
    }
    let step: [number, number] | undefined;
    for (const [da, db] of steps) {
      if (ta + da + RESYNC > nA || tb + db + RESYNC > nB) continue;
      let ok = true;
      for (let r = 0; r < RESYNC && ok; r++) ok = at(A, i, ta + da + r) === at(B, j, tb + db + r);
      if (ok) {
        step = [da, db];
        break;
      }
    }
    if (!step) break;
    ta += step[0];
    tb += step[1];
    score -= penalty * (step[0] + step[1]);
    if (best.score - score > X_DROP) break;
  }
  return { ta: best.ta, tb: best.tb, m: best.m };
}

/** An occurrence in word positions while passages are grouped. */
interface Node {
  doc: number;
  w0: number;
  w1: number;
}

/** Merges pairwise passages that share an occurrence (mostly overlapping ranges) in some document into one passage. */
function groupPassages(docs: readonly Prepared[], pairs: readonly PairPassage[]): ReusedPassage[] {
  const nodes: Node[] = [];
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const union = (x: number, y: number): void => {
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry);
  };
  for (const p of pairs) {
    const x = nodes.push({ doc: p.a, w0: p.a0, w1: p.a1 }) - 1;
    const y = nodes.push({ doc: p.b, w0: p.b0, w1: p.b1 }) - 1;
    parent.push(x, y);
    union(x, y);
  }
  // Occurrences that mostly overlap in one document are the same passage there. "Mostly"
  // (half of the longer one) keeps a chain of neighbouring passages from becoming one.
  const order = nodes.map((_, i) => i).sort((x, y) => nodes[x]!.doc - nodes[y]!.doc || nodes[x]!.w0 - nodes[y]!.w0);
  let active: number[] = [];
  for (const x of order) {
    const nd = nodes[x]!;
    active = active.filter((y) => nodes[y]!.doc === nd.doc && nodes[y]!.w1 > nd.w0);
    for (const y of active) {
      const other = nodes[y]!;
      const overlap = Math.min(nd.w1, other.w1) - nd.w0;
      if (overlap * 2 >= Math.max(nd.w1 - nd.w0, other.w1 - other.w0)) union(x, y);
    }
    active.push(x);
  }
  const groups = new Map<number, { nodes: Node[]; similarity: number }>();
  pairs.forEach((p, i) => {
    const root = find(2 * i);
    const g = groups.get(root) ?? { nodes: [], similarity: 1 };
    g.nodes.push(nodes[2 * i]!, nodes[2 * i + 1]!);
    g.similarity = Math.min(g.similarity, p.similarity);
    groups.set(root, g);
  });
  const passages: { first: Node; passage: Omit<ReusedPassage, 'id'> }[] = [];
  for (const g of groups.values()) {
    const perDoc = new Map<number, Node[]>();
    for (const nd of g.nodes) perDoc.set(nd.doc, [...(perDoc.get(nd.doc) ?? []), nd]);
    const occurrences: Node[] = [];
    for (const [doc, list] of [...perDoc.entries()].sort((x, y) => x[0] - y[0])) {
      // Overlapping ranges become their union; of disjoint ones (a passage repeated inside a document), the longest is kept.
      const merged: Node[] = [];
      for (const nd of [...list].sort((x, y) => x.w0 - y.w0)) {
        const last = merged[merged.length - 1];
        if (last && nd.w0 < last.w1) last.w1 = Math.max(last.w1, nd.w1);
        else merged.push({ doc, w0: nd.w0, w1: nd.w1 });
      }
      occurrences.push(merged.reduce((x, y) => (y.w1 - y.w0 > x.w1 - x.w0 ? y : x)));
    }
    if (occurrences.length < 2) continue;
    passages.push({
      first: occurrences[0]!,
      passage: {
        similarity: Math.round(g.similarity * 1000) / 1000,
        occurrences: occurrences.map((nd) => {
          const d = docs[nd.doc]!;
          const start = d.words.starts[nd.w0]!;
          const end = d.words.ends[nd.w1 - 1]!;
          return { document: d.id, start, end, quote: d.text.slice(start, end), words: nd.w1 - nd.w0 };
        }),
      },
    });
  }
  passages.sort((x, y) => x.first.doc - y.first.doc || x.first.w0 - y.first.w0);
  return passages.map((p, i) => ({ id: `p${i + 1}`, ...p.passage }));
}
