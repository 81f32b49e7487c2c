import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Label } from '../../../shared/index.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { CaretAnnouncer } from './CaretAnnouncer.tsx';
import { HoverCard } from './HoverCard.tsx';
import { useHoverCard } from './useHoverCard.ts';
import { RelationArcs } from './RelationArcs.tsx';
import { useReaderSettings } from './useReaderSettings.ts';
import { hiddenLabelsStyle, LabelPalette } from './LabelPalette.tsx';
import { annotationKey, annotationsAt, dispatchAnnotations } from './annotationPlugin.ts';
import { wakeSectionAt } from './lazySections.ts';
import { AnnotationEditor } from './AnnotationEditor.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { EntitySection } from './EntitySection.tsx';
import { LabelPicker } from './LabelPicker.tsx';
import { buildDoc } from './offsets.ts';
import { stagePainted, toPainted, trimRange } from './paint.ts';
import { focusSuggestion, SUGGESTION_PREFIX, type SuggestionReview } from './plugins/suggestionPlugin.ts';
import type { RelationDrop } from './plugins/relationDragPlugin.ts';
import { PropagationDialog } from './PropagationDialog.tsx';
import { ReaderSidePanel, type SideTab } from './ReaderSidePanel.tsx';
import { EditTextToggle } from './EditTextToggle.tsx';
import { isEditing } from './plugins/editTextPlugin.ts';
import { useEditText } from './useEditText.ts';
import { RelationSection } from './RelationSection.tsx';
import { RelationTypePicker } from './RelationTypePicker.tsx';
import { useAnnotationActions } from './useAnnotationActions.ts';
import { useLiveReader } from './useLiveReader.ts';
import { useReaderDocument } from './useReaderDocument.ts';
import { useReaderView } from './useReaderView.ts';
import { useRelationActions } from './useRelationActions.ts';
import { useResearch } from './useResearch.ts';
import { useSuggestionActions } from './useSuggestionActions.ts';
import { snapToWords, trimToWords } from './wordSnap.ts';
import { LayerFilter, useLayers } from '../team/LayerFilter.tsx';
import { langAttribute } from '../common/lang.ts';

interface Props {
  documentId: string;
  labels: Label[];
  history: History;
  /** An annotation to scroll to and open once the document is loaded. */
  initialAnnotationId?: string;
  onOpenEntity(entityId: string): void;
}

const IDLE_REVIEW: SuggestionReview = { active: false, loading: false, list: [], current: 0 };

/**
 * The reader: the document's text with its highlights, the side panel and
 * the editors. Loading, the actions and the text's behaviour live in hooks
 * and ProseMirror plugins; this component lays them out and routes events.
 */
