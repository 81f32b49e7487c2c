import './team.css';
import { useCallback, useEffect, useState } from 'react';
import type { DocumentStatus as Status, DocumentStatusValue } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

const NAMES: Record<DocumentStatusValue, string> = { not_started: 'not started', in_progress: 'in progress', done: 'done' };
const MARK: Record<DocumentStatusValue, string> = { not_started: '○', in_progress: '◐', done: '●' };

/** Every annotator's status per document, and the current annotator's name, for the library. */
export function useStatuses(): { statuses: Status[]; me: string | null; reload: () => void } {
  const [statuses, setStatuses] = useState<Status[]>([]);
  const [me, setMe] = useState<string | null>(null);
  const reload = useCallback(() => {
    Promise.all([api.team.statuses({}), api.team.info({})]).then(
      ([s, i]) => {
        setStatuses(s);
        setMe(i.annotator);
      },
      (err) => notify('error', messageOf(err)),
    );
  }, []);
  useEffect(reload, [reload]);
  return { statuses, me, reload };
}

/**
 * A document's status in the library: the current annotator's, as a select
 * they can change, and the others' as marks (● done, ◐ in progress), so a
 * lead sees who finished what.
 */
export function DocumentStatusCell({ documentId, title, statuses, me, onChanged }: { documentId: string; title: string; statuses: readonly Status[]; me: string | null; onChanged: () => void }) {
  const mine = statuses.find((s) => s.documentId === documentId && s.annotator === me)?.status ?? 'not_started';
  const others = statuses.filter((s) => s.documentId === documentId && s.annotator !== me);
  return (
    <span className="gl-status">
      {others.map((s) => (
        <span key={s.annotator} title={`${s.annotator}: ${NAMES[s.status]}`}>
          {/* The mark is a picture; its meaning is said in words (an aria-label is not read on a plain span). */}
          <span aria-hidden="true">{MARK[s.status]} </span>
          {s.annotator}
          <span className="gl-visually-hidden">: {NAMES[s.status]}</span>{' '}
        </span>
      ))}
      {me && (
        <select
          aria-label={`My status on ${title}`}
          value={mine}
          onChange={(e) =>
            api.team.setStatus({ documentId, status: e.target.value as DocumentStatusValue }).then(onChanged, (err) => notify('error', messageOf(err)))
          }
        >
          {Object.entries(NAMES).map(([v, n]) => (
            <option key={v} value={v}>
              {n}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}
