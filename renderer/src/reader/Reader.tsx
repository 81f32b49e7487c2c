import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Annotation, AnnotationSnapshot, AttributeValue, Document, Label, Suggestion, TextRange } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { annotationKey, annotationsAt, dispatchAnnotations } from './annotationPlugin.ts';
import { AnnotationEditor } from './AnnotationEditor.tsx';
import { AnnotationList } from './AnnotationList.tsx';
import { ClaimSection } from './ClaimSection.tsx';
import { EntitiesTab } from './EntitiesTab.tsx';
import { EntitySection } from './EntitySection.tsx';
import { PropagationDialog } from './PropagationDialog.tsx';
import { PropositionsTab } from './PropositionsTab.tsx';
import { RelationSection } from './RelationSection.tsx';
import { SuggestionsTab } from './SuggestionsTab.tsx';
import { useResearch } from './useResearch.ts';
import { createReaderView } from './editorView.ts';
import { LabelPicker } from './LabelPicker.tsx';
import { buildDoc, type OffsetMap } from './offsets.ts';
import { paintNewAnnotation } from './paintNew.ts';
import { toPainted, trimRange } from './paint.ts';
import { LayerFilter, useLayers } from '../team/LayerFilter.tsx';

interface Props {
  documentId: string;
  labels: Label[];
  history: History;
  /** An annotation to scroll to and open once the document is loaded. */
  initialAnnotationId?: string;
  onOpenEntity(entityId: string): void;
}

type Tab = 'annotations' | 'entities' | 'propositions' | 'suggestions';

/** Suggestions are painted under ids of their own, never confused with annotations. */
const SUGGESTION_PREFIX = 'suggestion:';

interface SuggestionState {
  active: boolean;
  loading: boolean;
  list: Suggestion[];
  current: number;
}

type Changes = { labelId?: string; attributes?: Record<string, AttributeValue>; note?: string };

