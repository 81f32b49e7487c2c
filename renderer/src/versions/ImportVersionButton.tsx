import { useRef, useState } from 'react';
import { IMPORT_ACCEPT } from '../library/readFiles.ts';
import type { History } from '../undo/history.ts';
import { importNewVersion } from './importVersion.ts';

interface Props {
  documentId: string;
  /** The document's title, for the button's accessible name. */
  title: string;
  history?: History;
  /** Called after the text changed (and after undo or redo of it). */
  onChanged(): void;
  /** Shorter text for tight rows (the library): the accessible name stays complete. */
  compact?: boolean;
}

/** "Import new version…": a file's text becomes the document's next version; its annotations are re-anchored. */
export function ImportVersionButton({ documentId, title, history, onChanged, compact }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" disabled={busy} aria-label={`Import new version of ${title}…`} title="Import a newer or corrected copy of this document as its next version" onClick={() => input.current?.click()}>
        {busy ? 'Updating…' : compact ? 'New version…' : 'Import new version…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={IMPORT_ACCEPT}
        aria-label={`Choose the new version of ${title}`}
        data-testid={`import-version-${documentId}`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          void importNewVersion(documentId, file, history, onChanged).finally(() => setBusy(false));
        }}
      />
    </>
  );
}
