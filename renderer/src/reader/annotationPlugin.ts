import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { buildInlineSet } from './decorationTree.ts';
import { RangeIndex, type Mappable } from './rangeIndex.ts';
import { blocksNearViewport, selectionSettled, trackViewport, type PositionRange } from './viewportWindow.ts';
import { canPaintFresh, FreshPainter } from './freshHighlights.ts';

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
  /**
   * Every highlight of the document, as one set. Built on first read (the
   * reader itself draws `visible` and finds annotations through the range
   * index): at 10,000 annotations building it costs more than opening the
   * rest of the document.
   */
  readonly decorations: DecorationSet;
  /**
   * Where each annotation's ranges are now, mapped through every transaction.
   * Updated in place by additions and removals (copying 100,000 entries per
   * addition would cost more than the addition): read it from the current state.
   */
  readonly ranges: Map<string, { from: number; to: number }[]>;
  readonly selected: string | null;
  /**
   * In a long document, the part whose highlights are drawn: the blocks near
   * the viewport, moved as the reader scrolls. Null when the whole document's are.
   */
  readonly window: PositionRange | null;
  /** The highlights in `window`: what the view draws. */
  readonly visible: DecorationSet;
  /**
   * Annotations added with `fresh` and not drawn as elements yet: the view
   * paints them as registered ranges (see freshHighlights.ts). They are in
   * `ranges` and `decorations` like the others; not in `visible`.
   */
  readonly fresh: ReadonlySet<string>;
}

/** Changes to the annotation layer travel as transaction metadata under this key. */
export type AnnotationAction =
  | { type: 'reset'; annotations: PaintedAnnotation[] }
  /**
   * `fresh`: just made in this reader; painted without adding elements to the
   * text where the browser can (see freshHighlights.ts), which spares the
   * paragraph's redraw, layout and selection restore.
   */
  | { type: 'add'; annotations: PaintedAnnotation[]; fresh?: boolean }
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
export const INITIAL_WINDOW = 12_000;

/**
 * A long document's annotations at open, in two parts: `nearStart` holds at
 * least every annotation starting at or before INITIAL_WINDOW (more do no
 * harm), which the first paint draws; `all` gives every annotation, asked for
 * after the first paint, in an idle moment or at the first change. Tens of
 * thousands of annotations are then laid out after the text shows, not before.
 */
export interface StagedAnnotations {
  nearStart: readonly PaintedAnnotation[];
  all(): readonly PaintedAnnotation[];
}

/** The annotations a view opens with: all of them, or staged. */
export type InitialAnnotations = readonly PaintedAnnotation[] | StagedAnnotations;

function isStaged(a: InitialAnnotations): a is StagedAnnotations {
  return !Array.isArray(a);
}
/** How long after the view is built the whole layer is built, if nothing needed it before (see StagedAnnotations). */
const PREBUILD_DELAY_MS = 300;
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
 * Annotations as plugin state: every annotation's ranges in a sorted range
 * index (mapped through each transaction, changed only through
 * `AnnotationAction` metadata), and decorations only for the drawn window.
 * An added or removed annotation touches only its own entries and decorations.
 */
