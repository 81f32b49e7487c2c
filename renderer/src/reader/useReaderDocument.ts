import { useEffect, useState } from 'react';
import type { Annotation, Document } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';

export interface ReaderDocument {
  doc: Document | null;
  annotations: ReadonlyMap<string, Annotation>;
  setAnnotations(update: (m: ReadonlyMap<string, Annotation>) => ReadonlyMap<string, Annotation>): void;
  error: string | null;
  /** Replaces the document's title and metadata by a fresh load of the same text (another session edited them); the view is kept. */
  refreshDetails(fresh: Document): void;
  /** Loads both again (the text was saved as a new version); `revision` counts the loads. */
  reload(): void;
  revision: number;
}

/**
 * Loads a document and its annotations. The reader is keyed by document
 * (App gives it `key`), so a new document is a new reader and nothing here
 * has to be reset.
 */
export function useReaderDocument(documentId: string): ReaderDocument {
  const [doc, setDoc] = useState<Document | null>(null);
  const [annotations, setAnnotations] = useState<ReadonlyMap<string, Annotation>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let live = true;
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
  }, [documentId, revision]);
  // The same blocks array, so the text built from it (memoized on text and blocks) is not rebuilt.
  const refreshDetails = (fresh: Document) => setDoc((d) => (d && d.id === fresh.id && d.text === fresh.text ? { ...fresh, blocks: d.blocks } : d));
  return { doc, annotations, setAnnotations, error, revision, refreshDetails, reload: () => setRevision((r) => r + 1) };
}
