import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { VersionCandidate } from '../../../shared/index.ts';

interface Props {
  candidates: readonly VersionCandidate[];
  /** The files to import as new versions (possibly none), or null when the import is cancelled. */
  onAnswer(asVersions: VersionCandidate[] | null): void;
}

/**
 * Asked before an import when files have the name or title of documents
 * already in the library but different text: is each a new version of that
 * document (its annotations re-anchored) or a separate document?
 */
export function NewVersionDialog({ candidates, onAnswer }: Props) {
  const [chosen, setChosen] = useState<boolean[]>(() => candidates.map(() => true));
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLInputElement>('input')?.focus();
    return () => opener?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onAnswer(null);
    }
  };
  const base = (name: string) => name.slice(name.replace(/\\/g, '/').lastIndexOf('/') + 1);
  return (
    <div className="gl-modal-backdrop">
      <div ref={dialog} className="gl-modal gl-version-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>New versions of documents you have?</h2>
        <p>
          {candidates.length === 1 ? 'This file has' : 'These files have'} the name or title of a document already in the library, with different text.
          A new version keeps the document's annotations, moved to the new text (those whose text changed or is gone are listed for review).
        </p>
        <ul className="gl-candidate-list">
          {candidates.map((c, i) => (
            <li key={c.file}>
              <label>
                <input type="checkbox" checked={chosen[i]} onChange={(e) => setChosen((s) => s.map((x, k) => (k === i ? e.target.checked : x)))} />
                Import {base(c.file)} as a new version of “{c.title}” (same {c.by})
              </label>
            </li>
          ))}
        </ul>
        <p className="gl-muted">Unchecked files are imported as separate documents.</p>
        <div className="gl-modal-actions gl-review-actions">
          <button type="button" onClick={() => onAnswer(null)}>Cancel import</button>
          <button type="button" onClick={() => onAnswer(candidates.filter((_, i) => chosen[i]))}>Continue</button>
        </div>
      </div>
    </div>
  );
}