export function annotationPlugin(initial: InitialAnnotations = []): Plugin<AnnotationState> {
  return new Plugin<AnnotationState>({
    key: annotationKey,
    state: {
      // The document's annotations are painted in the first state, so the view's first
      // render draws them: no second pass over the DOM to add them (see createReaderView).
      init: (_config, state) => {
        const win = state.doc.content.size > WINDOW_MIN_DOC_SIZE ? { from: 0, to: INITIAL_WINDOW } : null;
        if (isStaged(initial) && win) {
          // Lanes come from a sweep in order of start, so those of the annotations starting in the window are the same in the whole layer.
          const near = paintAll(initial.nearStart.filter((a) => a.ranges.length > 0 && a.ranges[0]!.from <= win.to));
          return new LayerState(state.doc, () => paintAll(initial.all()), null, win, drawn(state.doc, near, null, win), NONE_FRESH);
        }
        const layer = paintAll(isStaged(initial) ? initial.all() : initial);
        return new LayerState(state.doc, layer, null, win, drawn(state.doc, layer, null, win), NONE_FRESH);
      },
      apply(tr, prevState, _old, state) {
        const prev = prevState as LayerState;
        const action = tr.getMeta(annotationKey) as AnnotationAction | undefined;
        const moved = tr.getMeta(windowKey) as PositionRange | undefined;
        if (!tr.docChanged && !action && !moved) return prev;
        let layer = prev.layer;
        let win = prev.window;
        let selected = prev.selected;
        let fresh = prev.fresh;
        const unfresh = (id: string) => {
          if (!fresh.has(id)) return;
          fresh = new Set(fresh);
          (fresh as Set<string>).delete(id);
        };
        // The drawn set, kept up to date change by change; null when it is to be drawn afresh.
        let visible: DecorationSet | null = prev.visible;
        if (tr.docChanged) {
          layer = layer.mapped(tr.mapping);
          win = win && { from: tr.mapping.map(win.from, -1), to: tr.mapping.map(win.to, 1) };
          // The drawn set maps as the ranges do (start after, end before inserted text): a text edit in
          // the reader's Edit text mode keeps unchanged paragraphs' sets, so the view skips them.
          visible = visible.map(tr.mapping, tr.doc);
        }
        if (moved) {
          win = moved;
          visible = null;
        }
        if (win && state.doc.content.size <= WINDOW_MIN_DOC_SIZE) {
          win = null;
          visible = null;
        }
        if (action) {
          const near = (from: number, to: number) => !win || (from <= win.to && to >= win.from);
          /** Takes annotation `id`'s highlights out of the drawn set. */
          const undraw = (id: string) => {
            const rs = layer.ranges.get(id);
            if (!visible || !rs) return;
            // An id given twice at open may still have the dropped one's highlights drawn elsewhere: look everywhere.
            const wide = layer.repeated.delete(id);
            const from = wide ? undefined : Math.min(...rs.map((r) => r.from));
            const to = wide ? undefined : Math.max(...rs.map((r) => r.to));
            if (from !== undefined && to !== undefined && !near(from, to)) return;
            const found = visible.find(from, to, (spec: DecorationSpec) => spec.id === id);
            // remove() empties the array it is given.
            if (found.length) visible = visible.remove(found);
          };
          /** Puts annotation `id`'s highlights into the drawn set. */
          const draw = (id: string) => {
            if (!visible) return;
            const decos = layer.decorationsOf(id, id === selected).filter((d) => near(d.from, d.to));
            if (decos.length) visible = visible.add(state.doc, decos);
          };
          switch (action.type) {
            case 'reset':
              layer = paintAll(action.annotations);
              visible = null;
              if (selected && !layer.ranges.has(selected)) selected = null;
              break;
            case 'add':
              for (const a of action.annotations) {
                undraw(a.id);
                layer.remove(a.id);
                layer.add(a);
                // Dashed and layer-marked highlights have looks a registered range cannot take (a dashed underline, an inset marker).
                if (action.fresh && !a.dashed && !a.marker && canPaintFresh()) {
                  if (!fresh.has(a.id)) fresh = new Set(fresh).add(a.id);
                } else {
                  unfresh(a.id);
                  draw(a.id);
                }
              }
              break;
            case 'remove':
              for (const id of action.ids) {
                undraw(id);
                layer.remove(id);
                unfresh(id);
              }
              if (selected && action.ids.includes(selected)) selected = null;
              break;
            case 'select': {
              const before = selected;
              selected = action.id;
              // A selected highlight is outlined, and its relations' ends too: every highlight becomes an element.
              for (const id of fresh) if (id !== before && id !== action.id) draw(id);
              fresh = NONE_FRESH;
              for (const id of new Set([before, action.id])) {
                if (!id || !layer.ranges.has(id)) continue;
                undraw(id);
                draw(id);
              }
              break;
            }
          }
        }
        // Drawn afresh, the set holds every highlight near the window as an element.
        if (!visible) fresh = NONE_FRESH;
        return new LayerState(state.doc, layer, selected, win, visible ?? drawn(state.doc, layer, selected, win), fresh);
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
      // The layer of every annotation and its id maps (see StagedAnnotations, Layer.ensure), in an idle moment
      // once the first frames have shown the text: at 10,000 annotations it is one task of tens of milliseconds.
      // A change before then builds it at once.
      const host = view.dom.ownerDocument.defaultView ?? window;
      const prebuild = () => (annotationKey.getState(view.state) as LayerState | undefined)?.layer.ensure();
      let idle = 0;
      const delay = host.setTimeout(() => {
        idle = host.requestIdleCallback ? host.requestIdleCallback(prebuild, { timeout: 1000 }) : host.setTimeout(prebuild, 0);
      }, PREBUILD_DELAY_MS);
      const painter = canPaintFresh() ? new FreshPainter(view) : null;
      return {
        update(v, prevState) {
          if (v.state.doc !== prevState.doc) tracker.schedule();
          const now = annotationKey.getState(v.state) as LayerState | undefined;
          const before = annotationKey.getState(prevState) as LayerState | undefined;
          if (painter && now && now !== before) syncFresh(painter, now, before, v.state.doc !== prevState.doc);
        },
        destroy: () => {
          painter?.destroy();
          host.clearTimeout(delay);
          if (host.cancelIdleCallback) host.cancelIdleCallback(idle);
          else host.clearTimeout(idle);
          tracker.destroy();
        },
      };
    },
  });
}

export function dispatchAnnotations(view: { state: EditorState; dispatch: (tr: Transaction) => void }, action: AnnotationAction): void {
  view.dispatch(view.state.tr.setMeta(annotationKey, action).setMeta('addToHistory', false));
}

/** Ids of the annotations covering position `pos`, innermost (shortest) first. */
export function annotationsAt(state: EditorState, pos: number): string[] {
  const s = annotationKey.getState(state) as LayerState | undefined;
  if (!s) return [];
  const seen = new Map<string, number>();
  const { ids } = s.layer;
  s.layer.index.forEach(pos, pos, (from, to, slot) => {
    const id = ids[slot]!;
    seen.set(id, Math.min(seen.get(id) ?? Infinity, to - from));
  });
  return [...seen.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
}

/**
 * Every annotation of the document: its source, lane and current ranges,
 * under a slot number, with all ranges in one RangeIndex. Changed in place
 * by `add` and `remove` (as AnnotationState.ranges is), replaced by `mapped`.
 */
class Layer {
  /** Per slot: the annotation's id, how it is drawn, its lane. A removed annotation leaves its slot empty. */
  readonly ids: (string | undefined)[] = [];
  readonly sources: (PaintedAnnotation | undefined)[] = [];
  readonly lanes: number[] = [];
  /**
   * Id → slot and id → ranges. A layer made by `paintAll` builds them on first
   * use (or in idle time after the first paint, see the plugin's view): 20,000
   * map entries are a large part of opening a document, and nothing needs them
   * before the reader acts.
   */
  private slotMap: Map<string, number> | null;
  private rangeMap: Map<string, { from: number; to: number }[]> | null;
  /** Until then, per slot: its ranges and the annotation's place in the list given to paintAll (the last repeat of an id counts). */
  private pending: { ranges: { from: number; to: number }[][]; given: number[] } | null = null;
  /** Ids given more than once to paintAll whose dropped repeat may still be drawn (see undraw in the plugin). */
  readonly repeated = new Set<string>();

  constructor(
    public index: RangeIndex,
    ranges: Map<string, { from: number; to: number }[]> | null,
  ) {
    this.rangeMap = ranges;
    this.slotMap = ranges && new Map();
    if (!ranges) this.pending = { ranges: [], given: [] };
  }

  get slots(): Map<string, number> {
    this.ensure();
    return this.slotMap!;
  }

  get ranges(): Map<string, { from: number; to: number }[]> {
    this.ensure();
    return this.rangeMap!;
  }

  /** Builds the id maps of a layer made by paintAll (once). */
  ensure(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    const slots = new Map<string, number>();
    const ranges = new Map<string, { from: number; to: number }[]>();
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot]!;
      const earlier = slots.get(id);
      if (earlier !== undefined) {
        // A repeated id: the one given last counts, as with repeated additions.
        const drop = pending.given[earlier]! > pending.given[slot]! ? slot : earlier;
        this.repeated.add(id);
        for (const r of pending.ranges[drop]!) this.index.remove(r.from, r.to, drop);
        this.ids[drop] = undefined;
        this.sources[drop] = undefined;
        if (drop === slot) continue;
      }
      slots.set(id, slot);
      ranges.set(id, pending.ranges[slot]!);
    }
    this.slotMap = slots;
    this.rangeMap = ranges;
  }

  /** Records an annotation under a new slot while paintAll builds the layer (no maps yet). */
  placeLazily(a: PaintedAnnotation, lane: number, ranges: { from: number; to: number }[], given: number): number {
    const slot = this.ids.length;
    this.ids.push(a.id);
    this.sources.push(a);
    this.lanes.push(lane);
    this.pending!.ranges.push(ranges);
    this.pending!.given.push(given);
    return slot;
  }

  /** Adds an annotation (not yet present) in the lowest lane free across its ranges. */
  add(a: PaintedAnnotation): void {
    const shown = a.ranges.filter((r) => r.to > r.from);
    if (!shown.length) return;
    const used = new Set<number>();
    for (const r of shown) this.index.forEach(r.from, r.to, (_f, _t, slot) => used.add(this.lanes[slot]!), true);
    let lane = 0;
    while (used.has(lane)) lane++;
    const slot = this.place(a, lane, shown);
    for (const r of shown) this.index.insert(r.from, r.to, slot);
  }

  /** Takes an annotation out; nothing when it is not there. */
  remove(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    for (const r of this.ranges.get(id) ?? []) this.index.remove(r.from, r.to, slot);
    this.slots.delete(id);
    this.ranges.delete(id);
    this.ids[slot] = undefined;
    this.sources[slot] = undefined;
  }

  /** Records an annotation under a new slot (the caller puts its ranges in the index). */
  place(a: PaintedAnnotation, lane: number, ranges: { from: number; to: number }[]): number {
    const slot = this.ids.length;
    this.ids.push(a.id);
    this.sources.push(a);
    this.lanes.push(lane);
    this.slots.set(a.id, slot);
    this.ranges.set(a.id, ranges);
    return slot;
  }

  /** The decorations of annotation `id` where it is now. */
  decorationsOf(id: string, selected: boolean): Decoration[] {
    const slot = this.slots.get(id);
    const rs = this.ranges.get(id);
    if (slot === undefined || !rs) return [];
    return rs.map((r) => decorationFor(this.sources[slot]!, r.from, r.to, this.lanes[slot]!, selected));
  }

  /** The same annotations mapped through a document change; those left without a range drop out. */
  mapped(mapping: Mappable): Layer {
    this.ensure();
    const index = this.index.map(mapping);
    const ranges = new Map<string, { from: number; to: number }[]>();
    index.forAll((from, to, slot) => {
      const id = this.ids[slot]!;
      const rs = ranges.get(id);
      if (rs) rs.push({ from, to });
      else ranges.set(id, [{ from, to }]);
    });
    const next = new Layer(index, ranges);
    for (const id of this.repeated) next.repeated.add(id);
    // Slots keep their numbers (the index refers to them); the dropped ones are emptied.
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot];
      const kept = id !== undefined && ranges.has(id);
      next.ids.push(kept ? id : undefined);
      next.sources.push(kept ? this.sources[slot] : undefined);
      next.lanes.push(this.lanes[slot]!);
      if (kept) next.slots.set(id, slot);
    }
    // Each annotation's ranges in its own order (the index holds them by start).
    for (const rs of ranges.values()) if (rs.length > 1) rs.sort((a, b) => a.from - b.from);
    return next;
  }
}

