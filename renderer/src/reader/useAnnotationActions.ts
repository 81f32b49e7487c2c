import type { RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Annotation, AnnotationSnapshot, AttributeValue, Label, TextRange } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { dispatchAnnotations } from './annotationPlugin.ts';
import type { OffsetMap } from './offsets.ts';
import { toPainted } from './paint.ts';
import { paintNewAnnotation } from './paintNew.ts';
import type { ReaderDocument } from './useReaderDocument.ts';

export type AnnotationChanges = { labelId?: string; attributes?: Record<string, AttributeValue>; note?: string };
export type NewAnnotation = { id: string; ranges: TextRange[]; labelId: string; attributes?: Record<string, AttributeValue>; note?: string };

interface Deps {
  documentId: string;
  /** The reader's view; read when an action runs, never during render. */
  viewRef: RefObject<EditorView | null>;
  map: OffsetMap | null;
  labels: ReadonlyMap<string, Label>;
  history: History;
  document: ReaderDocument;
  reloadResearch(): Promise<void>;
  /** An annotation went away: close its editor, drop its selection. */
  onRemoved(id: string): void;
}

/**
 * Create, update and delete annotations: each saved at once, painted at once,
 * and pushed on the undo history with its inverse.
 */
export function useAnnotationActions({ documentId, viewRef, map, labels, history, document, reloadResearch, onRemoved }: Deps) {
  const { annotations, setAnnotations } = document;

  /** Applies a saved annotation to the list and the highlights. */
  const upsertLocal = (a: Annotation) => {
    setAnnotations((m) => new Map(m).set(a.id, a));
    const view = viewRef.current;
    if (view && map && a.documentId === documentId) dispatchAnnotations(view, { type: 'add', annotations: [toPainted(a, labels, map)] });
  };

  const removeLocal = (id: string) => {
    setAnnotations((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
    onRemoved(id);
    const view = viewRef.current;
    if (view) dispatchAnnotations(view, { type: 'remove', ids: [id] });
  };

  /** Paints at once (with the caret move, in one transaction), then saves; the highlight is taken back if saving fails. */
  const create = async (fields: NewAnnotation, caretAt?: number): Promise<Annotation> => {
    const view = viewRef.current;
    if (view && map) paintNewAnnotation(view, toPainted(fields, labels, map), caretAt);
    try {
      const saved = await api.annotations.create({ documentId, ...fields });
      setAnnotations((m) => new Map(m).set(saved.id, saved));
      return saved;
    } catch (err) {
      if (viewRef.current) dispatchAnnotations(viewRef.current, { type: 'remove', ids: [fields.id] });
      throw err;
    }
  };

  /** Creates an annotation with its undo step; `what` names it in the Undo button. */
  const createUndoable = async (fields: NewAnnotation, what: string, caretAt?: number): Promise<Annotation | null> => {
    try {
      const a = await create(fields, caretAt);
      history.push({
        description: what,
        undo: async () => {
          await api.annotations.delete({ id: a.id });
          removeLocal(a.id);
        },
        redo: async () => {
          await create({ id: a.id, ranges: a.ranges, labelId: a.labelId, attributes: a.attributes, note: a.note });
        },
      });
      return a;
    } catch (err) {
      notify('error', `Could not save the annotation: ${messageOf(err)}`);
      return null;
    }
  };

  const update = async (id: string, changes: AnnotationChanges) => {
    const before = annotations.get(id);
    if (!before) return;
    try {
      upsertLocal(await api.annotations.update({ id, ...changes }));
      const undoChanges: AnnotationChanges = {};
      if (changes.labelId !== undefined) undoChanges.labelId = before.labelId;
      if (changes.attributes !== undefined) undoChanges.attributes = before.attributes;
      if (changes.note !== undefined) undoChanges.note = before.note;
      const name = labels.get(changes.labelId ?? before.labelId)?.name ?? 'annotation';
      history.push({
        description: changes.labelId ? `relabel as ${name}` : changes.note !== undefined ? 'edit note' : 'edit attributes',
        undo: async () => upsertLocal(await api.annotations.update({ id, ...undoChanges })),
        redo: async () => upsertLocal(await api.annotations.update({ id, ...changes })),
      });
    } catch (err) {
      notify('error', `Could not save the change: ${messageOf(err)}`);
    }
  };

  /** Puts deleted annotations back with their entity links, claims and relations. */
  const restoreSnapshots = async (snapshots: AnnotationSnapshot[]) => {
    const restored = await api.snapshots.restore({ snapshots });
    for (const a of restored) if (a.documentId === documentId) upsertLocal(a);
    await reloadResearch();
  };

  const remove = async (id: string) => {
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
  };

  return { upsertLocal, removeLocal, create, createUndoable, update, remove };
}

export type AnnotationActions = ReturnType<typeof useAnnotationActions>;
