import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Annotation, AttributeValue, Document, Label, TextRange } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { annotationKey, annotationsAt, dispatchAnnotations } from './annotationPlugin.ts';
import { AnnotationEditor } from './AnnotationEditor.tsx';
import { AnnotationList } from './AnnotationList.tsx';
import { createReaderView } from './editorView.ts';
import { LabelPicker } from './LabelPicker.tsx';
import { buildDoc, type OffsetMap } from './offsets.ts';
import { toPainted, trimRange } from './paint.ts';

interface Props {
  documentId: string;
  labels: Label[];
  history: History;
}

type Changes = { labelId?: string; attributes?: Record<string, AttributeValue>; note?: string };

/** The reader: the document's text with its highlights, the annotation side panel and the editors. */
export function Reader({ documentId, labels, history }: Props) {
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<Map<string, Annotation>>(new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; alsoHere: string[] } | null>(null);
  const [picker, setPicker] = useState<{ left: number; top: number; autoFocus: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    async (fields: { id: string; ranges: TextRange[]; labelId: string; attributes?: Record<string, AttributeValue>; note?: string }) => {
      const view = viewRef.current;
      const map = mapRef.current;
      // Painted at once; the store confirms within milliseconds, or the highlight is taken back.
      if (view && map) dispatchAnnotations(view, { type: 'add', annotations: [toPainted(fields, labelsRef.current, map)] });
      try {
        const saved = await api.annotations.create({ documentId, ...fields });
        upsertLocal(saved);
        return saved;
      } catch (err) {
        if (viewRef.current) dispatchAnnotations(viewRef.current, { type: 'remove', ids: [fields.id] });
        throw err;
      }
    },
    [documentId, upsertLocal],
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
      // Collapse the selection so the new highlight shows in its own colour.
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, to)));
      const id = crypto.randomUUID();
      try {
        const a = await createAnnotation({ id, ranges: [range], labelId: label.id });
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

  const deleteAnnotation = useCallback(
    async (id: string) => {
      try {
        const gone = await api.annotations.delete({ id });
        removeLocal(id);
        const restore = () =>
          createAnnotation({ id, ranges: gone.ranges, labelId: gone.labelId, attributes: gone.attributes, note: gone.note }).then(() => undefined);
        history.push({
          description: 'delete annotation',
          undo: restore,
          redo: async () => {
            await api.annotations.delete({ id });
            removeLocal(id);
          },
        });
        viewRef.current?.focus();
      } catch (err) {
        notify('error', `Could not delete: ${messageOf(err)}`);
      }
    },
    [createAnnotation, history, removeLocal],
  );

  // Build the ProseMirror view once the document is loaded.
  useEffect(() => {
    if (!doc || !mountRef.current) return;
    const { doc: pmDoc, map } = buildDoc(doc.text, doc.blocks);
    mapRef.current = map;
    const hotkeys = () => new Map(Array.from(labelsRef.current.values()).filter((l) => l.hotkey).map((l) => [l.hotkey!, l]));
    const view = createReaderView(mountRef.current, pmDoc, {
      handleKeyDown(v, event) {
        if (event.ctrlKey || event.metaKey || event.altKey) return false;
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
        const ids = annotationsAt(v.state, pos);
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
      annotations: Array.from(annotationsRef.current.values()).map((a) => toPainted(a, labelsRef.current, map)),
    });
    const onPointerUp = () => {
      if (!pointerDown.current) return;
      pointerDown.current = false;
      if (!view.state.selection.empty) showPicker(view, false);
    };
    const onPointerDown = () => {
      pointerDown.current = true;
    };
    view.dom.addEventListener('mousedown', onPointerDown);
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
    dispatchAnnotations(view, { type: 'reset', annotations: Array.from(annotationsRef.current.values()).map((a) => toPainted(a, labelMap, map)) });
  }, [labelMap]);

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

  if (error) return <div className="gl-error-page" role="alert">Could not open the document: {error}</div>;

  return (
    <div className="gl-reader">
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
          />
        )}
        <AnnotationList
          annotations={sorted}
          labels={labelMap}
          selected={selected}
          onActivate={(id) => {
            scrollTo(id);
            openEditor(id);
          }}
        />
      </aside>
    </div>
  );
}
