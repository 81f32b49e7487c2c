import { describe, expect, it } from 'vitest';
import {
  BENCH_LABELS,
  BENCH_SEED,
  generateAdditions,
  generateAnnotations,
  generateArticle,
  generateDocument,
  generateQueries,
  mulberry32,
  type BenchAnnotation,
} from '../bench/generate.ts';

// The benchmark's data generator: correctness only (determinism and shape), no timings.
describe('benchmark data generator', () => {
  const doc = generateDocument(BENCH_SEED);
  const annotations = generateAnnotations(doc, 10_000, BENCH_SEED);

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const again = generateDocument(BENCH_SEED);
    expect(again.text).toBe(doc.text);
    expect(again.blocks).toEqual(doc.blocks);
    expect(generateAnnotations(again, 10_000, BENCH_SEED)).toEqual(annotations);
    expect(generateArticle(BENCH_SEED, 42)).toEqual(generateArticle(BENCH_SEED, 42));
    expect(generateQueries(BENCH_SEED, 30, 1000)).toEqual(generateQueries(BENCH_SEED, 30, 1000));
    expect(generateAdditions(doc, 200, BENCH_SEED)).toEqual(generateAdditions(again, 200, BENCH_SEED));
    expect(generateDocument(BENCH_SEED + 1).text).not.toBe(doc.text);
    const a = mulberry32(7);
    const b = mulberry32(7);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('makes a 1 MB document of about 5,000 paragraphs', () => {
    const bytes = new TextEncoder().encode(doc.text).length;
    expect(bytes).toBeGreaterThan(0.98e6);
    expect(bytes).toBeLessThan(1.02e6);
    expect(doc.blocks).toHaveLength(5000);
    let prev = -1;
    for (const b of doc.blocks) {
      expect(b.start).toBeGreaterThan(prev);
      expect(b.end).toBeGreaterThan(b.start);
      expect(doc.text.slice(b.start, b.end)).not.toMatch(/\n/);
      prev = b.end;
    }
  });

  it('puts 10,000 annotations on it: 1,000 overlapping pairs, a stack of 20 on one word, the rest apart', () => {
    expect(annotations).toHaveLength(10_000);
    expect(new Set(annotations.map((a) => a.id)).size).toBe(10_000);
    const labelIds = new Set(BENCH_LABELS.map((l) => l.id));
    const blockOf = (offset: number) => doc.blocks.findIndex((b) => b.start <= offset && offset <= b.end);
    for (const a of annotations) {
      expect(a.ranges).toHaveLength(1);
      const r = a.ranges[0]!;
      expect(labelIds.has(a.labelId)).toBe(true);
      // Whole words, within one paragraph.
      expect(doc.text.slice(r.start, r.end)).toMatch(/^[A-Za-z]+(?:[ ,.]+[A-Za-z]+)*$/);
      expect(blockOf(r.start)).toBe(blockOf(r.end));
    }

    const stack = annotations.filter((a) => a.kind === 'stack');
    expect(stack).toHaveLength(20);
    expect(new Set(stack.map((a) => `${a.ranges[0]!.start}-${a.ranges[0]!.end}`)).size).toBe(1);
    expect(doc.text.slice(stack[0]!.ranges[0]!.start, stack[0]!.ranges[0]!.end)).toMatch(/^[A-Za-z]+$/);

    // Overlap structure: sweep the sorted spans and group those that overlap.
    const sorted = [...annotations].sort((a, b) => a.ranges[0]!.start - b.ranges[0]!.start);
    const groups: BenchAnnotation[][] = [];
    let end = -1;
    for (const a of sorted) {
      if (a.ranges[0]!.start < end) groups[groups.length - 1]!.push(a);
      else groups.push([a]);
      end = Math.max(end, a.ranges[0]!.end);
    }
    const pairs = groups.filter((g) => g.length === 2);
    expect(pairs).toHaveLength(1000);
    for (const [a, b] of pairs as [BenchAnnotation, BenchAnnotation][]) {
      const [x, y] = [a.ranges[0]!, b.ranges[0]!];
      // Overlapping, neither inside the other.
      expect(x.start < y.start && y.start < x.end && x.end < y.end).toBe(true);
      expect(a.kind).toBe('pair');
    }
    expect(groups.filter((g) => g.length === 20)).toEqual([expect.arrayContaining(stack)]);
    expect(groups.filter((g) => g.length === 1)).toHaveLength(10_000 - 2000 - 20);
    expect(groups.every((g) => [1, 2, 20].includes(g.length))).toBe(true);
  });

  it('keeps the first 10,000 when asked for 100,000', () => {
    const many = generateAnnotations(doc, 100_000, BENCH_SEED);
    expect(many).toHaveLength(100_000);
    expect(many.slice(0, 10_000)).toEqual(annotations);
    expect(new Set(many.map((a) => a.id)).size).toBe(100_000);
  });

  it('makes articles of about 3 kB and queries of three kinds', () => {
    for (const i of [0, 1, 999]) {
      const a = generateArticle(BENCH_SEED, i);
      expect(a.text.length).toBeGreaterThan(2800);
      expect(a.text.length).toBeLessThan(3400);
      expect(a.name).toMatch(/^article-\d{6}\.txt$/);
    }
    const queries = generateQueries(BENCH_SEED, 300, 1000);
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(['term', 'and', 'phrase']));
    for (const q of queries.filter((q) => q.kind === 'and')) expect(q.text.split(' ')).toHaveLength(2);
    for (const q of queries.filter((q) => q.kind === 'phrase')) expect(q.text).toMatch(/^"[a-z]+( [a-z]+){1,2}"$/);
  });
});
