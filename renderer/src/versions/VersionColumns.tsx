import { useEffect, useState } from 'react';
import type { DiffSegment, DocumentVersion } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

interface Props {
  documentId: string;
  /** The versions to show, oldest first (2 to 4). */
  versions: readonly DocumentVersion[];
}

/**
 * The stealth-edit view: a document's versions as columns, each with what
 * changed since the column before it marked (insertions; the first column
 * shows what the next one deleted), so a silent edit shows at a glance.
 */
export function VersionColumns({ documentId, versions }: Props) {
  const [columns, setColumns] = useState<{ version: DocumentVersion; segments: DiffSegment[]; mark: 'insert' | 'delete' }[] | null>(null);
  const key = versions.map((v) => v.version).join(',');
  useEffect(() => {
    let live = true;
    const pairs = versions.slice(1).map((v, i) => api.versions.diff({ documentId, from: versions[i]!.version, to: v.version }));
    Promise.all(pairs).then(
      (diffs) => {
        if (!live || !diffs.length) return;
        setColumns([
          { version: versions[0]!, segments: diffs[0]!.segments.filter((s) => s.kind !== 'insert'), mark: 'delete' },
          ...diffs.map((d, i) => ({ version: versions[i + 1]!, segments: d.segments.filter((s) => s.kind !== 'delete'), mark: 'insert' as const })),
        ]);
      },
      (err) => notify('error', messageOf(err)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the versions shown
  }, [documentId, key]);
  if (!columns) return <p className="gl-muted">Loading versions…</p>;
  return (
    <div className="gl-version-columns" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
      {columns.map((c) => (
        <section key={c.version.version} className="gl-diff" role="region" aria-label={`Version ${c.version.version}${c.mark === 'delete' ? ', with what the next version deleted' : ', with what it inserted'}`} tabIndex={0}>
          <h3>
            Version {c.version.version} · {c.version.createdAt.slice(0, 10)}
          </h3>
          <p className="gl-muted">{c.version.summary}</p>
          {c.segments.map((s, i) => (s.kind === 'insert' ? <ins key={i}>{s.text}</ins> : s.kind === 'delete' ? <del key={i}>{s.text}</del> : <span key={i}>{s.text}</span>))}
        </section>
      ))}
    </div>
  );
}