const NONE_FRESH: ReadonlySet<string> = new Set();

/**
 * Paints the state's fresh highlights: only the new ones when nothing else
 * changed, all again when the text or the drawn elements did (ProseMirror may
 * have replaced the text nodes the painted ranges were in).
 */
function syncFresh(painter: FreshPainter, now: LayerState, before: LayerState | undefined, docChanged: boolean): void {
  const again = docChanged || !before || before.visible !== now.visible;
  for (const id of [...painter.ids()]) if (again || !now.fresh.has(id)) painter.unpaint(id);
  if (!now.fresh.size) return;
  const { layer } = now;
  for (const id of now.fresh) {
    if (!again && before?.fresh.has(id)) continue;
    const slot = layer.slots.get(id);
    const ranges = layer.ranges.get(id);
    const source = slot === undefined ? undefined : layer.sources[slot];
    if (slot === undefined || !ranges || !source) continue;
    painter.paint(source, ranges, Math.min(layer.lanes[slot]!, MAX_LANES - 1));
  }
}

/** The plugin's state: the layer, and the decorations drawn; the set of all of them is built only when read. */
class LayerState implements AnnotationState {
  private all: DecorationSet | undefined;
  private built: Layer | (() => Layer);

  constructor(
    private readonly doc: PMNode,
    /** The layer, or how to build it when first read (staged annotations at open). */
    layer: Layer | (() => Layer),
    readonly selected: string | null,
    readonly window: PositionRange | null,
    readonly visible: DecorationSet,
    readonly fresh: ReadonlySet<string>,
  ) {
    this.built = layer;
  }

