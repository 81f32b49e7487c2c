import { EditorState, type Transaction } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  annotationKey,
  annotationPlugin,
  annotationsAt,
  annotationWindowKey,
  dispatchAnnotations,
  MAX_LANES,
  WINDOW_MIN_DOC_SIZE,
  type PaintedAnnotation,
} from '../../renderer/src/reader/annotationPlugin.ts';
import { buildDoc } from '../../renderer/src/reader/offsets.ts';
import { BENCH_LABELS, generateAnnotations, generateDocument, mulberry32 } from '../bench/generate.ts';
import { stagePainted, toPainted } from '../../renderer/src/reader/paint.ts';

// The annotation plugin's state, without a view: in a long document only the
// highlights in the window are drawn, and they follow every change.
function setup(paragraphs: number, chars: number, count: number) {
  const gen = generateDocument(7, { paragraphs, chars });
  const { doc, map } = buildDoc(gen.text, gen.blocks);
  let state = EditorState.create({ doc, plugins: [annotationPlugin()] });
  const view = {
    get state() {
      return state;
    },
    dispatch(tr: Transaction) {
      state = state.apply(tr);
    },
  };
  const labels = new Map(BENCH_LABELS.map((l) => [l.id, l]));
  const painted = generateAnnotations(gen, count, 7).map((a) => toPainted(a, labels, map));
  dispatchAnnotations(view, { type: 'reset', annotations: painted });
  return { view, painted, get s() {
    return annotationKey.getState(state)!;
  } };
}

const laneMap = (set: DecorationSet) => new Map(set.find().map((d) => [(d.spec as { id: string }).id, (d.spec as { lane: number }).lane]));
const ids = (set: DecorationSet, from?: number, to?: number) => new Set(set.find(from, to).map((d) => (d.spec as { id: string }).id));

