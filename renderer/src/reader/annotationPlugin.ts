import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { buildInlineSet, windowOf } from './decorationTree.ts';
import { blocksNearViewport, selectionSettled, trackViewport, type PositionRange } from './viewportWindow.ts';

/** One annotation as the reader paints it: position ranges and a colour. */
export interface PaintedAnnotation {
  id: string;
  ranges: { from: number; to: number }[];
  color: string;
  label: string;
  /** The label's id, on the element as `data-label`: hiding a label's highlights is a style rule. */
  labelId?: string;
  /** Suggestions and unsaved annotations are drawn dashed. */
  dashed?: boolean;
  /** Who made it, and the colour of the marker that tells annotators' layers apart. */
  annotator?: string;
  marker?: string;
}

interface DecorationSpec {
  id: string;
  lane: number;
}

export interface AnnotationState {
  /** Every highlight of the document. */
  decorations: DecorationSet;
  /**
   * Where each annotation's ranges are now, mapped through every transaction.
   * Updated in place by additions and removals (copying 100,000 entries per
   * addition would cost more than the addition): read it from the current state.
   */
  ranges: Map<string, { from: number; to: number }[]>;
  selected: string | null;
  /**
   * In a long document, the part whose highlights are drawn: the blocks near
   * the viewport, moved as the reader scrolls. Null when the whole document's are.
   */
  window: PositionRange | null;
  /** The highlights in `window`: what the view draws. */
  visible: DecorationSet;
}

/** Changes to the annotation layer travel as transaction metadata under this key. */
export type AnnotationAction =
  | { type: 'reset'; annotations: PaintedAnnotation[] }
  | { type: 'add'; annotations: PaintedAnnotation[] }
  | { type: 'remove'; ids: string[] }
  | { type: 'select'; id: string | null };

export const annotationKey = new PluginKey<AnnotationState>('annotations');

/** The most lanes drawn; deeper stacks share the last lane's underline offset. */
export const MAX_LANES = 8;

/**
 * Documents larger than this (in positions, about 15 screens of text) keep
 * only the highlights near the viewport in the DOM: with 100,000 annotations
 * a fully drawn document holds 100,000 highlight elements, and every change
 * makes ProseMirror compare the decorations of every paragraph.
 */
export const WINDOW_MIN_DOC_SIZE = 40_000;
/** The window before the view is first measured: the start of the document, where the reader opens. */
const INITIAL_WINDOW = 12_000;
/** The window spans the blocks within this many viewport heights above and below the screen… */
const WINDOW_MARGIN = 1.5;
/** …and moves once the screen comes within this many viewport heights of its edge. */
const WINDOW_SLACK = 0.5;

/**
 * Moves of the window travel as transaction metadata under this key, with a
 * PositionRange (not an AnnotationAction: the plugin's view sends them itself).
 */
export const annotationWindowKey = 'glAnnotationWindow';
const windowKey = annotationWindowKey;

/**
 * Annotations as plugin state: a DecorationSet mapped through each
 * transaction and changed only through `AnnotationAction` metadata, so an
 * added or removed annotation touches only its own decorations.
 */
