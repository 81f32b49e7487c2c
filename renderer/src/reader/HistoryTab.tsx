import { useCallback, useEffect, useState } from 'react';
import { describeChange, type ChangeEntry, type ChangeOp } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';

/** How many changes one page shows; "Show older changes" loads the next. */
const PAGE = 50;

const VERB: Record<ChangeOp, string> = { insert: 'added', update: 'changed', delete: 'deleted' };

interface Props {
  documentId: string;
  /** Changes whenever the document's annotations or text may have changed: the list reloads. */
  revision: string;
  /** The reader's research data (claim links, stances, entity links): reloaded after each of their changes, and so the list. */
  research: unknown;
}

/**
 * The document's provenance: every change made to it (annotations, claim
 * links, relations, stances, entity links, status, text and metadata),
 * newest first, with when, who, what and before → after.
 */
export function HistoryTab({ documentId, revision, research }: Props) {
  const [entries, setEntries] = useState<ChangeEntry[] | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  const reload = useCallback(() => {
    let live = true;
    api.history.document({ documentId, limit: PAGE }).then(
      (page) => {
        if (!live) return;
        setEntries(page.entries);
        setCursor(page.nextCursor);
        setError(null);
      },
      (err) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId]);
  useEffect(reload, [reload, revision, research]);

  async function older() {
    if (cursor === null) return;
    setLoadingOlder(true);
    try {
      const page = await api.history.document({ documentId, limit: PAGE, cursor });
      setEntries((e) => [...(e ?? []), ...page.entries]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoadingOlder(false);
    }
  }

  return (
    <section className="gl-history" aria-labelledby="gl-history-heading">
      <h2 id="gl-history-heading" className="gl-subheading">
        Changes to this document
      </h2>
      {error && <p role="alert">{error}</p>}
      {entries === null && !error && <p className="gl-muted">Loading…</p>}
      {entries?.length === 0 && <p className="gl-muted">No changes recorded yet.</p>}
      {entries && entries.length > 0 && (
        <ol className="gl-history-list" aria-label="Changes, newest first">
          {entries.map((e) => (
            <HistoryItem key={e.id} entry={e} />
          ))}
        </ol>
      )}
      {cursor !== null && (
        <button type="button" onClick={older} disabled={loadingOlder}>
          {loadingOlder ? 'Loading older changes…' : 'Show older changes'}
        </button>
      )}
    </section>
  );
}

function HistoryItem({ entry }: { entry: ChangeEntry }) {
  const when = new Date(entry.at);
  const summary = describeChange(entry);
  return (
    <li className={`gl-history-item gl-history-${entry.op}`}>
      <div>
        <strong>{entry.actor}</strong> {VERB[entry.op]} {entry.kind.replace(/_/g, ' ')}
      </div>
      {summary && <div className="gl-history-summary">{summary}</div>}
      <div className="gl-muted">
        <time dateTime={when.toISOString()}>{when.toLocaleString()}</time>
        {entry.via ? ` · ${entry.via}` : ''}
      </div>
    </li>
  );
}
