import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { Plugin, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Annotation, Document, Label, ReusedPassage } from '../../../shared/index.ts';
import { annotationKey, annotationsAt, dispatchAnnotations } from '../reader/annotationPlugin.ts';
import { wakeSectionAt } from '../reader/lazySections.ts';
import { createReaderView } from '../reader/editorView.ts';
import { buildDoc, type OffsetMap } from '../reader/offsets.ts';
import { toPainted } from '../reader/paint.ts';
import { keyboardPlugin } from '../reader/plugins/keyboardPlugin.ts';
import { langAttribute } from '../common/lang.ts';
import { ColumnCaretAnnouncer } from './ColumnCaretAnnouncer.tsx';

export interface ColumnHandle {
  /** Scrolls to an annotation (or a reused passage's occurrence) and flashes it; with `focus`, the caret goes to its start and focus to the text. */
  reveal(id: string, focus?: boolean): void;
  /** Scrolls to a UTF-16 offset of the text and clears the flash (a passage this column has no highlight for). */
  scrollToOffset(offset: number): void;
  /** Puts focus back in the column's text (where a panel opened from it was). */
  focusText(): void;
}

interface Props {
  document: Document;
  annotations: Annotation[];
  labels: ReadonlyMap<string, Label>;
  passages: ReusedPassage[];
  /** A highlight was clicked, or Enter pressed on the caret in it: the innermost claim there (else the innermost annotation). */
  onAnnotationClick(annotation: Annotation, fromKeyboard: boolean): void;
  /** The column's heading and accessible name; the document's title by default. */
  name?: string;
  /** A claim's links as words, for the caret announcer ("against on “…”"). */
  claimsOf?(annotationId: string): readonly string[];
}

const NO_CLAIMS = (): readonly string[] => [];

/** Reused passages are painted under ids of their own. */
export const passageId = (passage: string, document: string) => `passage:${passage}:${document}`;

/** One column of the compare view: a read-only reader with the document's highlights. */
export const CompareColumn = forwardRef<ColumnHandle, Props>(function CompareColumn({ document, annotations, labels, passages, onAnnotationClick, name, claimsOf = NO_CLAIMS }, ref) {
  const mount = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const map = useRef<OffsetMap | null>(null);
  const annotationMap = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const byId = useRef(annotationMap);
  const caretReport = useRef<((ids: readonly string[]) => void) | null>(null);
  const clickRef = useRef(onAnnotationClick);
  const labelsRef = useRef(labels);
  /** Reports the annotation the user means among `ids` (innermost first): a claim, which compare works with, before an entity inside it. */
  const openRef = useRef((ids: readonly string[], fromKeyboard: boolean) => {
    const found = ids.map((x) => byId.current.get(x)).filter((a): a is Annotation => a !== undefined);
    const a = found.find((x) => labelsRef.current.get(x.labelId)?.kind === 'claim') ?? found[0];
    if (a) clickRef.current(a, fromKeyboard);
  });
  const title = name ?? document.title;
  const lang = langAttribute(document.metadata.language);
  // Read by the view's attributes on every update, so the text's name follows the heading (same titles told apart).
  const titleRef = useRef(title);
  // The view's handlers and attributes read the latest props through these refs.
  useEffect(() => {
    byId.current = annotationMap;
    clickRef.current = onAnnotationClick;
    labelsRef.current = labels;
    titleRef.current = title;
  });

  useEffect(() => {
    if (!mount.current) return;
    const built = buildDoc(document.text, document.blocks);
    map.current = built.map;
    // Enter on the caret inside a highlight does what a click does, so the similar passages open from the keyboard too.
    const keys = keyboardPlugin({ tag: () => undefined, openPicker: () => undefined, openEditor: (_v, ids) => openRef.current(ids, true), escape: () => undefined });
    // What the caret is in, for the announcer: highlights are colour only.
    const caret = new Plugin({
      view: () => ({
        update(v2, prev) {
          if (v2.state.selection.eq(prev.selection)) return;
          const { empty, from } = v2.state.selection;
          caretReport.current?.(empty && v2.hasFocus() ? annotationsAt(v2.state, from).filter((x) => !x.includes(':')) : []);
        },
      }),
    });
    const v = createReaderView(
      mount.current,
      built.doc,
      {
        attributes: () => ({ class: 'gl-reader-text gl-compare-text', role: 'textbox', 'aria-label': `Text of ${titleRef.current}`, 'aria-readonly': 'true', 'aria-multiline': 'true' }),
        handleClick(v2, pos) {
          openRef.current(annotationsAt(v2.state, pos), false);
          return false;
        },
      },
      [keys, caret],
    );
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [document]);

  useEffect(() => {
    const v = view.current;
    const m = map.current;
    if (!v || !m) return;
    const painted = annotations.map((a) => toPainted(a, labels, m));
    for (const p of passages) {
      const occ = p.occurrences.find((o) => o.document === document.id);
      if (occ) painted.push({ id: passageId(p.id, document.id), ranges: [m.rangeToPos(occ)], color: '#8a8f98', label: `Reused passage (${Math.round(p.similarity * 100)}% similar)`, dashed: true });
    }
    dispatchAnnotations(v, { type: 'reset', annotations: painted });
  }, [annotations, labels, passages, document.id]);

  const scrollToPos = (v: EditorView, pos: number) => {
    wakeSectionAt(v, pos);
    const coords = v.coordsAtPos(pos);
    const box = scroller.current!.getBoundingClientRect();
    scroller.current!.scrollBy({ top: coords.top - box.top - box.height / 3 });
  };

  useImperativeHandle(ref, () => ({
    reveal(id: string, focus = false) {
      const v = view.current;
      const r = v && annotationKey.getState(v.state)?.ranges.get(id)?.[0];
      if (!v || !r) return;
      dispatchAnnotations(v, { type: 'select', id });
      scrollToPos(v, r.from);
      if (focus) {
        // Focus first, so the caret's move is announced as one in the focused text.
        v.focus();
        v.dispatch(v.state.tr.setSelection(TextSelection.near(v.state.doc.resolve(r.from))).setMeta('addToHistory', false));
      }
    },
    scrollToOffset(offset: number) {
      const v = view.current;
      const m = map.current;
      if (!v || !m) return;
      dispatchAnnotations(v, { type: 'select', id: null });
      scrollToPos(v, m.rangeToPos({ start: offset, end: offset }).from);
    },
    focusText() {
      view.current?.focus();
    },
  }));

  return (
    <section className="gl-compare-column" aria-label={title}>
      <h2 className="gl-compare-title" title={title} dir="auto" lang={lang}>
        {title}
      </h2>
      {/* Focusable, so the column scrolls from the keyboard too (WCAG 2.1.1). */}
      <div className="gl-compare-scroll" ref={scroller} tabIndex={0} role="region" aria-label={`Scroll ${title}`}>
        <div ref={mount} lang={lang} />
      </div>
      <ColumnCaretAnnouncer reportRef={caretReport} annotations={annotationMap} labels={labels} claimsOf={claimsOf} />
    </section>
  );
});