export function annotationPlugin(initial: readonly PaintedAnnotation[] = []): Plugin<AnnotationState> {
  return new Plugin<AnnotationState>({
    key: annotationKey,
    state: {
      // The document's annotations are painted in the first state, so the view's first
      // render draws them: no second pass over the DOM to add them (see createReaderView).
      init: (_config, state) => {
        const ranges = new Map<string, { from: number; to: number }[]>();
        const decorations = initial.length ? buildInlineSet(state.doc, paintAll(initial, ranges)) : DecorationSet.empty;
        const win = state.doc.content.size > WINDOW_MIN_DOC_SIZE ? { from: 0, to: INITIAL_WINDOW } : null;
        return { decorations, ranges, selected: null, window: win, visible: win ? windowOf(state.doc, decorations, win.from, win.to) : decorations };
      },
      apply(tr, prev, _old, state) {
        let next = prev;
        if (tr.docChanged) next = mapThrough(prev, tr);
        const action = tr.getMeta(annotationKey) as AnnotationAction | undefined;
        const delta: Delta = { removed: [], added: [] };
        if (action) next = applyAction(next, action, state, delta);
        const moved = tr.getMeta(windowKey) as PositionRange | undefined;
        if (moved) next = { ...next, window: moved };
        if (next.window && state.doc.content.size <= WINDOW_MIN_DOC_SIZE) next = { ...next, window: null };
        if (next.decorations === prev.decorations && next.window === prev.window) return next;
        const win = next.window;
        if (!win) return { ...next, visible: next.decorations };
        // A text edit (the reader's Edit text mode): the drawn part maps like the whole set, and unchanged paragraphs keep their sets.
        if (tr.docChanged && !action && !moved && prev.window) return { ...next, visible: prev.visible.map(tr.mapping, state.doc) };
        if (win === prev.window && prev.window && !tr.docChanged && action?.type !== 'reset') {
          // The same changes to the drawn part: unchanged paragraphs keep their decoration sets, so the view skips them.
          const near = (d: Decoration) => d.from <= win.to && d.to >= win.from;
          return { ...next, visible: prev.visible.remove(delta.removed.filter(near)).add(state.doc, delta.added.filter(near)) };
        }
        return { ...next, visible: windowOf(state.doc, next.decorations, win.from, win.to) };
      },
    },
    props: {
      decorations: (state) => annotationKey.getState(state)?.visible,
    },
    view: (view) => {
      let waited = 0;
      const tracker = trackViewport(view, () => {
        const s = annotationKey.getState(view.state);
        if (!s?.window) return;
        const height = window.innerHeight || 800;
        const needed = blocksNearViewport(view, WINDOW_SLACK * height);
        if (!needed || (needed.from >= s.window.from && needed.to <= s.window.to)) return;
        // A selection ProseMirror has not read yet would be lost in the redraw: wait for it (a few frames at most).
        if (!selectionSettled(view) && waited++ < 10) return tracker.schedule();
        waited = 0;
        const next = blocksNearViewport(view, WINDOW_MARGIN * height);
        if (next) view.dispatch(view.state.tr.setMeta(windowKey, next).setMeta('addToHistory', false));
      });
      return {
        update(v, prevState) {
          if (v.state.doc !== prevState.doc) tracker.schedule();
        },
        destroy: () => tracker.destroy(),
      };
    },
  });
}

export function dispatchAnnotations(view: { state: EditorState; dispatch: (tr: Transaction) => void }, action: AnnotationAction): void {
  view.dispatch(view.state.tr.setMeta(annotationKey, action).setMeta('addToHistory', false));
}