/** The reader: the document's text with its highlights, the annotation side panel and the editors. */
export function Reader({ documentId, labels, history, initialAnnotationId, onOpenEntity }: Props) {
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<Map<string, Annotation>>(new Map());
  const layers = useLayers(annotations);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; alsoHere: string[] } | null>(null);
  const [picker, setPicker] = useState<{ left: number; top: number; autoFocus: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('annotations');
  const [research, reloadResearch] = useResearch(documentId);
  const [propagateFor, setPropagateFor] = useState<string | null>(null);
  const [suggest, setSuggest] = useState<SuggestionState>({ active: false, loading: false, list: [], current: 0 });
  const suggestRef = useRef(suggest);
  suggestRef.current = suggest;
  const [relationDrop, setRelationDrop] = useState<{ fromId: string; toId: string; left: number; top: number } | null>(null);

  const mountRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const mapRef = useRef<OffsetMap | null>(null);
  const annotationsRef = useRef(annotations);
  annotationsRef.current = annotations;
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const labelsRef = useRef(labelMap);
  labelsRef.current = labelMap;
  const pointerDown = useRef(false);

  // Load the document and its annotations.
  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    Promise.all([api.documents.get({ id: documentId }), api.annotations.list({ documentId })]).then(
      ([d, list]) => {
        if (!live) return;
        setAnnotations(new Map(list.map((a) => [a.id, a])));
        setDoc(d);
      },
      (err) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  /** Applies a saved annotation to the list and the highlights. */
  const upsertLocal = useCallback((a: Annotation) => {
    setAnnotations((m) => new Map(m).set(a.id, a));
    const view = viewRef.current;
    const map = mapRef.current;
    if (view && map) dispatchAnnotations(view, { type: 'add', annotations: [toPainted(a, labelsRef.current, map)] });
  }, []);

  const removeLocal = useCallback((id: string) => {
    setAnnotations((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
    setEditing((e) => (e?.id === id ? null : e));
    setSelected((s) => (s === id ? null : s));
    const view = viewRef.current;
    if (view) dispatchAnnotations(view, { type: 'remove', ids: [id] });
  }, []);

  const createAnnotation = useCallback(
    async (
      fields: { id: string; ranges: TextRange[]; labelId: string; attributes?: Record<string, AttributeValue>; note?: string },
      /** Where to put the caret in the same transaction (tagging a selection collapses it). */
      caretAt?: number,
    ) => {
      const view = viewRef.current;
      const map = mapRef.current;
      // Painted at once, in one transaction with the caret move; the store confirms
      // within milliseconds, or the highlight is taken back.
      if (view && map) paintNewAnnotation(view, toPainted(fields, labelsRef.current, map), caretAt);
      try {
        const saved = await api.annotations.create({ documentId, ...fields });
        // Already painted as saved: only the list needs it.
        setAnnotations((m) => new Map(m).set(saved.id, saved));
        return saved;
      } catch (err) {
        if (viewRef.current) dispatchAnnotations(viewRef.current, { type: 'remove', ids: [fields.id] });
        throw err;
      }
    },
    [documentId],
  );

  const tagSelection = useCallback(
    async (label: Label) => {
      const view = viewRef.current;
      const map = mapRef.current;
      if (!view || !map || !doc) return;
      const { from, to } = view.state.selection;
      if (from === to) return;
      const range = trimRange(doc.text, map.toOffset(from), map.toOffset(to));
      if (range.end <= range.start) return;
      setPicker(null);
      const id = crypto.randomUUID();
      try {
        // The selection collapses so the new highlight shows in its own colour.
        const a = await createAnnotation({ id, ranges: [range], labelId: label.id }, to);
        history.push({
          description: `tag ${label.name}`,
          undo: async () => {
            await api.annotations.delete({ id });
            removeLocal(id);
          },
          redo: async () => {
            await createAnnotation({ id, ranges: a.ranges, labelId: a.labelId, attributes: a.attributes, note: a.note });
          },
        });
        view.focus();
      } catch (err) {
        notify('error', `Could not save the annotation: ${messageOf(err)}`);
      }
    },
    [doc, createAnnotation, history, removeLocal],
  );
  const tagRef = useRef(tagSelection);
  tagRef.current = tagSelection;

  const updateAnnotation = useCallback(
    async (id: string, changes: Changes) => {
      const before = annotationsRef.current.get(id);
      if (!before) return;
      try {
        upsertLocal(await api.annotations.update({ id, ...changes }));
        const undoChanges: Changes = {};
        if (changes.labelId !== undefined) undoChanges.labelId = before.labelId;
        if (changes.attributes !== undefined) undoChanges.attributes = before.attributes;
        if (changes.note !== undefined) undoChanges.note = before.note;
        const name = labelsRef.current.get(changes.labelId ?? before.labelId)?.name ?? 'annotation';
        history.push({
          description: changes.labelId ? `relabel as ${name}` : changes.note !== undefined ? 'edit note' : 'edit attributes',
          undo: async () => upsertLocal(await api.annotations.update({ id, ...undoChanges })),
          redo: async () => upsertLocal(await api.annotations.update({ id, ...changes })),
        });
      } catch (err) {
        notify('error', `Could not save the change: ${messageOf(err)}`);
      }
    },
    [history, upsertLocal],
  );

  /** Puts deleted annotations back with their entity links, claims and relations. */
  const restoreSnapshots = useCallback(
    async (snapshots: AnnotationSnapshot[]) => {
      const restored = await api.snapshots.restore({ snapshots });
      for (const a of restored) if (a.documentId === documentId) upsertLocal(a);
      await reloadResearch();
    },
    [documentId, upsertLocal, reloadResearch],
  );

  const deleteAnnotation = useCallback(
    async (id: string) => {
      try {
        const snapshots = await api.snapshots.deleteAnnotations({ annotationIds: [id] });
        removeLocal(id);
        await reloadResearch();
        history.push({
          description: 'delete annotation',
          undo: () => restoreSnapshots(snapshots),
          redo: async () => {
            await api.snapshots.deleteAnnotations({ annotationIds: [id] });
            removeLocal(id);
            await reloadResearch();
          },
        });
        viewRef.current?.focus();
      } catch (err) {
        notify('error', `Could not delete: ${messageOf(err)}`);
      }
    },
    [history, removeLocal, reloadResearch, restoreSnapshots],
  );

  // ---- Suggestions: painted dashed, accepted (Enter) or rejected (Backspace) one at a time.

  const paintSuggestions = useCallback((list: Suggestion[], previous: Suggestion[]) => {
    const view = viewRef.current;
    const map = mapRef.current;
    if (!view || !map) return;
    if (previous.length) dispatchAnnotations(view, { type: 'remove', ids: previous.map((x) => SUGGESTION_PREFIX + x.id) });
    if (list.length) {
      dispatchAnnotations(view, {
        type: 'add',
        annotations: list.map((x) => toPainted({ id: SUGGESTION_PREFIX + x.id, ranges: [{ start: x.start, end: x.end }], labelId: x.labelId }, labelsRef.current, map, true)),
      });
    }
  }, []);

  const startSuggestions = useCallback(async () => {
    setSuggest({ active: true, loading: true, list: [], current: 0 });
    setTab('suggestions');
    try {
      const list = await api.suggestions.list({ documentId });
      paintSuggestions(list, suggestRef.current.list);
      setSuggest({ active: true, loading: false, list, current: 0 });
      if (list[0]) focusSuggestion(list[0]);
      viewRef.current?.focus();
    } catch (err) {
      setSuggest({ active: false, loading: false, list: [], current: 0 });
      notify('error', `Could not compute suggestions: ${messageOf(err)}`);
    }
    // focusSuggestion only reads refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId, paintSuggestions]);

  const stopSuggestions = useCallback(() => {
    paintSuggestions([], suggestRef.current.list);
    setSuggest({ active: false, loading: false, list: [], current: 0 });
  }, [paintSuggestions]);

  function focusSuggestion(x: Suggestion) {
    const view = viewRef.current;
    if (!view) return;
    dispatchAnnotations(view, { type: 'select', id: SUGGESTION_PREFIX + x.id });
    scrollTo(SUGGESTION_PREFIX + x.id);
  }

  const moveSuggestion = (delta: number) => {
    const st = suggestRef.current;
    if (!st.list.length) return;
    const current = (st.current + delta + st.list.length) % st.list.length;
    setSuggest({ ...st, current });
    focusSuggestion(st.list[current]!);
  };

  /** Takes a suggestion out of the list (accepted or rejected) and moves to the next. */
  const dropSuggestion = (index: number) => {
    const st = suggestRef.current;
    const gone = st.list[index];
    if (!gone) return;
    const list = st.list.filter((_, i) => i !== index);
    paintSuggestions([], [gone]);
    const current = Math.min(index, Math.max(0, list.length - 1));
    setSuggest({ ...st, list, current });
    if (list[current]) focusSuggestion(list[current]!);
  };

  const acceptSuggestion = async (index: number) => {
    const x = suggestRef.current.list[index];
    if (!x) return;
    try {
      const a = await api.suggestions.accept({ documentId, suggestionId: x.id });
      dropSuggestion(index);
      upsertLocal(a);
      history.push({
        description: `accept ${x.labelName}`,
        undo: async () => {
          await api.annotations.delete({ id: a.id });
          removeLocal(a.id);
        },
        redo: async () => {
          await createAnnotation({ id: a.id, ranges: a.ranges, labelId: a.labelId, attributes: a.attributes, note: a.note });
        },
      });
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const rejectSuggestion = async (index: number) => {
    const x = suggestRef.current.list[index];
    if (!x) return;
    const range = { documentId, labelId: x.labelId, start: x.start, end: x.end };
    try {
      await api.suggestions.reject(range);
      dropSuggestion(index);
      history.push({
        description: `reject ${x.labelName}`,
        undo: async () => {
          await api.suggestions.unreject(range);
        },
        redo: async () => {
          await api.suggestions.reject(range);
        },
      });
    } catch (err) {
      notify('error', messageOf(err));
    }
  };
  const suggestionKeys = useRef({ moveSuggestion, acceptSuggestion, rejectSuggestion });
  suggestionKeys.current = { moveSuggestion, acceptSuggestion, rejectSuggestion };

  // ---- Relations by Alt+drag from one highlight to another.

  const createRelation = async (typeId: string, fromId: string, toId: string) => {
    setRelationDrop(null);
    try {
      const r = await api.relations.create({ typeId, fromAnnotationId: fromId, toAnnotationId: toId });
      history.push({
        description: 'relate',
        undo: async () => {
          await api.relations.delete({ id: r.id });
          await reloadResearch();
        },
        redo: async () => {
          await api.relations.create({ id: r.id, typeId, fromAnnotationId: fromId, toAnnotationId: toId });
          await reloadResearch();
        },
      });
      await reloadResearch();
      openEditor(fromId);
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  // Build the ProseMirror view once the document is loaded.
  useEffect(() => {
    if (!doc || !mountRef.current) return;
    const { doc: pmDoc, map } = buildDoc(doc.text, doc.blocks);
    mapRef.current = map;
    const hotkeys = () => new Map(Array.from(labelsRef.current.values()).filter((l) => l.hotkey).map((l) => [l.hotkey!, l]));
    const view = createReaderView(mountRef.current, pmDoc, {
      handleKeyDown(v, event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
        const st = suggestRef.current;
        if (st.active && st.list.length && v.state.selection.empty) {
          const keys = suggestionKeys.current;
          if (event.key === 'Tab') {
            keys.moveSuggestion(event.shiftKey ? -1 : 1);
            return true;
          }
          if (event.key === 'Enter') {
            void keys.acceptSuggestion(st.current);
            return true;
          }
          if (event.key === 'Backspace') {
            void keys.rejectSuggestion(st.current);
            return true;
          }
        }
        const label = hotkeys().get(event.key);
        if (label && !v.state.selection.empty) {
          void tagRef.current(label);
          return true;
        }
        if (event.key === 'Enter' && !v.state.selection.empty) {
          showPicker(v, true);
          return true;
        }
        if (event.key === 'Escape') {
          setPicker(null);
          return false;
        }
        return false;
      },
      handleClick(v, pos) {
        if (!v.state.selection.empty) return false;
        const all = annotationsAt(v.state, pos);
        const suggestionIndex = all.length && all[0]!.startsWith(SUGGESTION_PREFIX) ? suggestRef.current.list.findIndex((x) => SUGGESTION_PREFIX + x.id === all[0]) : -1;
        if (suggestionIndex >= 0) {
          setSuggest((st) => ({ ...st, current: suggestionIndex }));
          setTab('suggestions');
          dispatchAnnotations(v, { type: 'select', id: all[0]! });
          return false;
        }
        const ids = all.filter((id) => !id.startsWith(SUGGESTION_PREFIX));
        if (ids.length) {
          openEditor(ids[0]!, ids.slice(1));
          return false;
        }
        setEditing(null);
        return false;
      },
      dispatchTransaction(tr) {
        const v = viewRef.current!;
        const selectionChanged = !tr.selection.eq(v.state.selection);
        v.updateState(v.state.apply(tr));
        if (selectionChanged && !pointerDown.current) {
          if (v.state.selection.empty) setPicker(null);
          else showPicker(v, false);
        }
      },
    });
    viewRef.current = view;
    dispatchAnnotations(view, {
      type: 'reset',
      annotations: Array.from(annotationsRef.current.values()).filter((a) => layers.shownRef.current(a)).map((a) => toPainted(a, labelsRef.current, map)),
    });
    let dragFrom: string | null = null;
    const annotationUnder = (target: EventTarget | null): string | null => {
      const id = (target as HTMLElement | null)?.closest?.('[data-ann]')?.getAttribute('data-ann') ?? null;
      return id && !id.startsWith(SUGGESTION_PREFIX) ? id : null;
    };
    const onPointerUp = (event: MouseEvent) => {
      if (dragFrom) {
        const toId = annotationUnder(event.target);
        // The type picker is fixed at the pointer, in viewport coordinates.
        if (toId && toId !== dragFrom) setRelationDrop({ fromId: dragFrom, toId, left: event.clientX, top: event.clientY + 8 });
        dragFrom = null;
        scrollRef.current?.classList.remove('gl-relating');
        return;
      }
      if (!pointerDown.current) return;
      pointerDown.current = false;
      if (!view.state.selection.empty) showPicker(view, false);
    };
    const onPointerDown = (event: MouseEvent) => {
      if (event.altKey) {
        dragFrom = annotationUnder(event.target);
        if (dragFrom) {
          event.preventDefault();
          scrollRef.current?.classList.add('gl-relating');
          return;
        }
      }
      pointerDown.current = true;
    };
    view.dom.addEventListener('mousedown', onPointerDown);
    if (initialAnnotationId && annotationsRef.current.has(initialAnnotationId)) {
      const target = initialAnnotationId;
      requestAnimationFrame(() => {
        scrollTo(target);
        openEditor(target);
      });
    }
    window.addEventListener('mouseup', onPointerUp);
    return () => {
      window.removeEventListener('mouseup', onPointerUp);
      view.destroy();
      viewRef.current = null;
      mapRef.current = null;
    };
    // The view is built once per document; later changes go through plugin metadata.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc]);

  // When labels change (colour, name), repaint with the new look.
  useEffect(() => {
    const view = viewRef.current;
    const map = mapRef.current;
    if (!view || !map) return;
    dispatchAnnotations(view, { type: 'reset', annotations: Array.from(annotationsRef.current.values()).filter(layers.shown).map((a) => toPainted(a, labelMap, map)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labelMap, layers.key]);

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
    const s = view && annotationKey.getState(view.state);
    const r = s?.ranges.get(id)?.[0];
    if (!view || !r) return;
    const { node } = view.domAtPos(r.from);
    const el = node.nodeType === 1 ? (node as HTMLElement) : node.parentElement;
    el?.scrollIntoView({ block: 'center' });
  }

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

  return (
    <div className="gl-reader">
      {relatedStyle && <style>{relatedStyle}</style>}
      <div className="gl-reader-main" ref={scrollRef}>
        {doc ? (
          <article className="gl-article" aria-label={doc.title}>
            <header className="gl-article-head">
              <h1>{doc.title}</h1>
              <p className="gl-doc-meta">
                {[doc.metadata.outlet, doc.metadata.author, doc.metadata.published, doc.metadata.url].filter(Boolean).join(' · ') || doc.name}
              </p>
            </header>
            <div ref={mountRef} />
          </article>
        ) : (
          <p className="gl-loading">Loading…</p>
        )}
        {picker && (
          <LabelPicker
            labels={labels}
            position={picker}
            autoFocus={picker.autoFocus}
            onPick={(l) => void tagSelection(l)}
            onClose={() => {
              setPicker(null);
              viewRef.current?.focus();
            }}
          />
        )}
      </div>
      {relationDrop && (
        <div className="gl-popup gl-relation-picker" role="toolbar" aria-label="Relate as" style={{ left: relationDrop.left, top: relationDrop.top, position: 'fixed' }}>
          {research.relationTypes.map((t) => (
            <button key={t.id} type="button" style={{ ['--hl' as string]: t.color }} className="gl-label-button" onClick={() => void createRelation(t.id, relationDrop.fromId, relationDrop.toId)}>
              {t.name}
            </button>
          ))}
          <button type="button" aria-label="Cancel relation" onClick={() => setRelationDrop(null)}>
            ×
          </button>
        </div>
      )}
      {propagateFor && (
        <PropagationDialog
          annotationId={propagateFor}
          documentId={documentId}
          history={history}
          onCreated={(list) => list.forEach(upsertLocal)}
          onRemoved={(ids) => ids.forEach(removeLocal)}
          reload={reloadResearch}
          onClose={() => {
            setPropagateFor(null);
            viewRef.current?.focus();
          }}
        />
      )}
      <aside className="gl-side">
        {editingAnnotation && (
          <AnnotationEditor
            annotation={editingAnnotation}
            labels={labels}
            alsoHere={(editing?.alsoHere ?? [])
              .map((id) => annotations.get(id))
              .filter((a): a is Annotation => Boolean(a))
              .map((a) => ({ id: a.id, text: `${labelMap.get(a.labelId)?.name ?? '?'}: ${a.quote.slice(0, 40)}` }))}
            onChange={(changes) => void updateAnnotation(editingAnnotation.id, changes)}
            onDelete={() => void deleteAnnotation(editingAnnotation.id)}
            onSelect={(id) => openEditor(id)}
            onClose={() => {
              setEditing(null);
              select(null);
              viewRef.current?.focus();
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
              onSelect={(id) => {
                scrollTo(id);
                openEditor(id);
              }}
            />
          </AnnotationEditor>
        )}
        <div className="gl-tabs" role="tablist" aria-label="Side panel">
          {(
            [
              ['annotations', `Annotations (${annotations.size})`],
              ['entities', 'Entities'],
              ['propositions', 'Propositions'],
              ['suggestions', 'Suggestions'],
            ] as const
          ).map(([id, name]) => (
            <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} onClick={() => setTab(id)}>
              {name}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="gl-tabpanel">
          {tab === 'annotations' && (
            <>
              <LayerFilter layers={layers} />
              <AnnotationList
                annotations={sorted.filter(layers.shown)}
                labels={labelMap}
                selected={selected}
                onActivate={(id) => {
                  scrollTo(id);
                  openEditor(id);
                }}
              />
            </>
          )}
          {tab === 'entities' && (
            <EntitiesTab
              annotations={sorted}
              entityByAnnotation={research.entityByAnnotation}
              entities={research.entities}
              onOpenEntity={onOpenEntity}
              onActivate={(id) => {
                scrollTo(id);
                openEditor(id);
              }}
            />
          )}
          {tab === 'propositions' && (
            <PropositionsTab
              documentId={documentId}
              claims={research.claims}
              documentStances={research.documentStances}
              stances={research.stances}
              history={history}
              reload={reloadResearch}
              onActivate={(id) => {
                scrollTo(id);
                openEditor(id);
              }}
            />
          )}
          {tab === 'suggestions' && (
            <SuggestionsTab
              active={suggest.active}
              loading={suggest.loading}
              suggestions={suggest.list}
              current={suggest.current}
              onStart={() => void startSuggestions()}
              onStop={stopSuggestions}
              onFocus={(i) => {
                setSuggest((st) => ({ ...st, current: i }));
                const x = suggest.list[i];
                if (x) focusSuggestion(x);
                viewRef.current?.focus();
              }}
              onAccept={(i) => void acceptSuggestion(i)}
              onReject={(i) => void rejectSuggestion(i)}
            />
          )}
        </div>
      </aside>
    </div>
  );
}
