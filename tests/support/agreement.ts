import { expect } from 'vitest';

/** A small deterministic PRNG (mulberry32), so every run tests the same data. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep comparison to 1e-9, with the reference's "nan" (0/0) read as Gloss's 1. */
export function expectReport(actual: unknown, expected: unknown, path = 'report'): void {
  if (expected === 'nan') return void expect(actual, path).toBe(1);
  if (typeof expected === 'number') return void expect(Math.abs((actual as number) - expected), `${path}: ${String(actual)} vs ${expected}`).toBeLessThan(1e-9);
  if (expected === null || typeof expected !== 'object') return void expect(actual, path).toEqual(expected);
  expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expectReport((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
}

