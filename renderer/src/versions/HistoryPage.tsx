import { useCallback, useEffect, useState } from 'react';
import type { DocumentSummary, DocumentVersion, Label, VersionDiff } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDocument } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { DiffView } from './DiffView.tsx';
import { HunkList } from './HunkList.tsx';
import { ImportVersionButton } from './ImportVersionButton.tsx';
import { reportLine } from './importVersion.ts';
import { NeedsReview } from './NeedsReview.tsx';
import { VersionColumns } from './VersionColumns.tsx';
import './versions.css';

interface Props {
  documentId: string;
  labels: readonly Label[];
  history: History;
  onOpen(documentId: string): void;
}

type Mode = 'inline' | 'side' | 'columns';

/**
 * A document's history: its versions (number, date, annotator, summary), a
 * diff between any two (inline or side by side, with the annotations each
 * change touched), the versions as columns (the stealth-edit view), what
 * needs review, and "Import new version…".
 */
export function HistoryPage({ documentId, labels, history, onOpen }: Props) {
  const [doc, setDoc] = useState<DocumentSummary | null>(null);
  const [versions, setVersions] = useState<DocumentVersion[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>('inline');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [revision, setRevision] = useState(0);

  const load = useCallback(() => {
    api.documents.list({}).then((docs) => setDoc(docs.find((d) => d.id === documentId) ?? null), (err) => notify('error', messageOf(err)));
    api.versions.list({ documentId }).then(
      (list) => {
        setVersions(list);
        const last = list[list.length - 1]!.version;
        setTo(last);
        setFrom(Math.max(1, last - 1));
      },
      (err) => notify('error', messageOf(err)),
    );
  }, [documentId]);
  useEffect(load, [load]);
  /** After the text changed: the lists, the diff and the review list load again. */
  const reload = useCallback(() => {
    setRevision((r) => r + 1);
    load();
  }, [load]);
  // Changed by another session, or put back by an undo.
  useLiveRefresh((c) => touchesDocument(c, documentId), reload);

  useEffect(() => {
    if (from === null || to === null || from === to || mode === 'columns') return;
    let live = true;
    api.versions.diff({ documentId, from, to }).then((d) => live && setDiff(d), (err) => notify('error', messageOf(err)));
    return () => {
      live = false;
    };
  }, [documentId, from, to, mode, revision]);

  async function restore(v: DocumentVersion) {
    try {
      const report = await api.versions.restore({ documentId, version: v.version });
      notify('info', `Restored version ${v.version}. ${reportLine(report)}`);
      history.pushForward(
        { description: `restore version ${v.version}` },
        {
        undo: async () => {
          await api.versions.restore({ documentId, version: report.version - 1, summary: `Undid the restore of version ${v.version}` });
          reload();
        },
        redo: async () => {
          await api.versions.restore({ documentId, version: v.version });
          reload();
        },
        },
      );
      reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  }

  const title = doc?.title ?? 'Document';
  const options = versions ?? [];
  return (
    <section className="gl-history" aria-label={`History of ${title}`}>
      <header className="gl-history-bar">
        <h2>History of “{title}”</h2>
        <button type="button" onClick={() => onOpen(documentId)}>Open in reader</button>
        <ImportVersionButton documentId={documentId} title={title} history={history} onChanged={reload} />
      </header>
      {versions && (
        <table className="gl-version-table">
          <caption>Versions</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Date</th>
              <th scope="col">Annotator</th>
              <th scope="col">Summary</th>
              <th scope="col">Length</th>
              <th scope="col"><span className="gl-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} aria-current={v.current ? 'true' : undefined}>
                <th scope="row">
                  {v.version}
                  {v.current && ' (current)'}
                </th>
                <td>{v.createdAt.replace('T', ' ').slice(0, 16)}</td>
                <td>{v.annotator}</td>
                <td>{v.summary}</td>
                <td>{v.length.toLocaleString()}</td>
                <td>
                  {!v.current && (
                    <button type="button" onClick={() => void restore(v)} aria-label={`Restore version ${v.version}`}>
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {options.length > 1 && (
        <div className="gl-diff-controls" role="group" aria-label="Compare versions">
          <label>
            From{' '}
            <select value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))} aria-label="Older version">
              {options.map((v) => (
                <option key={v.version} value={v.version}>Version {v.version}</option>
              ))}
            </select>
          </label>
          <label>
            to{' '}
            <select value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))} aria-label="Newer version">
              {options.map((v) => (
                <option key={v.version} value={v.version}>Version {v.version}</option>
              ))}
            </select>
          </label>
          <fieldset className="gl-diff-mode">
            <legend>Show</legend>
            {(['inline', 'side', 'columns'] as const).map((m) => (
              <label key={m}>
                <input type="radio" name="diff-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === 'inline' ? 'Inline' : m === 'side' ? 'Side by side' : 'Versions as columns'}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      {options.length <= 1 && versions && <p className="gl-muted">One version so far: import a newer or corrected copy to see what changed.</p>}
      {mode === 'columns' && options.length > 1 && <VersionColumns documentId={documentId} versions={options.slice(-4)} />}
      {mode !== 'columns' && from !== null && to !== null && from === to && options.length > 1 && <p className="gl-muted">Pick two different versions.</p>}
      {mode !== 'columns' && diff && diff.from === from && diff.to === to && (
        <div className="gl-history-diff">
          <HunkList hunks={diff.hunks} labels={labels} />
          <DiffView segments={diff.segments} mode={mode} fromLabel={`Version ${diff.from}`} toLabel={`Version ${diff.to}`} />
        </div>
      )}
      <NeedsReview documentId={documentId} labels={labels} history={history} revision={revision} onShow={(id) => onOpen(`${documentId}?a=${id}`)} />
    </section>
  );
}
