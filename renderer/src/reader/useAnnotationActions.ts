import type { RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Annotation, AttributeValue, Client, Label, TextRange } from '../../../shared/index.ts';
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
 * and recorded on the undo history (the backend undoes it; see undo/history.ts).
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
  const create = async (fields: NewAnnotation, caretAt?: number, client: Client = api): Promise<Annotation> => {
    const view = viewRef.current;
    if (view && map) paintNewAnnotation(view, toPainted(fields, labels, map), caretAt);
    try {
      const saved = await client.annotations.create({ documentId, ...fields });
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
      return await history.record({ description: what }, (client) => create(fields, caretAt, client));
    } catch (err) {
      notify('error', `Could not save the annotation: ${messageOf(err)}`);
      return null;
    }
  };

  const update = async (id: string, changes: AnnotationChanges) => {
    const before = annotations.get(id);
    if (!before) return;
    try {
      const name = labels.get(changes.labelId ?? before.labelId)?.name ?? 'annotation';
      const description = changes.labelId ? `relabel as ${name}` : changes.note !== undefined ? 'edit note' : 'edit attributes';
      upsertLocal(await history.record({ description }, (client) => client.annotations.update({ id, ...changes })));
    } catch (err) {
      notify('error', `Could not save the change: ${messageOf(err)}`);
    }
  };

  const remove = async (id: string) => {
    try {
      // Deleted with its entity link, claims and relations: undo puts all of them back.
      await history.record({ description: 'delete annotation' }, (client) => client.snapshots.deleteAnnotations({ annotationIds: [id] }));
      removeLocal(id);
      await reloadResearch();
      viewRef.current?.focus();
    } catch (err) {
      notify('error', `Could not delete: ${messageOf(err)}`);
    }
  };

  return { upsertLocal, removeLocal, create, createUndoable, update, remove };
}

export type AnnotationActions = ReturnType<typeof useAnnotationActions>;
