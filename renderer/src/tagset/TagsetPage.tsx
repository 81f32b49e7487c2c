import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Tagset } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDomains } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';
import { LabelsTable } from './LabelsTable.tsx';
import { RelationTypesTable } from './RelationTypesTable.tsx';
import type { ChangeContext } from './saveChange.ts';
import { StanceValues } from './StanceValues.tsx';
import { TagsetTransfer } from './TagsetTransfer.tsx';
import './common.css';
import './tagset.css';

interface Props {
  history: History;
  /** Called after every change to labels (and their undo), so the app's label list stays current. */
  onLabelsChanged(): void;
}

/** The tagset editor: labels, relation types, stance values, and import/export. Every change is saved at once. */
export function TagsetPage({ history, onLabelsChanged }: Props) {
  const [tagset, setTagset] = useState<Tagset | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.tagset.get({}).then(
      (t) => {
        setTagset(t);
        setError(null);
      },
      (err) => {
        setError(messageOf(err));
        notify('error', `Could not load the tagset: ${messageOf(err)}`);
      },
    );
  }, []);
  useEffect(reload, [reload]);
  // Changed by another session, or put back by an undo.
  useLiveRefresh((c) => touchesDomains(c, ['labels', 'relationTypes', 'tagset']), reload);

  const ctx: ChangeContext = useMemo(
    () => ({
      history,
      refresh: () => {
        reload();
        onLabelsChanged();
      },
    }),
    [history, reload, onLabelsChanged],
  );

  if (error && !tagset) return <div className="gl-error-page" role="alert">Could not load the tagset: {error}</div>;
  if (!tagset) return <p className="gl-loading">Loading…</p>;

  return (
    <section className="gl-page gl-tagset" aria-labelledby="gl-tagset-title">
      <header className="gl-page-head">
        <h1 id="gl-tagset-title">Tagset</h1>
        <p className="gl-help">The project's annotation scheme. Changes are saved as you make them; Undo takes them back.</p>
      </header>
      <LabelsTable labels={tagset.labels} ctx={ctx} />
      <RelationTypesTable relationTypes={tagset.relationTypes} labels={tagset.labels} ctx={ctx} />
      <StanceValues stances={tagset.stances} ctx={ctx} />
      <TagsetTransfer ctx={ctx} />
    </section>
  );
}
