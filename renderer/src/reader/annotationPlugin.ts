import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** One annotation as the reader paints it: position ranges and a colour. */
export interface PaintedAnnotation {
  id: string;
  ranges: { from: number; to: number }[];
  color: string;
  label: string;
  /** Suggestions and unsaved annotations are drawn dashed. */
  dashed?: boolean;
}

interface DecorationSpec {
  id: string;
  lane: number;
}

export interface AnnotationState {
  decorations: DecorationSet;
  /** Where each annotation's ranges are now, mapped through every transaction. */
  ranges: Map<string, { from: number; to: number }[]>;
  selected: string | null;
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
 * Annotations as plugin state: a DecorationSet mapped through each
 * transaction and changed only through `AnnotationAction` metadata, so an
 * added or removed annotation touches only its own decorations.
 */
export function annotationPlugin(): Plugin<AnnotationState> {
  return new Plugin<AnnotationState>({
    key: annotationKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, ranges: new Map(), selected: null }),
      apply(tr, prev, _old, state) {
        let next = prev;
        if (tr.docChanged) next = mapThrough(prev, tr);
        const action = tr.getMeta(annotationKey) as AnnotationAction | undefined;
        return action ? applyAction(next, action, state) : next;
      },
    },
    props: {
      decorations: (state) => annotationKey.getState(state)?.decorations,
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
  return { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc), ranges };
}

function applyAction(prev: AnnotationState, action: AnnotationAction, state: EditorState): AnnotationState {
  switch (action.type) {
    case 'reset': {
      const ranges = new Map<string, { from: number; to: number }[]>();
      const decos = paintAll(action.annotations, ranges);
      return { decorations: DecorationSet.create(state.doc, decos), ranges, selected: prev.selected };
    }
    case 'add': {
      let set = removeIds(prev, action.annotations.map((a) => a.id));
      const ranges = new Map(prev.ranges);
      const added: Decoration[] = [];
      for (const a of action.annotations) {
        const lane = freeLane(set, a.ranges);
        ranges.set(a.id, a.ranges);
        const decos = decorationsFor(a, lane, a.id === prev.selected);
        added.push(...decos);
        set = set.add(state.doc, decos);
      }
      return { ...prev, decorations: set, ranges };
    }
    case 'remove': {
      const ranges = new Map(prev.ranges);
      for (const id of action.ids) ranges.delete(id);
      return { ...prev, decorations: removeIds(prev, action.ids), ranges, selected: action.ids.includes(prev.selected ?? '') ? null : prev.selected };
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
        set = set.remove(current).add(state.doc, decorationsFor(spec.source, spec.lane, id === action.id));
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

function removeIds(prev: AnnotationState, ids: readonly string[]): DecorationSet {
  let set = prev.decorations;
  for (const id of ids) {
    const rs = prev.ranges.get(id);
    if (rs) set = set.remove(findById(set, id, rs));
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
  const sorted = [...annotations].sort((a, b) => a.ranges[0]!.from - b.ranges[0]!.from || b.ranges[0]!.to - a.ranges[0]!.to);
  const laneEnds: number[] = []; // laneEnds[k]: where lane k becomes free
  const out: Decoration[] = [];
  for (const a of sorted) {
    const from = a.ranges[0]!.from;
    const to = Math.max(...a.ranges.map((r) => r.to));
    let lane = laneEnds.findIndex((end) => end <= from);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = to;
    ranges.set(a.id, a.ranges);
    out.push(...decorationsFor(a, lane, false));
  }
  return out;
}

function decorationsFor(a: PaintedAnnotation, lane: number, selected: boolean): Decoration[] {
  const shown = Math.min(lane, MAX_LANES - 1);
  const cls = `gl-hl${a.dashed ? ' gl-dashed' : ''}${selected ? ' gl-selected' : ''}`;
  return a.ranges.map((r) =>
    Decoration.inline(
      r.from,
      r.to,
      // ProseMirror merges the attributes of overlapping decorations that share a
      // node name; a node name per lane keeps each overlapping highlight its own element.
      { nodeName: `gl-lane-${shown}`, class: cls, style: `--hl:${a.color};--lane:${shown}`, 'data-ann': a.id, title: a.label },
      { id: a.id, lane, source: a },
    ),
  );
}
