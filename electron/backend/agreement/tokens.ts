import type { CpSpan } from './input.ts';

/** A token: a run of letters, marks and digits, or any other single non-space character. */
const TOKEN = /[\p{L}\p{M}\p{N}]+|\S/gu;

/** Token boundaries in code points, in text order. */
export interface Tokens {
  starts: Int32Array;
  ends: Int32Array;
}

/** The tokens of a text: the matches of `/[\p{L}\p{M}\p{N}]+|\S/gu`, as code point offsets through `cp`. */
export function tokenize(text: string, cp: Int32Array): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    starts.push(cp[m.index]!);
    ends.push(cp[m.index + m[0].length]!);
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Each token's value in one layer: the code of the label of the longest span
 * overlapping the token (length = the sum of its fragments; ties: the earlier
 * start, then the label name), or `outside` where no span overlaps it.
 * Written into `out` from `offset`. Each span visits only the tokens it
 * overlaps (found by binary search), so this is linear in the tokens covered.
 */
export function tokenValues(tokens: Tokens, spans: readonly CpSpan[], code: (label: string) => number, outside: number, out: Int32Array, offset: number): void {
  const n = tokens.starts.length;
  const best = new Int32Array(n).fill(-1);
  spans.forEach((s, si) => {
    for (const f of s.fragments) {
      // First token that ends after the fragment starts.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (tokens.ends[mid]! <= f.start) lo = mid + 1;
        else hi = mid;
      }
      for (let t = lo; t < n && tokens.starts[t]! < f.end; t++) {
        const cur = best[t]!;
        if (cur === -1 || better(s, spans[cur]!)) best[t] = si;
      }
    }
  });
  for (let t = 0; t < n; t++) out[offset + t] = best[t] === -1 ? outside : code(spans[best[t]!]!.label);
}

function better(a: CpSpan, b: CpSpan): boolean {
  if (a.length !== b.length) return a.length > b.length;
  if (a.start !== b.start) return a.start < b.start;
  return a.label < b.label;
}