export function Reader({ documentId, labels, history, initialAnnotationId, onOpenEntity }: Props) {
  const document = useReaderDocument(documentId);
  const { doc, annotations, error } = document;
  const layers = useLayers(annotations);
  const [research, reloadResearch] = useResearch(documentId);
  const caretReport = useRef<((ids: readonly string[]) => void) | null>(null);
  const [settings, changeSettings] = useReaderSettings(history);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; alsoHere: string[] } | null>(null);
  const [picker, setPicker] = useState<{ left: number; top: number; autoFocus: boolean } | null>(null);
  const [tab, setTab] = useState<SideTab>('annotations');
  const [propagateFor, setPropagateFor] = useState<string | null>(null);
  const [review, setReview] = useState<SuggestionReview>(IDLE_REVIEW);
  const [relationDrop, setRelationDrop] = useState<RelationDrop | null>(null);
  const [hiddenLabels, setHiddenLabels] = useState<ReadonlySet<string>>(new Set());
  const { hover, onMouseMove, onMouseLeave, onCaret, onTextBlur } = useHoverCard();

  const mountRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  // Built from the text and its blocks only: a new title or metadata (another session's edit) keeps the view as it is.
  const text = doc?.text;
  const blocks = doc?.blocks;
  const built = useMemo(() => (text !== undefined && blocks ? buildDoc(text, blocks) : null), [text, blocks]);
  const map = built?.map ?? null;

  const viewRef = useReaderView(mountRef, built?.doc ?? null, labels, {
    tag: (v, label) => void tagSelection(v, label),
    openPicker: (v) => showPicker(v, true),
    openEditor: (_v, ids) => openEditor(ids[0]!, ids.slice(1)),
    escape: () => setPicker(null),
    clickedPlain: () => setEditing(null),
    selectionSettled: (v) => {
      const { empty, from } = v.state.selection;
      if (empty) setPicker(null);
      else showPicker(v, false);
      const under = empty ? annotationsAt(v.state, from) : [];
      caretReport.current?.(under);
      // Keyboard users get the hover card too: the innermost annotation the caret is inside (not at its edge,
      // where a tag just made leaves it), below the caret.
      const ranges = under.length && v.hasFocus() ? annotationKey.getState(v.state)?.ranges : undefined;
      const id = ranges && under.find((x) => !x.includes(':') && ranges.get(x)?.some((r) => r.from < from && from < r.to));
      const at = id ? v.coordsAtPos(from) : null;
      onCaret(id ?? null, at?.left, at?.bottom);
    },
    snap: (_v, from, to) => {
      if (!settings.snapToWords || !map || !doc) return null;
      const r = snapToWords(doc.text, map.toOffset(from), map.toOffset(to));
      return { from: map.toPos(r.start, 1), to: map.toPos(r.end, -1) };
    },
    relationDropped: (_v, drop) => setRelationDrop(drop),
    acceptSuggestion: (_v, s) => void suggestions.accept([s]),
    rejectSuggestion: (_v, s) => void suggestions.reject(s),
    paintSuggestion: (s) => toPainted({ id: SUGGESTION_PREFIX + s.id, ranges: [{ start: s.start, end: s.end }], labelId: s.labelId }, labelMap, map!, true),
    reviewChanged: setReview,
    editChanged: (v, on, state) => editText.changed(v, on, state),
    paintAnnotation: (id) => (annotations.has(id) && map ? toPainted(annotations.get(id)!, labelMap, map) : null),
    initialAnnotations: () => stagePainted(Array.from(annotations.values()).filter((a) => layers.shownRef.current(a)), (a) => toPainted(a, labelMap, map!), map!),
    ready: (v) => {
      if (initialAnnotationId && annotations.has(initialAnnotationId)) {
        requestAnimationFrame(() => {
          scrollTo(initialAnnotationId);
          openEditor(initialAnnotationId);
        });
      } else {
        // Opening a document puts the keyboard in its text.
        v.focus();
      }
    },
  });

  // Other sessions' changes to this document are read again in place (scroll, selection and editor stay).
  const liveRefreshes = useLiveReader({ documentId, document, viewRef, reloadResearch });

  // When labels change (colour, name), the annotators' layers shown do, or another session changed the annotations, repaint.
  const repaint = useEffectEvent(() => {
    const view = viewRef.current;
    if (view && map) dispatchAnnotations(view, { type: 'reset', annotations: Array.from(annotations.values()).filter(layers.shown).map((a) => toPainted(a, labelMap, map)) });
  });
  useEffect(() => repaint(), [labelMap, layers.key, liveRefreshes]);

  const actions = useAnnotationActions({
    documentId,
    viewRef,
    map,
    labels: labelMap,
    history,
    document,
    reloadResearch,
    onRemoved: (id) => {
      setEditing((e) => (e?.id === id ? null : e));
      setSelected((s) => (s === id ? null : s));
    },
  });
  const suggestions = useSuggestionActions({ documentId, viewRef, history, actions, reloadResearch });
  const relations = useRelationActions({ history, reloadResearch });
  const editText = useEditText({ documentId, viewRef, doc, map, history, reload: document.reload });

  const tagSelection = async (view: EditorView, label: Label) => {
    if (isEditing(view.state)) return notify('info', 'The text is being edited: choose “Done editing” first, then tag.');
    if (!map || !doc) return;
    const { from, to } = view.state.selection;
    if (from === to) return;
    // Whole-word mode also leaves out dangling punctuation ("Chile–", "Islamabad."); with it off, only white space.
    const range = (settings.snapToWords ? trimToWords : trimRange)(doc.text, map.toOffset(from), map.toOffset(to));
    if (range.end <= range.start) return;
    setPicker(null);
    // The same span with the same label again is a slip: say so and open the existing one instead.
    const twin = [...annotations.values()].find((a) => a.labelId === label.id && a.ranges.length === 1 && a.ranges[0]!.start === range.start && a.ranges[0]!.end === range.end);
    if (twin) {
      notify('info', `“${twin.quote.slice(0, 60)}” is already tagged ${label.name}: its editor is open.`);
      activate(twin.id);
      return;
    }
    // The selection collapses so the new highlight shows in its own colour.
    await actions.createUndoable({ id: crypto.randomUUID(), ranges: [range], labelId: label.id }, `tag ${label.name}`, to);
    view.focus();
  };

  function showPicker(v: EditorView, autoFocus: boolean) {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const end = v.coordsAtPos(v.state.selection.to);
    const box = scroller.getBoundingClientRect();
    setPicker({ left: Math.max(8, Math.min(end.left - box.left, box.width - 320)), top: end.bottom - box.top + scroller.scrollTop + 6, autoFocus });
  }

  function openEditor(id: string, alsoHere: string[] = []) {
    setEditing({ id, alsoHere });
    select(id);
  }

  function select(id: string | null) {
    setSelected(id);
    const view = viewRef.current;
    if (view) dispatchAnnotations(view, { type: 'select', id });
  }

  function scrollTo(id: string) {
    const view = viewRef.current;
    const r = view && annotationKey.getState(view.state)?.ranges.get(id)?.[0];
    if (!view || !r) return;
    wakeSectionAt(view, r.from);
    const { node } = view.domAtPos(r.from);
    const el = node.nodeType === 1 ? (node as HTMLElement) : node.parentElement;
    el?.scrollIntoView({ block: 'center' });
  }

  const activate = (id: string) => {
    scrollTo(id);
    openEditor(id);
  };

  const focusText = () => viewRef.current?.focus();

  const sorted = useMemo(
    () => Array.from(annotations.values()).sort((a, b) => a.ranges[0]!.start - b.ranges[0]!.start || b.ranges[0]!.end - a.ranges[0]!.end),
    [annotations],
  );
  const editingAnnotation = editing ? annotations.get(editing.id) : undefined;
  // Relations are shown in the text too: the selected annotation's related ones are outlined in the relation type's colour.
  const relatedStyle = useMemo(() => {
    if (!selected) return '';
    const colorOf = new Map(research.relationTypes.map((t) => [t.id, t.color]));
    return research.relations
      .filter((r) => r.fromAnnotationId === selected || r.toAnnotationId === selected)
      .map((r) => {
        const other = r.fromAnnotationId === selected ? r.toAnnotationId : r.fromAnnotationId;
        return `.gl-reader-text [data-ann="${CSS.escape(other)}"]{outline:2px dashed ${colorOf.get(r.typeId) ?? '#555'};outline-offset:1px}`;
      })
      .join('\n');
  }, [selected, research.relations, research.relationTypes]);

  if (error) return <div className="gl-error-page" role="alert">Could not open the document: {error}</div>;
  const lang = langAttribute(doc?.metadata.language);

  return (
    <div className="gl-reader">
      {relatedStyle && <style>{relatedStyle}</style>}
      {hiddenLabels.size > 0 && <style>{hiddenLabelsStyle(hiddenLabels)}</style>}
      <div className="gl-reader-main" ref={scrollRef}>
        {doc ? (
          <article
            className="gl-article"
            aria-label={doc.title}
            onMouseMove={onMouseMove}
            onMouseLeave={onMouseLeave}
            onBlur={(e) => {
              // Focus left the text (for the palette, the side panel or elsewhere): a card shown for the caret goes.
              if (!mountRef.current?.contains(e.relatedTarget as Node | null)) onTextBlur();
            }}
          >
            {settings.showRelationArcs && <RelationArcs relations={research.relations} relationTypes={research.relationTypes} version={annotations} />}
            <EditTextToggle edit={editText} />
            <LabelPalette
              labels={labels}
              settings={settings}
              onSettings={changeSettings}
              hidden={hiddenLabels}
              onTag={(l) => {
                const view = viewRef.current;
                if (view && !view.state.selection.empty) void tagSelection(view, l);
                else notify('info', 'Select some text first, then choose its label.');
              }}
              onToggle={(ids, hide) =>
                setHiddenLabels((h) => {
                  const next = new Set(h);
                  for (const id of ids) if (hide) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
            />
            <header className="gl-article-head">
              <h1 dir="auto" lang={lang}>
                {doc.title}
              </h1>
              <p className="gl-doc-meta">
                {[doc.metadata.outlet, doc.metadata.author, doc.metadata.published, doc.metadata.url].filter(Boolean).join(' · ') || doc.name}
              </p>
            </header>
            {/* The text's language, for screen readers' voices and hyphenation (WCAG 3.1.2, language of parts). */}
            <div ref={mountRef} lang={lang} />
            <CaretAnnouncer reportRef={caretReport} annotations={annotations} labels={labelMap} research={research} suggestions={review.list} />
          </article>
        ) : (
          <p className="gl-loading">Loading…</p>
        )}
        {hover && annotations.get(hover.id) && !picker && (
          <HoverCard
            annotation={annotations.get(hover.id)!}
            label={labelMap.get(annotations.get(hover.id)!.labelId)}
            entity={research.entities.get(research.entityByAnnotation.get(hover.id) ?? '')}
            claims={research.claims.filter((c) => c.annotationId === hover.id)}
            at={hover}
          />
        )}
        {picker && (
          <LabelPicker
            labels={labels}
            position={picker}
            autoFocus={picker.autoFocus}
            onPick={(l) => viewRef.current && void tagSelection(viewRef.current, l)}
            onClose={() => {
              setPicker(null);
              focusText();
            }}
          />
        )}
      </div>
      {relationDrop && (
        <RelationTypePicker
          at={relationDrop}
          relationTypes={research.relationTypes}
          onPick={async (typeId) => {
            setRelationDrop(null);
            if (await relations.create(typeId, relationDrop.fromId, relationDrop.toId)) openEditor(relationDrop.fromId);
          }}
          onClose={() => {
            setRelationDrop(null);
            focusText();
          }}
        />
      )}
      {propagateFor && (
        <PropagationDialog
          annotationId={propagateFor}
          documentId={documentId}
          history={history}
          onCreated={(list) => list.forEach(actions.upsertLocal)}
          reload={reloadResearch}
          onClose={() => setPropagateFor(null)}
          // Opened right after an entity was created, its opener (the entity field) is gone: focus goes to the text.
          onFocusLost={focusText}
        />
      )}
      <aside className="gl-side" aria-label="Annotation panel">
        {editingAnnotation && (
          <AnnotationEditor
            annotation={editingAnnotation}
            labels={labels}
            alsoHere={(editing?.alsoHere ?? [])
              .map((id) => annotations.get(id))
              .filter((a) => a !== undefined)
              .map((a) => ({ id: a.id, text: `${labelMap.get(a.labelId)?.name ?? '?'}: ${a.quote.slice(0, 40)}` }))}
            onChange={(changes) => void actions.update(editingAnnotation.id, changes)}
            onDelete={() => void actions.remove(editingAnnotation.id)}
            onSelect={(id) => openEditor(id)}
            onClose={() => {
              setEditing(null);
              select(null);
              focusText();
            }}
          >
            {labelMap.get(editingAnnotation.labelId)?.kind === 'entity' && (
              <EntitySection
                annotation={editingAnnotation}
                entity={research.entities.get(research.entityByAnnotation.get(editingAnnotation.id) ?? '')}
                history={history}
                reload={reloadResearch}
                onPropagate={setPropagateFor}
              />
            )}
            {labelMap.get(editingAnnotation.labelId)?.kind === 'claim' && (
              <ClaimSection
                annotation={editingAnnotation}
                claims={research.claims.filter((c) => c.annotationId === editingAnnotation.id)}
                stances={research.stances}
                entities={research.entities}
                history={history}
                reload={reloadResearch}
              />
            )}
            <RelationSection
              annotation={editingAnnotation}
              relations={research.relations}
              relationTypes={research.relationTypes}
              annotations={sorted}
              labels={labelMap}
              history={history}
              reload={reloadResearch}
              onSelect={activate}
              text={doc?.text}
            />
          </AnnotationEditor>
        )}
        <ReaderSidePanel
          tab={tab}
          onTab={setTab}
          documentId={documentId}
          annotations={sorted.filter(layers.shown)}
          layerFilter={<LayerFilter layers={layers} />}
          text={doc?.text ?? ''}
          labels={labelMap}
          selected={selected}
          research={research}
          history={history}
          reloadResearch={reloadResearch}
          revision={document.revision}
          review={review}
          onActivate={activate}
          onOpenEntity={onOpenEntity}
          suggestions={{
            start: () => {
              setTab('suggestions');
              void suggestions.start();
            },
            stop: suggestions.stop,
            focus: (i) => {
              const view = viewRef.current;
              if (!view) return;
              focusSuggestion(view, i);
              view.focus();
            },
            accept: (list) => void suggestions.accept(list),
            reject: (s) => void suggestions.reject(s),
          }}
        />
      </aside>
    </div>
  );
}
