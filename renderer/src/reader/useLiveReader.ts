import { useEffect, useRef, useState, type RefObject } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { Document } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDocument } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { mergeRefresh } from './mergeRefresh.ts';
import { isEditing } from './plugins/editTextPlugin.ts';
import type { ReaderDocument } from './useReaderDocument.ts';

interface Deps {
  documentId: string;
  document: ReaderDocument;
  viewRef: RefObject<EditorView | null>;
  reloadResearch(): Promise<void>;
}

/** Whether two loads of a document have the same text and blocks, so the view built for one serves the other. */
function sameText(a: Document, b: Document): boolean {
  return a.text === b.text && JSON.stringify(a.blocks) === JSON.stringify(b.blocks);
}

/**
 * Keeps the open document current while other sessions change it: their
 * annotations, claims, links and relations are read again and the highlights
 * repainted in place, so the reader's scroll, text selection and open editor
 * stay as they are. Only when the text itself changed (a new version) is the
 * document loaded afresh. While the text is being edited here nothing is
 * reloaded: leaving the edit mode saves and reloads anyway.
 *
 * Returns a number that grows with every refresh: the reader repaints its
 * highlights when it changes (with the annotations state by then current).
 */
export function useLiveReader({ documentId, document, viewRef, reloadResearch }: Deps): number {
  const [refreshed, setRefreshed] = useState(0);
  // The annotations as this tab has them, read when a refresh begins (see mergeRefresh).
  const annotationsNow = useRef(document.annotations);
  useEffect(() => {
    annotationsNow.current = document.annotations;
  }, [document.annotations]);
  useLiveRefresh(
    (change) => touchesDocument(change, documentId),
    () => {
      const view = viewRef.current;
      if (view && isEditing(view.state)) return;
      const current = document.doc;
      const base = annotationsNow.current;
      Promise.all([api.documents.get({ id: documentId }), api.annotations.list({ documentId })]).then(
        ([fresh, list]) => {
          if (current && !sameText(current, fresh)) {
            document.reload();
            return;
          }
          if (current && (current.title !== fresh.title || JSON.stringify(current.metadata) !== JSON.stringify(fresh.metadata))) document.refreshDetails(fresh);
          document.setAnnotations((local) => mergeRefresh(base, local, list));
          setRefreshed((n) => n + 1);
          void reloadResearch();
        },
        (err) => notify('info', `This document changed in another session and could not be read again: ${messageOf(err)}`),
      );
    },
  );
  return refreshed;
}