/** Ids of the annotations covering position `pos`, innermost (shortest) first. */
export function annotationsAt(state: EditorState, pos: number): string[] {
  const s = annotationKey.getState(state);
  if (!s) return [];
  const found = s.decorations.find(pos, pos, (spec: DecorationSpec) => Boolean(spec.id));
  const seen = new Map<string, number>();
  for (const d of found) {
    const id = (d.spec as DecorationSpec).id;
    if (d.from <= pos && d.to >= pos) seen.set(id, Math.min(seen.get(id) ?? Infinity, d.to - d.from));
  }
  return [...seen.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

function mapThrough(prev: AnnotationState, tr: Transaction): AnnotationState {
  const ranges = new Map<string, { from: number; to: number }[]>();
  for (const [id, rs] of prev.ranges) {
    const mapped = rs.map((r) => ({ from: tr.mapping.map(r.from, 1), to: tr.mapping.map(r.to, -1) })).filter((r) => r.to > r.from);
    if (mapped.length) ranges.set(id, mapped);
  }
  const moved = prev.window && { from: tr.mapping.map(prev.window.from, -1), to: tr.mapping.map(prev.window.to, 1) };
  return { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc), ranges, window: moved };
}

/** The decorations an action took out of the set and put in. */
interface Delta {
  removed: Decoration[];
  added: Decoration[];
}

function applyAction(prev: AnnotationState, action: AnnotationAction, state: EditorState, delta: Delta): AnnotationState {
  switch (action.type) {
    case 'reset': {
      const ranges = new Map<string, { from: number; to: number }[]>();
      const decos = paintAll(action.annotations, ranges);
      return { ...prev, decorations: buildInlineSet(state.doc, decos), ranges };
    }
    case 'add': {
      let set = removeIds(prev, action.annotations.map((a) => a.id), delta.removed);
      const ranges = prev.ranges;
      for (const a of action.annotations) {
        const lane = freeLane(set, a.ranges);
        ranges.set(a.id, a.ranges);
        const decos = decorationsFor(a, lane, a.id === prev.selected);
        delta.added.push(...decos);
        set = set.add(state.doc, decos);
      }
      return { ...prev, decorations: set, ranges };
    }
    case 'remove': {
      const decorations = removeIds(prev, action.ids, delta.removed); // reads the ranges: before they go
      const ranges = prev.ranges;
      for (const id of action.ids) ranges.delete(id);
      return { ...prev, decorations, ranges, selected: action.ids.includes(prev.selected ?? '') ? null : prev.selected };
    }
    case 'select': {
      let set = prev.decorations;
      for (const id of [prev.selected, action.id]) {
        if (!id) continue;
        const rs = prev.ranges.get(id);
        if (!rs) continue;
        const current = findById(set, id, rs);
        if (!current.length) continue;
        const spec = current[0]!.spec as DecorationSpec & { source: PaintedAnnotation };
        const replaced = decorationsFor(spec.source, spec.lane, id === action.id);
        delta.removed.push(...current);
        delta.added.push(...replaced);
        // remove() and add() empty the arrays they are given: give them copies.
        set = set.remove(current.slice()).add(state.doc, replaced.slice());
      }
      return { ...prev, decorations: set, selected: action.id };
    }
  }
}

function findById(set: DecorationSet, id: string, ranges: { from: number; to: number }[]): Decoration[] {
  const from = Math.min(...ranges.map((r) => r.from));
  const to = Math.max(...ranges.map((r) => r.to));
  return set.find(from, to, (spec: DecorationSpec) => spec.id === id);
}

function removeIds(prev: AnnotationState, ids: readonly string[], removed: Decoration[]): DecorationSet {
  let set = prev.decorations;
  for (const id of ids) {
    const rs = prev.ranges.get(id);
    if (!rs) continue;
    const found = findById(set, id, rs);
    removed.push(...found);
    set = set.remove(found.slice());
  }
  return set;
}

/** The lowest lane not used by an annotation overlapping `ranges`. */
function freeLane(set: DecorationSet, ranges: { from: number; to: number }[]): number {
  const used = new Set<number>();
  for (const r of ranges) for (const d of set.find(r.from, r.to)) if (d.from < r.to && d.to > r.from) used.add((d.spec as DecorationSpec).lane);
  let lane = 0;
  while (used.has(lane)) lane++;
  return lane;
}

/** Greedy interval colouring in one sweep: each annotation gets the lowest lane free at its start. */
function paintAll(annotations: readonly PaintedAnnotation[], ranges: Map<string, { from: number; to: number }[]>): Decoration[] {
  // Sorted by start, longest first, through index arrays: with 100,000 annotations
  // a comparator that reads `a.ranges[0].from` on objects costs far more than this.
  const shown = annotations.filter((a) => a.ranges.length > 0);
  const starts = new Float64Array(shown.length);
  const ends = new Float64Array(shown.length);
  shown.forEach((a, i) => {
    starts[i] = a.ranges[0]!.from;
    let end = 0;
    for (const r of a.ranges) end = Math.max(end, r.to);
    ends[i] = end;
  });
  const order = Array.from(shown.keys()).sort((x, y) => starts[x]! - starts[y]! || ends[y]! - ends[x]!);
  const laneEnds: number[] = []; // laneEnds[k]: where lane k becomes free
  const out: Decoration[] = [];
  for (const i of order) {
    const a = shown[i]!;
    let lane = 0;
    while (lane < laneEnds.length && laneEnds[lane]! > starts[i]!) lane++;
    laneEnds[lane] = ends[i]!;
    ranges.set(a.id, a.ranges);
    for (const d of decorationsFor(a, lane, false)) out.push(d);
  }
  return out;
}

// Attribute strings shared by all highlights of a lane, label colour and look, rather than made anew for each.
const LANE_NODE_NAMES = Array.from({ length: MAX_LANES }, (_, lane) => `gl-lane-${lane}`);
const styles = new Map<string, string>();
function styleOf(color: string, lane: number): string {
  const key = `${color}|${lane}`;
  let style = styles.get(key);
  if (style === undefined) styles.set(key, (style = `--hl:${color};--lane:${lane}`));
  return style;
}

function decorationsFor(a: PaintedAnnotation, lane: number, selected: boolean): Decoration[] {
  const shown = Math.min(lane, MAX_LANES - 1);
  const cls = a.dashed ? (selected ? 'gl-hl gl-dashed gl-selected' : 'gl-hl gl-dashed') : selected ? 'gl-hl gl-selected' : 'gl-hl';
  return a.ranges.map((r) =>
    Decoration.inline(
      r.from,
      r.to,
      // ProseMirror merges the attributes of overlapping decorations that share a
      // node name; a node name per lane keeps each overlapping highlight its own element.
      {
        nodeName: LANE_NODE_NAMES[shown]!,
        class: a.marker ? `${cls} gl-layer` : cls,
        style: a.marker ? `${styleOf(a.color, shown)};--annotator:${a.marker}` : styleOf(a.color, shown),
        'data-ann': a.id,
        'data-label': a.labelId ?? '',
        title: a.annotator ? `${a.label} · ${a.annotator}` : a.label,
      },
      { id: a.id, lane, source: a },
    ),
  );
}
