import { useEffect, useState } from 'react';
import { distinctTitles, type DocumentSummary } from '../../../shared/index.ts';
import { api } from '../api/client.ts';

/** Every document's summary and its distinct label (same titles told apart), reloaded when `version` changes. */
export function useDocumentTitles(version = 0): { docs: DocumentSummary[]; titles: Map<string, string> } {
  const [state, setState] = useState<{ docs: DocumentSummary[]; titles: Map<string, string> }>({ docs: [], titles: new Map() });
  useEffect(() => {
    let live = true;
    api.documents.list({}).then(
      (docs) => live && setState({ docs, titles: distinctTitles(docs) }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version]);
  return state;
}
