import { Decoration, DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { buildInlineSet, windowOf } from '../../renderer/src/reader/decorationTree.ts';
import { buildDoc } from '../../renderer/src/reader/offsets.ts';
import { mulberry32 } from '../bench/generate.ts';

// The reader builds its highlight sets in linear time through DecorationSet's
// internal constructor: what it builds must be the set DecorationSet.create builds.
function randomCase(seed: number, paragraphs: number, count: number) {
  const rng = mulberry32(seed);
  const parts: string[] = [];
  const blocks = [];
  let at = 0;
  for (let p = 0; p < paragraphs; p++) {
    const len = 1 + Math.floor(rng() * 60);
    parts.push('x'.repeat(len));
    blocks.push({ type: p % 7 === 3 ? ('heading' as const) : ('paragraph' as const), start: at, end: at + len });
    at += len + 1;
    parts.push('\n');
  }
  const { doc } = buildDoc(parts.join(''), blocks);
  const size = doc.content.size;
  const decos: Decoration[] = [];
  for (let i = 0; i < count; i++) {
    // Mostly within a paragraph, some across paragraphs, some empty, some whole paragraphs, some duplicates.
    const from = Math.floor(rng() * size);
    const kind = rng();
    const to = kind < 0.1 ? from : kind < 0.2 ? Math.min(size, from + Math.floor(rng() * 200)) : Math.min(size, from + 1 + Math.floor(rng() * 8));
    const d = Decoration.inline(from, to, { class: `c${i % 5}` }, { id: `a${i}` });
    decos.push(d);
    if (kind > 0.97) decos.push(Decoration.inline(from, to, { class: 'dup' }, { id: `d${i}` }));
  }
  // Whole-paragraph decorations touch the paragraph's boundaries exactly.
  doc.forEach((node, pos) => {
    if (rng() < 0.1) decos.push(Decoration.inline(pos + 1, pos + 1 + node.content.size, { class: 'whole' }));
    if (rng() < 0.05) decos.push(Decoration.inline(pos, pos + node.nodeSize, { class: 'outer' }));
  });
  return { doc, decos };
}

/** DecorationSet's structural equality (public on DecorationSource, missing from DecorationSet's own type). */
const eq = (a: DecorationSet, b: DecorationSet) => (a as unknown as { eq(other: DecorationSet): boolean }).eq(b);
const summary = (set: DecorationSet) => set.find().map((d) => `${d.from}-${d.to}:${JSON.stringify(d.spec)}`).sort();

describe('buildInlineSet', () => {
  it('builds the set DecorationSet.create builds', () => {
    for (let seed = 1; seed <= 25; seed++) {
      // Every fifth case is long enough to be grouped into sections (three levels).
      const { doc, decos } = randomCase(seed, seed % 5 === 0 ? 150 + seed * 7 : 1 + (seed % 40), seed * 13);
      const expected = DecorationSet.create(doc, decos.slice());
      const built = buildInlineSet(doc, decos);
      expect(eq(built, expected), `seed ${seed}`).toBe(true);
      expect(summary(built)).toEqual(summary(expected));
    }
  });

  it('builds the same set for node decorations of top-level blocks (the lazy sections\u2019 placeholders)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { doc } = randomCase(seed, 150 + seed * 40, 0);
      const rng = mulberry32(seed);
      const decos: Decoration[] = [];
      doc.forEach((node, pos) => {
        if (rng() < 0.7) decos.push(Decoration.node(pos, pos + node.nodeSize, {}, { dormant: true }));
      });
      const expected = DecorationSet.create(doc, decos.slice());
      const built = buildInlineSet(doc, decos);
      expect(eq(built, expected), `seed ${seed}`).toBe(true);
      expect(summary(built)).toEqual(summary(expected));
    }
  });

  it('gives the empty set for nothing, and keeps the input array as it was', () => {
    const { doc, decos } = randomCase(99, 5, 20);
    expect(buildInlineSet(doc, [])).toBe(DecorationSet.empty);
    const copy = decos.slice();
    buildInlineSet(doc, decos);
    expect(decos).toEqual(copy);
  });

  it('builds sets that the rest of DecorationSet works with: find, add, remove, map', () => {
    const { doc, decos } = randomCase(7, 30, 300);
    const built = buildInlineSet(doc, decos);
    const expected = DecorationSet.create(doc, decos.slice());
    expect(summary(built)).toEqual(summary(expected));
    const extra = [Decoration.inline(3, 9, { class: 'new' }, { id: 'new' })];
    expect(eq(built.add(doc, extra), expected.add(doc, extra))).toBe(true);
    const some = built.find(10, 200);
    expect(summary(built.remove(some))).toEqual(summary(expected.remove(expected.find(10, 200))));
    expect(built.find(50, 60).length).toBe(expected.find(50, 60).length);
  });

  it('windows a set: the decorations touching a range, and no others', () => {
    const { doc, decos } = randomCase(11, 300, 900);
    const full = buildInlineSet(doc, decos);
    const win = windowOf(doc, full, 100, 250);
    expect(summary(win)).toEqual(summary(DecorationSet.create(doc, full.find(100, 250))));
    for (const d of win.find()) expect(d.from <= 250 && d.to >= 100).toBe(true);
  });
});
