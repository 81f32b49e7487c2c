import type { EditorView } from 'prosemirror-view';
import type { PaintedAnnotation } from './annotationPlugin.ts';

/*
 * Highlights just made in this reader are painted with the CSS Custom
 * Highlight API (ranges registered in `CSS.highlights`, styled by
 * `::highlight()` rules) rather than as elements. Adding an element splits
 * the paragraph's text nodes: ProseMirror redraws the paragraph, the browser
 * lays it out again and puts the selection back into the new nodes, which
 * costs more than everything else in an addition. A registered range changes
 * no node and no layout, only paint. Such a highlight becomes an element like
 * the others the next time its part of the text is drawn anyway (a selection
 * of a highlight, a scroll that moves the drawn window, a repaint); until then
 * `freshAnnotationAt` answers for it where code looks for `[data-ann]`.
 */

/** Its ranges, and the registered highlight they are in. */
interface Painted {
  name: string;
  ranges: Range[];
}

/** Every reader's fresh highlights, by view: the registry (`CSS.highlights`) is one per page. */
const painters = new Map<EditorView, FreshPainter>();
/** Registered highlight name → the colour its `::highlight()` rule paints. */
const ruleColors = new Map<string, string>();
let sheet: CSSStyleSheet | null = null;

/** Whether the browser paints registered ranges (Chromium 105+, Firefox 140+, Safari 17.2+). */
export function canPaintFresh(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/** The registered highlight name of a label's fresh highlights in a lane. */
export function freshHighlightName(labelId: string, lane: number): string {
  return `gl-fresh-${lane}-${labelId}`;
}

/** The `::highlight()` selector of that name (ids may hold characters an identifier cannot). */
export function freshHighlightSelector(labelId: string, lane: number): string {
  return `::highlight(${CSS.escape(freshHighlightName(labelId, lane))})`;
}

/** The rule painting a fresh highlight as `.gl-hl` paints an element: a tint and an underline lowered per lane. */
function ensureRule(name: string, color: string, lane: number): void {
  if (ruleColors.get(name) === color) return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const selector = `::highlight(${CSS.escape(name)})`;
  const rule = `${selector}{background-color:color-mix(in srgb, ${color} 20%, transparent);text-decoration:underline 2px solid ${color};text-underline-offset:${3 + lane * 4}px}`;
  for (let i = sheet.cssRules.length - 1; i >= 0; i--) if ((sheet.cssRules[i] as CSSStyleRule).selectorText === selector) sheet.deleteRule(i);
  sheet.insertRule(rule, sheet.cssRules.length);
  ruleColors.set(name, color);
}

function registered(name: string): Highlight {
  let h = CSS.highlights.get(name);
  if (!h) {
    h = new Highlight();
    CSS.highlights.set(name, h);
  }
  return h;
}

/** A reader's fresh highlights: what it registered, so that it can take them back. */
export class FreshPainter {
  private readonly painted = new Map<string, Painted>();
  /** Range → annotation id, for pointer lookups. */
  private readonly owners = new WeakMap<AbstractRange, string>();

  constructor(private readonly view: EditorView) {
    painters.set(view, this);
  }

  /** How many annotations are painted now. */
  get size(): number {
    return this.painted.size;
  }

  /** Which annotations are painted now. */
  ids(): IterableIterator<string> {
    return this.painted.keys();
  }

  /** The ranges of annotation `id` painted here (none when it is not). */
  rangesOf(id: string): readonly Range[] {
    return this.painted.get(id)?.ranges ?? [];
  }

  owner(range: AbstractRange): string | undefined {
    return this.owners.get(range);
  }

  /** Paints annotation `a` over `positions` (its ranges in the document now), in `lane`. */
  paint(a: PaintedAnnotation, positions: readonly { from: number; to: number }[], lane: number): void {
    this.unpaint(a.id);
    const name = freshHighlightName(a.labelId ?? '', lane);
    ensureRule(name, a.color, lane);
    const highlight = registered(name);
    const ranges: Range[] = [];
    for (const p of positions) {
      const range = this.domRange(p.from, p.to);
      if (!range) continue;
      ranges.push(range);
      this.owners.set(range, a.id);
      highlight.add(range);
    }
    this.painted.set(a.id, { name, ranges });
  }

  unpaint(id: string): void {
    const was = this.painted.get(id);
    if (!was) return;
    this.painted.delete(id);
    const highlight = CSS.highlights.get(was.name);
    for (const r of was.ranges) highlight?.delete(r);
  }

  /** Takes back everything this reader painted. */
  clear(): void {
    for (const id of [...this.painted.keys()]) this.unpaint(id);
  }

  destroy(): void {
    this.clear();
    painters.delete(this.view);
  }

  private domRange(from: number, to: number): Range | null {
    try {
      const start = this.view.domAtPos(from, 1);
      const end = this.view.domAtPos(to, -1);
      const range = this.view.dom.ownerDocument.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      return range;
    } catch {
      // A position in a part of the text not drawn yet: that part will be drawn with its highlights.
      return null;
    }
  }
}

/** The fresh highlight's annotation under a point (viewport coordinates) in any reader, if one is there. */
export function freshAnnotationAt(x: number, y: number): string | null {
  // Called on every pointer move over the text: nothing to look up unless some reader painted something.
  let painted = false;
  for (const p of painters.values()) painted ||= p.size > 0;
  if (!painted || !canPaintFresh()) return null;
  const fromPoint = (CSS.highlights as unknown as { highlightsFromPoint?: (x: number, y: number) => { ranges: AbstractRange[] }[] }).highlightsFromPoint;
  if (typeof fromPoint === 'function') {
    for (const hit of fromPoint.call(CSS.highlights, x, y)) {
      for (const range of hit.ranges) {
        for (const painter of painters.values()) {
          const id = painter.owner(range);
          if (id) return id;
        }
      }
    }
    return null;
  }
  // Browsers without highlightsFromPoint (Chromium before 140): the painted ranges' boxes, few as they are.
  for (const painter of painters.values()) {
    for (const id of painter.ids()) {
      for (const range of painter.rangesOf(id)) {
        for (const r of Array.from(range.getClientRects())) if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return id;
      }
    }
  }
  return null;
}

/** The painted range of annotation `id` in any reader (for drawing relation arrows to it). */
export function freshRangeOf(id: string): Range | undefined {
  for (const painter of painters.values()) {
    const r = painter.rangesOf(id)[0];
    if (r) return r;
  }
  return undefined;
}
