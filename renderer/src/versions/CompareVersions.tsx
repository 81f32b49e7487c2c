import { useEffect, useState } from 'react';
import type { DocumentSummary, DocumentVersion } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { VersionColumns } from './VersionColumns.tsx';
import './versions.css';

interface Props {
  documentId: string;
}

/**
 * The compare view for one document's versions (the stealth-edit view): up
 * to four of its versions as columns, the changes between neighbours marked.
 */
export function CompareVersions({ documentId }: Props) {
  const [doc, setDoc] = useState<DocumentSummary | null>(null);
  const [versions, setVersions] = useState<DocumentVersion[] | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  useEffect(() => {
    api.documents.list({}).then((d) => setDoc(d.find((x) => x.id === documentId) ?? null), (err) => notify('error', messageOf(err)));
    api.versions.list({ documentId }).then(
      (list) => {
        setVersions(list);
        setChosen(list.slice(-4).map((v) => v.version));
      },
      (err) => notify('error', messageOf(err)),
    );
  }, [documentId]);
  if (!versions) return null;
  const shown = versions.filter((v) => chosen.includes(v.version));
  return (
    <section className="gl-history" aria-label={`Versions of ${doc?.title ?? 'the document'} side by side`}>
      <h2>Versions of “{doc?.title ?? ''}” side by side</h2>
      {versions.length < 2 ? (
        <p className="gl-muted">This document has one version: import a newer copy (Import new version…) to see what changed.</p>
      ) : (
        <>
          <fieldset className="gl-diff-mode">
            <legend>Columns (2 to 4)</legend>
            {versions.map((v) => (
              <label key={v.version}>
                <input
                  type="checkbox"
                  checked={chosen.includes(v.version)}
                  disabled={!chosen.includes(v.version) && chosen.length >= 4}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, v.version] : c.filter((x) => x !== v.version)).sort((a, b) => a - b))}
                />
                Version {v.version}
              </label>
            ))}
          </fieldset>
          {shown.length >= 2 ? <VersionColumns documentId={documentId} versions={shown} /> : <p className="gl-muted">Choose at least two versions.</p>}
        </>
      )}
    </section>
  );
}
