import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView, type NodeView } from 'prosemirror-view';
import { buildInlineSet } from './decorationTree.ts';
import { SECTION_CLASS } from './schema.ts';
import { blocksNearViewport, trackViewport } from './viewportWindow.ts';

/*
 * A long document's sections are drawn lazily: at open only the sections at
 * the start (where the reader opens) get their paragraphs in the DOM; the
 * others are empty placeholders of about their height. The rest are drawn
 * a few at a time in idle moments right after the first paint (so that
 * within a second or so the whole text is in the DOM again, for find in
 * page and assistive technology), and at once when the viewport, the
 * selection or a caller (`wakeSectionAt`) comes to them. Opening a 1 MB
 * document then builds a screenful of DOM instead of 5,000 paragraphs.
 */

/** The class of a section whose paragraphs are not drawn yet. */
export const DORMANT_CLASS = 'gl-dormant';
/** Sections drawn at open: those starting within this many positions of the start (about two screens; a section is about three). */
const AWAKE_AT_OPEN = 6_000;
/** Sections drawn per idle slice afterwards (a few milliseconds of work each). */
const PER_SLICE = 3;
/** Sections within this many viewport heights of the screen are drawn at once. */
const VIEWPORT_MARGIN = 2;

interface LazyState {
  /** Per top-level child: whether it is still a placeholder. Null when everything is drawn. */
  dormant: Uint8Array | null;
  decorations: DecorationSet;
}

type LazyAction = { wake: number[] } | { wakeAt: number[] } | { all: true };

const lazyKey = new PluginKey<LazyState>('lazySections');

/** Index of the top-level child holding position `pos`. */
function childAt(doc: PMNode, pos: number): number {
  return doc.resolve(Math.max(0, Math.min(pos, doc.content.size))).index(0);
}

function decorationsOf(doc: PMNode, dormant: Uint8Array | null): DecorationSet {
  if (!dormant) return DecorationSet.empty;
  const decos: Decoration[] = [];
  let pos = 0;
  for (let i = 0; i < doc.childCount; i++) {
    const child = doc.child(i);
    if (dormant[i]) decos.push(Decoration.node(pos, pos + child.nodeSize, {}, { dormant: true }));
    pos += child.nodeSize;
  }
  // Each covers a whole top-level child, so the set is flat: built directly rather than by DecorationSet.create's scan per child.
  return buildInlineSet(doc, decos);
}

function initial(doc: PMNode): LazyState {
  const n = doc.childCount;
  if (!n || doc.firstChild!.type.name !== 'section' || doc.content.size <= 2 * AWAKE_AT_OPEN) return { dormant: null, decorations: DecorationSet.empty };
  const dormant = new Uint8Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (pos > AWAKE_AT_OPEN) dormant[i] = 1;
    pos += doc.child(i).nodeSize;
  }
  return { dormant, decorations: decorationsOf(doc, dormant) };
}

function apply(tr: Transaction, prev: LazyState): LazyState {
  if (!prev.dormant) return prev;
  const action = tr.getMeta(lazyKey) as LazyAction | undefined;
  // A change of the document's outline (never made by the reader today): draw everything rather than track it.
  if (tr.docChanged && tr.doc.childCount !== prev.dormant.length) return { dormant: null, decorations: DecorationSet.empty };
  if (action && 'all' in action) return { dormant: null, decorations: DecorationSet.empty };
  const wake = new Set<number>();
  if (action && 'wake' in action) for (const i of action.wake) wake.add(i);
  if (action && 'wakeAt' in action) for (const pos of action.wakeAt) wake.add(childAt(tr.doc, pos));
  // The selection's sections are drawn before ProseMirror puts the selection into the DOM.
  if (tr.selectionSet) {
    wake.add(childAt(tr.doc, tr.selection.from));
    wake.add(childAt(tr.doc, tr.selection.to));
  }
  const woken = [...wake].filter((i) => prev.dormant![i]);
  if (!woken.length) return tr.docChanged ? { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) } : prev;
  const dormant = prev.dormant.slice();
  for (const i of woken) dormant[i] = 0;
  if (!dormant.includes(1)) return { dormant: null, decorations: DecorationSet.empty };
  return { dormant, decorations: decorationsOf(tr.doc, dormant) };
}