describe('annotation plugin', () => {
  it('paints annotations given at creation exactly as a reset would', () => {
    const t = setup(1000, 200_000, 3000);
    const initial = EditorState.create({ doc: t.view.state.doc, plugins: [annotationPlugin(t.painted)] });
    const s = annotationKey.getState(initial)!;
    expect(s.window).toEqual(t.s.window);
    expect(ids(s.decorations)).toEqual(ids(t.s.decorations));
    expect(ids(s.visible)).toEqual(ids(t.s.visible));
    const lanes = (set: DecorationSet) => set.find().map((d) => `${d.from}-${d.to}:${(d.spec as { lane: number }).lane}`).sort();
    expect(lanes(s.decorations)).toEqual(lanes(t.s.decorations));
  });

  it('draws every highlight of a short document', () => {
    const t = setup(40, 8000, 300);
    expect(t.s.window).toBeNull();
    expect(t.s.visible).toBe(t.s.decorations);
    expect(ids(t.s.visible).size).toBe(300);
  });

  it('draws only the window of a long document, and keeps it in step with changes', () => {
    const t = setup(1000, 200_000, 4000);
    expect(t.view.state.doc.content.size).toBeGreaterThan(WINDOW_MIN_DOC_SIZE);
    const win = t.s.window!;
    expect(win.from).toBe(0);
    const all = ids(t.s.decorations);
    expect(all.size).toBe(4000);
    const drawn = ids(t.s.visible);
    expect(drawn).toEqual(ids(t.s.decorations, win.from, win.to));
    expect(drawn.size).toBeLessThan(1000);

    // An addition inside the window is drawn; one far away is kept but not drawn.
    const near: PaintedAnnotation = { id: 'near', ranges: [{ from: 100, to: 140 }], color: '#f00', label: 'x' };
    const far: PaintedAnnotation = { id: 'far', ranges: [{ from: 150_000, to: 150_010 }], color: '#f00', label: 'x' };
    dispatchAnnotations(t.view, { type: 'add', annotations: [near, far] });
    expect(ids(t.s.visible).has('near')).toBe(true);
    expect(ids(t.s.visible).has('far')).toBe(false);
    expect(ids(t.s.decorations).has('far')).toBe(true);
    expect(annotationsAt(t.view.state, 150_005)).toContain('far');
    expect(t.s.ranges.get('far')).toEqual(far.ranges);

    // Selecting redraws with the selected look, inside the window.
    dispatchAnnotations(t.view, { type: 'select', id: 'near' });
    const sel = t.s.visible.find(100, 140).filter((d) => (d.spec as { id: string }).id === 'near');
    expect(sel.length).toBe(1);
    expect(t.s.visible).not.toBe(t.s.decorations);
    expect(ids(t.s.visible)).toEqual(ids(t.s.decorations, win.from, win.to));

    // Moving the window (as scrolling does) draws what is there.
    t.view.dispatch(t.view.state.tr.setMeta(annotationWindowKey, { from: 140_000, to: 160_000 }));
    expect(ids(t.s.visible).has('far')).toBe(true);
    expect(ids(t.s.visible).has('near')).toBe(false);
    expect(ids(t.s.visible)).toEqual(ids(t.s.decorations, 140_000, 160_000));

    // Removal takes it out of both.
    dispatchAnnotations(t.view, { type: 'remove', ids: ['far'] });
    expect(ids(t.s.visible).has('far')).toBe(false);
    expect(ids(t.s.decorations).has('far')).toBe(false);
    expect(t.s.ranges.has('far')).toBe(false);
    expect(ids(t.s.visible)).toEqual(ids(t.s.decorations, 140_000, 160_000));
  });

  it('gives overlapping annotations different lanes', () => {
    const t = setup(1000, 200_000, 10);
    const a: PaintedAnnotation = { id: 'a', ranges: [{ from: 10, to: 30 }], color: '#f00', label: 'x' };
    const b: PaintedAnnotation = { id: 'b', ranges: [{ from: 20, to: 40 }], color: '#0f0', label: 'y' };
    dispatchAnnotations(t.view, { type: 'reset', annotations: [a, b] });
    const lanes = t.s.visible.find(20, 30).map((d) => (d.spec as { lane: number }).lane);
    expect(new Set(lanes)).toEqual(new Set([0, 1]));
    expect(annotationsAt(t.view.state, 25)).toEqual(['a', 'b']);
  });

  it('adds one by one into the lowest lane free across the annotation, as a scan of every annotation finds it', () => {
    const t = setup(40, 8000, 0);
    const rng = mulberry32(5);
    const size = t.view.state.doc.content.size;
    const added: PaintedAnnotation[] = [];
    for (let i = 0; i < 300; i++) {
      const from = 1 + Math.floor(rng() * (size - 30));
      const ranges = [{ from, to: from + 1 + Math.floor(rng() * 25) }];
      if (rng() < 0.1) ranges.push({ from: ranges[0]!.to + 3, to: ranges[0]!.to + 8 });
      const a: PaintedAnnotation = { id: `n${i}`, ranges, color: '#00f', label: 'x' };
      // The reference: lanes of the annotations already there that overlap any of its ranges.
      const lanesNow = laneMap(t.s.decorations);
      const used = new Set(added.filter((b) => b.ranges.some((r) => ranges.some((q) => r.from < q.to && r.to > q.from))).map((b) => lanesNow.get(b.id)!));
      let expected = 0;
      while (used.has(expected)) expected++;
      dispatchAnnotations(t.view, { type: 'add', annotations: [a] });
      added.push(a);
      expect(laneMap(t.s.decorations).get(a.id), `addition ${i}`).toBe(expected);
    }
    // Every range drawn once, with the lane's node name and the data attributes.
    const drawn = t.s.visible.find();
    expect(drawn.length).toBe(added.reduce((n, a) => n + a.ranges.length, 0));
    for (const d of drawn.slice(0, 20)) {
      const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      const lane = (d.spec as { lane: number }).lane;
      expect(attrs.nodeName).toBe(`gl-lane-${Math.min(lane, MAX_LANES - 1)}`);
      expect(attrs['data-ann']).toBe((d.spec as { id: string }).id);
    }
    const pos = added[0]!.ranges[0]!.from;
    const covering = added.filter((a) => a.ranges.some((r) => r.from <= pos && r.to >= pos)).map((a) => a.id);
    expect(new Set(annotationsAt(t.view.state, pos))).toEqual(new Set(covering));
  });

  it('follows edits of the text: ranges, drawn highlights and the full set move with it', () => {
    const t = setup(1000, 200_000, 2000);
    const a: PaintedAnnotation = { id: 'a', ranges: [{ from: 100, to: 120 }], color: '#f00', label: 'x' };
    const gone: PaintedAnnotation = { id: 'gone', ranges: [{ from: 200, to: 205 }], color: '#f00', label: 'x' };
    dispatchAnnotations(t.view, { type: 'add', annotations: [a, gone] });
    const before = t.s.decorations.find().length;
    // Insert 5 characters before the highlight and delete the one at 200–205 (198–210 after the insertion).
    const tr = t.view.state.tr.insertText('hello', 50);
    tr.delete(tr.mapping.map(198), tr.mapping.map(210));
    t.view.dispatch(tr);
    expect(t.s.ranges.get('a')).toEqual([{ from: 105, to: 125 }]);
    expect(t.s.ranges.has('gone')).toBe(false);
    expect(t.s.visible.find(105, 125).some((d) => (d.spec as { id: string }).id === 'a' && d.from === 105 && d.to === 125)).toBe(true);
    expect(ids(t.s.visible).has('gone')).toBe(false);
    expect(annotationsAt(t.view.state, 110)).toContain('a');
    // The full set is what mapping every range gives.
    expect(ids(t.s.decorations).has('gone')).toBe(false);
    expect(t.s.decorations.find().length).toBeLessThan(before);
    // Selecting after the edit redraws where the annotation is now.
    dispatchAnnotations(t.view, { type: 'select', id: 'a' });
    const sel = t.s.visible.find(105, 125).filter((d) => (d.spec as { id: string }).id === 'a');
    expect(sel.map((d) => [d.from, d.to])).toEqual([[105, 125]]);
    // Removal after the edit finds it where it is.
    dispatchAnnotations(t.view, { type: 'remove', ids: ['a'] });
    expect(ids(t.s.visible).has('a')).toBe(false);
    expect(annotationsAt(t.view.state, 110)).not.toContain('a');
  });

  it('keeps the drawn set equal to the full set within the window through additions, removals and selection', () => {
    const t = setup(1000, 200_000, 3000);
    const rng = mulberry32(8);
    const win = t.s.window!;
    for (let i = 0; i < 60; i++) {
      const from = Math.floor(rng() * (win.to - 40)) + 1;
      dispatchAnnotations(t.view, { type: 'add', annotations: [{ id: `w${i}`, ranges: [{ from, to: from + 1 + Math.floor(rng() * 30) }], color: '#0a0', label: 'y' }] });
      if (i % 7 === 3) dispatchAnnotations(t.view, { type: 'remove', ids: [`w${i - 2}`] });
      if (i % 5 === 0) dispatchAnnotations(t.view, { type: 'select', id: `w${i}` });
    }
    const look = (set: DecorationSet, from?: number, to?: number) =>
      set.find(from, to).map((d) => `${d.from}-${d.to}:${(d.spec as { lane: number }).lane}:${(d as unknown as { type: { attrs: { class: string } } }).type.attrs.class}`).sort();
    expect(look(t.s.visible)).toEqual(look(t.s.decorations, win.from, win.to));
    expect(t.s.visible.find().filter((d) => (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class.includes('gl-selected')).map((d) => (d.spec as { id: string }).id)).toEqual(['w55']);
  });

  it('draws staged annotations (those near the start first, all of them later) as it draws all of them at once', () => {
    const gen = generateDocument(9, { paragraphs: 500, chars: 150_000 });
    const { doc, map } = buildDoc(gen.text, gen.blocks);
    const labels = new Map(BENCH_LABELS.map((l) => [l.id, l]));
    const annotations = generateAnnotations(gen, 3000, 9);
    let asked = 0;
    const staged = stagePainted(annotations, (a) => toPainted(a, labels, map), map);
    const all = staged.all;
    staged.all = () => (asked++, all());
    expect(staged.nearStart.length).toBeGreaterThan(0);
    expect(staged.nearStart.length).toBeLessThan(annotations.length / 4);
    const whole = EditorState.create({ doc, plugins: [annotationPlugin(annotations.map((a) => toPainted(a, labels, map)))] });
    const lazy = EditorState.create({ doc, plugins: [annotationPlugin(staged)] });
    const look = (set: DecorationSet) => set.find().map((d) => `${d.from}-${d.to}:${(d.spec as { id: string; lane: number }).id}:${(d.spec as { lane: number }).lane}`).sort();
    expect(asked).toBe(0);
    expect(look(annotationKey.getState(lazy)!.visible)).toEqual(look(annotationKey.getState(whole)!.visible));
    // The first read of the layer (here, a lookup) builds it from all of them, once.
    const far = annotations[annotations.length - 1]!;
    const pos = map.toPos(far.ranges[0]!.start, 1);
    expect(annotationsAt(lazy, pos)).toEqual(annotationsAt(whole, pos));
    expect(asked).toBe(1);
    expect(annotationKey.getState(lazy)!.ranges.size).toBe(annotationKey.getState(whole)!.ranges.size);
    const next = lazy.apply(lazy.tr.setMeta(annotationKey, { type: 'remove', ids: [far.id] }));
    expect(annotationsAt(next, pos)).not.toContain(far.id);
    expect(asked).toBe(1);
  });

  it('keeps the last of a repeated id given at open, once the id maps are built', () => {
    const gen = generateDocument(7, { paragraphs: 40, chars: 8000 });
    const { doc } = buildDoc(gen.text, gen.blocks);
    const first: PaintedAnnotation = { id: 'dup', ranges: [{ from: 10, to: 20 }], color: '#f00', label: 'x' };
    const second: PaintedAnnotation = { id: 'dup', ranges: [{ from: 40, to: 50 }], color: '#0f0', label: 'y' };
    const other: PaintedAnnotation = { id: 'o', ranges: [{ from: 15, to: 45 }], color: '#00f', label: 'z' };
    const state = EditorState.create({ doc, plugins: [annotationPlugin([first, other, second])] });
    const s = annotationKey.getState(state)!;
    expect(s.ranges.get('dup')).toEqual([{ from: 40, to: 50 }]);
    expect(s.ranges.get('o')).toEqual([{ from: 15, to: 45 }]);
    expect(s.ranges.size).toBe(2);
    expect(annotationsAt(state, 15)).toEqual(['o']);
    expect(annotationsAt(state, 45)).toEqual(['dup', 'o']);
    const next = state.apply(state.tr.setMeta(annotationKey, { type: 'remove', ids: ['dup'] }));
    expect(annotationsAt(next, 45)).toEqual(['o']);
    expect(annotationKey.getState(next)!.visible.find().map((d) => (d.spec as { id: string }).id)).toEqual(['o']);
  });
});

// Where the browser paints registered ranges (CSS.highlights), an annotation
// added as `fresh` is not drawn as an element: the plugin's view paints it
// (freshHighlights.ts) until its part of the text is drawn anyway.
describe('annotation plugin: fresh highlights', () => {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { CSS: g.CSS, Highlight: g.Highlight };
  beforeAll(() => {
    g.CSS = { highlights: new Map(), escape: (s: string) => s };
    g.Highlight = class extends Set {};
  });
  afterAll(() => {
    g.CSS = saved.CSS;
    g.Highlight = saved.Highlight;
  });

  const ids = (set: DecorationSet) => [...new Set(set.find().map((d) => (d.spec as { id: string }).id))].sort();
  const fresh = (id: string, from: number, to: number, extra: Partial<PaintedAnnotation> = {}): PaintedAnnotation => ({ id, ranges: [{ from, to }], color: '#0a0', label: 'x', labelId: 'l', ...extra });

  it('keeps a fresh annotation out of the drawn elements, and finds it like any other', () => {
    const t = setup(40, 8000, 30);
    const drawnBefore = ids(t.s.visible);
    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n1', 20, 30)], fresh: true });
    expect([...t.s.fresh]).toEqual(['n1']);
    expect(ids(t.s.visible)).toEqual(drawnBefore);
    expect(t.s.ranges.get('n1')).toEqual([{ from: 20, to: 30 }]);
    expect(annotationsAt(t.view.state, 25)).toContain('n1');
    // The full set still holds it, as an element would be drawn.
    expect(ids(t.s.decorations)).toContain('n1');
  });

  it('draws fresh annotations as elements on a selection or a reset; a removal forgets them', () => {
    const t = setup(40, 8000, 30);
    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n1', 20, 30), fresh('n2', 40, 50)], fresh: true });
    dispatchAnnotations(t.view, { type: 'remove', ids: ['n2'] });
    expect([...t.s.fresh]).toEqual(['n1']);
    dispatchAnnotations(t.view, { type: 'select', id: t.painted[0]!.id });
    expect(t.s.fresh.size).toBe(0);
    expect(ids(t.s.visible)).toContain('n1');
    expect(ids(t.s.visible)).not.toContain('n2');

    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n3', 60, 70)], fresh: true });
    expect([...t.s.fresh]).toEqual(['n3']);
    // Saved again (a relabel, say): drawn as an element from then on.
    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n3', 60, 70, { color: '#00f' })] });
    expect(t.s.fresh.size).toBe(0);
    expect(ids(t.s.visible)).toContain('n3');

    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n4', 80, 90)], fresh: true });
    dispatchAnnotations(t.view, { type: 'reset', annotations: [...t.painted, fresh('n4', 80, 90)] });
    expect(t.s.fresh.size).toBe(0);
    expect(ids(t.s.visible)).toContain('n4');
  });

  it('draws them as elements when the window of a long document moves', () => {
    const t = setup(400, 120_000, 100);
    const win = t.s.window!;
    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n1', win.from + 5, win.from + 15)], fresh: true });
    expect(ids(t.s.visible)).not.toContain('n1');
    t.view.dispatch(t.view.state.tr.setMeta(annotationWindowKey, { from: win.from, to: win.to + 1000 }));
    expect(t.s.fresh.size).toBe(0);
    expect(ids(t.s.visible)).toContain('n1');
  });

  it('draws dashed and layer-marked annotations as elements even when fresh (looks a range cannot take)', () => {
    const t = setup(40, 8000, 0);
    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('d', 20, 30, { dashed: true }), fresh('m', 40, 50, { annotator: 'ana', marker: '#f0f' })], fresh: true });
    expect(t.s.fresh.size).toBe(0);
    expect(ids(t.s.visible)).toEqual(['d', 'm']);
  });

  it('follows text edits: a fresh annotation keeps its place in the ranges', () => {
    const t = setup(40, 8000, 0);
    dispatchAnnotations(t.view, { type: 'add', annotations: [fresh('n1', 20, 30)], fresh: true });
    t.view.dispatch(t.view.state.tr.insertText('abc', 5));
    expect([...t.s.fresh]).toEqual(['n1']);
    expect(t.s.ranges.get('n1')).toEqual([{ from: 23, to: 33 }]);
    expect(ids(t.s.visible)).not.toContain('n1');
  });
});
