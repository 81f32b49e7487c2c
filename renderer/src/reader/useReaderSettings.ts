import { useCallback, useEffect, useState } from 'react';
import type { ReaderSettings } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

const DEFAULTS: ReaderSettings = { snapToWords: true, showRelationArcs: false };

/** The project's reader settings, and a setter that saves at once and can be undone. */
export function useReaderSettings(history: History): [ReaderSettings, (changes: Partial<ReaderSettings>) => void] {
  const [settings, setSettings] = useState<ReaderSettings>(DEFAULTS);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api.project.readerSettings({}).then(
      (s) => live && setSettings(s),
      (err) => notify('error', messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [version]);
  // Changed by another session, or put back by an undo.
  useLiveRefresh((c) => c.method === null || c.method === 'project.setReaderSettings', () => setVersion((v) => v + 1));
  const change = useCallback(
    (changes: Partial<ReaderSettings>) => {
      history.record({ description: 'change reader setting' }, (client) => client.project.setReaderSettings(changes)).then(
        ({ settings: next }) => setSettings(next),
        (err) => notify('error', messageOf(err)),
      );
    },
    [history],
  );
  return [settings, change];
}