/** A section's placeholder: an empty block of about the section's height (its text length on lines of about 80 characters). */
function placeholder(node: PMNode): NodeView {
  const dom = document.createElement('div');
  dom.className = `${SECTION_CLASS} ${DORMANT_CLASS}`;
  dom.setAttribute('aria-busy', 'true');
  // The content's size less two tokens per block is its text length (no string built for it).
  dom.style.height = `${Math.ceil(((node.content.size - 2 * node.childCount) / 80) * 1.85 + node.childCount * 0.9)}em`;
  return {
    dom,
    // Stays a placeholder while it is dormant; drawn anew (as a section) once it is not.
    update: (next, decorations) => next.type === node.type && decorations.some((d) => (d.spec as { dormant?: boolean }).dormant === true),
    ignoreMutation: () => true,
  };
}

/** Draws the sections at `positions` now, if they are still placeholders (before reading their DOM, e.g. to scroll to them). */
export function wakeSectionAt(view: EditorView, ...positions: number[]): void {
  const s = lazyKey.getState(view.state);
  if (!s?.dormant || !positions.some((p) => s.dormant![childAt(view.state.doc, p)])) return;
  view.dispatch(view.state.tr.setMeta(lazyKey, { wakeAt: positions }).setMeta('addToHistory', false));
}

/** Whether every section of the view's document is drawn. */
export function allSectionsDrawn(state: EditorState): boolean {
  return !lazyKey.getState(state)?.dormant;
}

/** The plugin: placeholders for the sections far from the start at open, drawn in idle time, by the viewport and by the selection. */
export function lazySectionsPlugin(): Plugin<LazyState> {
  return new Plugin<LazyState>({
    key: lazyKey,
    state: {
      init: (_config, state) => initial(state.doc),
      apply: (tr, prev) => apply(tr, prev),
    },
    props: {
      decorations: (state) => lazyKey.getState(state)?.decorations,
      nodeViews: {
        section: (node, _view, _getPos, decorations) => {
          if (decorations.some((d) => (d.spec as { dormant?: boolean }).dormant === true)) return placeholder(node);
          const dom = document.createElement('div');
          dom.className = SECTION_CLASS;
          return { dom, contentDOM: dom };
        },
      },
    },
    view: (view) => {
      let idle = 0;
      const win = view.dom.ownerDocument.defaultView ?? window;
      const schedule = () => {
        if (idle || allSectionsDrawn(view.state)) return;
        idle = win.requestIdleCallback ? win.requestIdleCallback(slice, { timeout: 200 }) : win.setTimeout(slice, 16);
      };
      const cancel = () => {
        if (!idle) return;
        if (win.cancelIdleCallback) win.cancelIdleCallback(idle);
        else win.clearTimeout(idle);
        idle = 0;
      };
      /** Draws the next few placeholders, nearest the drawn part first (in document order). */
      function slice() {
        idle = 0;
        const dormant = lazyKey.getState(view.state)?.dormant;
        if (!dormant) return;
        const wake: number[] = [];
        for (let i = 0; i < dormant.length && wake.length < PER_SLICE; i++) if (dormant[i]) wake.push(i);
        view.dispatch(view.state.tr.setMeta(lazyKey, { wake }).setMeta('addToHistory', false));
        schedule();
      }
      const tracker = trackViewport(view, () => {
        if (allSectionsDrawn(view.state)) return;
        const near = blocksNearViewport(view, VIEWPORT_MARGIN * (win.innerHeight || 800));
        if (near) wakeSectionAt(view, near.from, Math.max(near.from, near.to - 1));
      });
      // After the first two frames (the one showing the text, and the next): the idle slices must not delay them.
      let first = win.requestAnimationFrame(() => {
        first = win.requestAnimationFrame(() => {
          first = 0;
          schedule();
        });
      });
      return {
        update: () => {
          if (!first) schedule();
        },
        destroy: () => {
          if (first) win.cancelAnimationFrame(first);
          cancel();
          tracker.destroy();
        },
      };
    },
  });
}
