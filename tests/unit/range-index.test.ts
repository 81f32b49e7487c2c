import { Mapping, StepMap } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { RangeIndex } from '../../renderer/src/reader/rangeIndex.ts';
import { mulberry32 } from '../bench/generate.ts';

// The reader's index of every highlighted range, checked against a plain list.
type Entry = { from: number; to: number; owner: number };

function collect(index: RangeIndex, lo: number, hi: number, strict = false): Entry[] {
  const out: Entry[] = [];
  index.forEach(lo, hi, (from, to, owner) => out.push({ from, to, owner }), strict);
  return out;
}

function all(index: RangeIndex): Entry[] {
  const out: Entry[] = [];
  index.forAll((from, to, owner) => out.push({ from, to, owner }));
  return out;
}

const key = (e: Entry) => `${e.from}-${e.to}:${e.owner}`;
const sorted = (es: Entry[]) => es.map(key).sort();

describe('RangeIndex', () => {
  it('finds the ranges touching or overlapping a span, as a scan of a plain list does', () => {
    const rng = mulberry32(3);
    const list: Entry[] = [];
    const index = new RangeIndex(2); // small: it has to grow
    for (let i = 0; i < 2000; i++) {
      const from = Math.floor(rng() * 10_000);
      // Mostly short, a few long (they widen every search).
      const len = rng() < 0.02 ? 500 + Math.floor(rng() * 3000) : 1 + Math.floor(rng() * 20);
      list.push({ from, to: from + len, owner: i });
      index.insert(from, from + len, i);
    }
    expect(index.size).toBe(2000);
    for (let q = 0; q < 300; q++) {
      const lo = Math.floor(rng() * 10_500) - 200;
      const hi = lo + Math.floor(rng() * 300);
      const touching = list.filter((e) => e.from <= hi && e.to >= lo);
      const overlapping = list.filter((e) => e.from < hi && e.to > lo);
      expect(sorted(collect(index, lo, hi))).toEqual(sorted(touching));
      expect(sorted(collect(index, lo, hi, true))).toEqual(sorted(overlapping));
    }
    // In order of start.
    const starts = all(index).map((e) => e.from);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('removes exactly the range asked for, and ignores empty ranges', () => {
    const index = new RangeIndex();
    index.insert(10, 20, 1);
    index.insert(10, 20, 2);
    index.insert(10, 15, 3);
    index.insert(5, 5, 4);
    expect(index.size).toBe(3);
    expect(index.remove(10, 20, 2)).toBe(true);
    expect(index.remove(10, 20, 2)).toBe(false);
    expect(index.remove(10, 16, 3)).toBe(false);
    expect(sorted(all(index))).toEqual(['10-15:3', '10-20:1']);
    expect(collect(index, 16, 18).map((e) => e.owner)).toEqual([1]);
  });

  it('builds from unsorted arrays as inserting one by one does', () => {
    const rng = mulberry32(9);
    const n = 500;
    const from = Array.from({ length: n }, () => Math.floor(rng() * 1000));
    const to = from.map((f) => f + Math.floor(rng() * 10)); // some empty
    const owner = from.map((_, i) => i);
    const built = RangeIndex.of(from, to, owner);
    const one = new RangeIndex();
    for (let i = 0; i < n; i++) one.insert(from[i]!, to[i]!, owner[i]!);
    expect(built.size).toBe(one.size);
    expect(built.size).toBe(to.filter((t, i) => t > from[i]!).length);
    expect(sorted(all(built))).toEqual(sorted(all(one)));
    expect(sorted(collect(built, 300, 320))).toEqual(sorted(collect(one, 300, 320)));
  });

  it('maps through a document change as ProseMirror maps inline decorations', () => {
    const index = new RangeIndex();
    index.insert(10, 20, 1); // text inserted at 10: stays after it
    index.insert(0, 10, 2); // …and at its end: stays before it
    index.insert(30, 35, 3); // deleted with 28–40
    index.insert(25, 45, 4); // shrinks
    index.insert(50, 60, 5); // moves
    // Insert 3 at 10, then delete 28–40 (positions after the insertion: 31–43).
    const mapping = new Mapping([new StepMap([10, 0, 3]), new StepMap([31, 12, 0])]);
    const mapped = index.map(mapping);
    expect(index.size).toBe(5); // the original is left as it was
    expect(sorted(all(mapped))).toEqual(sorted([
      { from: 13, to: 23, owner: 1 },
      { from: 0, to: 10, owner: 2 },
      { from: 28, to: 36, owner: 4 },
      { from: 41, to: 51, owner: 5 },
    ]));
    const starts = all(mapped).map((e) => e.from);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(collect(mapped, 30, 30).map((e) => e.owner)).toEqual([4]);
  });
});
