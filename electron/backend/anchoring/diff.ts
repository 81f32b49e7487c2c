import DiffMatchPatch from 'diff-match-patch';

/** A run of characters equal in both texts: `old[oldStart, oldStart+length)` is `new[newStart, newStart+length)`. */
export interface EqualRun {
  oldStart: number;
  newStart: number;
  length: number;
}

/**
 * Seconds a chunk's character diff may take before diff-match-patch settles
 * for a coarser (still exact) edit script. Chunks are small (the paragraphs
 * between two unchanged ones), so this bounds only pathological rewrites.
 */
const CHUNK_DIFF_TIMEOUT = 2;

/**
 * The runs of text that are equal in `oldText` and `newText`, in order,
 * character-accurate. Two levels, as patience diff does: paragraphs (lines)
 * that occur exactly once in each text and keep their order are fixed
 * points (the longest increasing subsequence of their positions), so a moved
 * paragraph is seen as deleted in one place and inserted in another rather
 * than dragging every paragraph it jumped over with it; between two fixed
 * points the text is diffed character by character with diff-match-patch.
 * Every run is exact: whatever the diff decides, an equal run is the same
 * characters in both texts.
 */
export function equalRuns(oldText: string, newText: string): EqualRun[] {
  const oldLines = linesOf(oldText);
  const newLines = linesOf(newText);
  const anchors = fixedLines(oldText, oldLines, newText, newLines);
  const runs: EqualRun[] = [];
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = CHUNK_DIFF_TIMEOUT;
  let o = 0;
  let n = 0;
  const chunk = (oEnd: number, nEnd: number) => {
    if (o < oEnd && n < nEnd) diffChunk(dmp, oldText, o, oEnd, newText, n, nEnd, runs);
  };
  for (const [i, j] of anchors) {
    const ol = oldLines[i]!;
    const nl = newLines[j]!;
    chunk(ol.start, nl.start);
    push(runs, { oldStart: ol.start, newStart: nl.start, length: ol.end - ol.start });
    o = ol.end;
    n = nl.end;
  }
  chunk(oldText.length, newText.length);
  return runs;
}

interface Line {
  start: number;
  end: number;
}

/** Lines with their newline, so that the lines of a text cover it exactly. */
function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl + 1;
    out.push({ start, end });
    start = end;
  }
  return out;
}

/**
 * Pairs `[oldLine, newLine]` of lines that occur once in each text, keeping
 * the most of them in the same order and, among equally many, the most text
 * (so when two paragraphs swap places, the shorter one is the one that moved).
 * Blank lines and other repeated lines never anchor: they say nothing about
 * where the text went.
 */
function fixedLines(oldText: string, oldLines: Line[], newText: string, newLines: Line[]): [number, number][] {
  const count = new Map<string, { old: number; neu: number; oi: number; ni: number }>();
  oldLines.forEach((l, i) => {
    const key = oldText.slice(l.start, l.end);
    const c = count.get(key);
    if (c) c.old++;
    else count.set(key, { old: 1, neu: 0, oi: i, ni: -1 });
  });
  newLines.forEach((l, j) => {
    const c = count.get(newText.slice(l.start, l.end));
    if (c) {
      c.neu++;
      c.ni = j;
    }
  });
  const pairs: [number, number][] = [];
  for (const [key, c] of count) if (c.old === 1 && c.neu === 1 && key.trim() !== '') pairs.push([c.oi, c.ni]);
  pairs.sort((a, b) => a[0] - b[0]);
  return heaviestIncreasing(pairs, (p) => oldLines[p[0]]!.end - oldLines[p[0]]!.start, newLines.length);
}

/**
 * The subsequence of pairs (sorted by the first member) whose second members
 * increase, with the most pairs and then the greatest total weight: a
 * Fenwick tree of prefix maxima over the second members, O(n log n).
 */
function heaviestIncreasing(pairs: [number, number][], weight: (p: [number, number]) => number, size: number): [number, number][] {
  // Score: pairs first, weight (text length, below 1e9) second; exact in a double up to 9e6 pairs.
  const best = new Float64Array(size + 1);
  const from = new Int32Array(size + 1).fill(-1);
  const prev = new Int32Array(pairs.length).fill(-1);
  const score = new Float64Array(pairs.length);
  let top = -1;
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k]![1];
    let b = 0;
    let bk = -1;
    for (let i = j; i > 0; i -= i & -i) {
      if (best[i]! > b) {
        b = best[i]!;
        bk = from[i]!;
      }
    }
    score[k] = b + 1e9 + Math.min(weight(pairs[k]!), 1e9 - 1);
    prev[k] = bk;
    for (let i = j + 1; i <= size; i += i & -i) {
      if (score[k]! > best[i]!) {
        best[i] = score[k]!;
        from[i] = k;
      }
    }
    if (top === -1 || score[k]! > score[top]!) top = k;
  }
  const out: [number, number][] = [];
  for (let k = top; k !== -1; k = prev[k]!) out.push(pairs[k]!);
  return out.reverse();
}

/** Character diff of `old[o0, o1)` against `new[n0, n1)`, appending its equal runs. */
function diffChunk(dmp: DiffMatchPatch, oldText: string, o0: number, o1: number, newText: string, n0: number, n1: number, runs: EqualRun[]): void {
  let o = o0;
  let n = n0;
  // Line mode first for long chunks: whole unchanged lines are found cheaply, then changed lines are diffed by character.
  const a = oldText.slice(o0, o1);
  const b = newText.slice(n0, n1);
  for (const [op, text] of dmp.diff_main(a, b, a.length > 10_000 || b.length > 10_000)) {
    if (op === 0) {
      push(runs, { oldStart: o, newStart: n, length: text.length });
      o += text.length;
      n += text.length;
    } else if (op === -1) o += text.length;
    else n += text.length;
  }
}

/** Appends a run, merging it with the previous one when they touch in both texts. */
function push(runs: EqualRun[], r: EqualRun): void {
  if (r.length <= 0) return;
  const last = runs[runs.length - 1];
  if (last && last.oldStart + last.length === r.oldStart && last.newStart + last.length === r.newStart) last.length += r.length;
  else runs.push({ ...r });
}