  get layer(): Layer {
    if (typeof this.built === 'function') this.built = this.built();
    return this.built;
  }

  get ranges(): Map<string, { from: number; to: number }[]> {
    return this.layer.ranges;
  }

  get decorations(): DecorationSet {
    if (!this.window && !this.fresh.size) return this.visible;
    return (this.all ??= drawn(this.doc, this.layer, this.selected, null));
  }
}

/** The decorations to draw: those touching `win`, or all of them. */
function drawn(doc: PMNode, layer: Layer, selected: string | null, win: PositionRange | null): DecorationSet {
  const decos: Decoration[] = [];
  const { ids, sources, lanes } = layer;
  const add = (from: number, to: number, slot: number) => decos.push(decorationFor(sources[slot]!, from, to, lanes[slot]!, ids[slot] === selected));
  if (win) layer.index.forEach(win.from, win.to, add);
  else layer.index.forAll(add);
  return buildInlineSet(doc, decos);
}

/** Greedy interval colouring in one sweep: each annotation gets the lowest lane free at its start. */
function paintAll(annotations: readonly PaintedAnnotation[]): Layer {
  // Sorted by start, longest first. The keys are packed into one number (start, then
  // the annotation's place) and sorted by the typed array's own numeric sort: no
  // comparator call per comparison, which matters most in a page's first run, before the JIT.
  const n = annotations.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const keys = new Float64Array(n);
  const stride = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  let shown = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const rs = annotations[i]!.ranges;
    if (!rs.length) continue;
    starts[i] = rs[0]!.from;
    let end = 0;
    for (let r = 0; r < rs.length; r++) if (rs[r]!.to > end) end = rs[r]!.to;
    ends[i] = end;
    count += rs.length;
    keys[shown++] = starts[i]! * stride + i;
  }
  const sortedKeys = keys.subarray(0, shown).sort();
  const order = new Int32Array(shown);
  for (let j = 0; j < shown; j++) order[j] = sortedKeys[j]! % stride;
  // Annotations starting together: the longest first (an insertion sort of each run, short in practice).
  for (let j = 1; j < shown; j++) {
    const i = order[j]!;
    let k = j - 1;
    while (k >= 0 && starts[order[k]!] === starts[i] && ends[order[k]!]! < ends[i]!) {
      order[k + 1] = order[k]!;
      k--;
    }
    order[k + 1] = i;
  }
  const laneEnds: number[] = []; // laneEnds[k]: where lane k becomes free
  const from = new Float64Array(count);
  const to = new Float64Array(count);
  const owner = new Int32Array(count);
  const layer = new Layer(new RangeIndex(), null);
  let k = 0;
  // Indexed loops, no iterators, callbacks or map entries: this runs once per annotation at open, mostly before the JIT has warmed up.
  for (let j = 0; j < shown; j++) {
    const i = order[j]!;
    const a = annotations[i]!;
    let lane = 0;
    while (lane < laneEnds.length && laneEnds[lane]! > starts[i]!) lane++;
    laneEnds[lane] = ends[i]!;
    // Empty ranges are not drawn (paint.ts leaves them out already; this is for other callers).
    let rs = a.ranges;
    for (let r = 0; r < rs.length; r++) {
      if (rs[r]!.to > rs[r]!.from) continue;
      rs = rs.filter((x) => x.to > x.from);
      break;
    }
    if (!rs.length) continue;
    const slot = layer.placeLazily(a, lane, rs, i);
    for (let r = 0; r < rs.length; r++) {
      from[k] = rs[r]!.from;
      to[k] = rs[r]!.to;
      owner[k++] = slot;
    }
  }
  layer.index = RangeIndex.of(from.subarray(0, k), to.subarray(0, k), owner.subarray(0, k));
  return layer;
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

function decorationFor(a: PaintedAnnotation, from: number, to: number, lane: number, selected: boolean): Decoration {
  const shown = Math.min(lane, MAX_LANES - 1);
  const cls = a.dashed ? (selected ? 'gl-hl gl-dashed gl-selected' : 'gl-hl gl-dashed') : selected ? 'gl-hl gl-selected' : 'gl-hl';
  return Decoration.inline(
    from,
    to,
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
  );
}
