import { EditorState, type Transaction } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import {
  annotationKey,
  annotationPlugin,
  annotationsAt,
  annotationWindowKey,
  dispatchAnnotations,
  WINDOW_MIN_DOC_SIZE,
  type PaintedAnnotation,
} from '../../renderer/src/reader/annotationPlugin.ts';
import { buildDoc } from '../../renderer/src/reader/offsets.ts';
import { BENCH_LABELS, generateAnnotations, generateDocument } from '../bench/generate.ts';
import { toPainted } from '../../renderer/src/reader/paint.ts';

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
});
