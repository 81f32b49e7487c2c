import { useCallback, useEffect, useState } from 'react';
import type { ReaderSettings } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import type { History } from '../undo/history.ts';

const DEFAULTS: ReaderSettings = { snapToWords: true, showRelationArcs: false };

/** The project's reader settings, and a setter that saves at once and can be undone. */
export function useReaderSettings(history: History): [ReaderSettings, (changes: Partial<ReaderSettings>) => void] {
  const [settings, setSettings] = useState<ReaderSettings>(DEFAULTS);
  useEffect(() => {
    let live = true;
    api.project.readerSettings({}).then(
      (s) => live && setSettings(s),
      (err) => notify('error', messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  const change = useCallback(
    (changes: Partial<ReaderSettings>) => {
      api.project.setReaderSettings(changes).then(
        ({ settings: next, previous }) => {
          setSettings(next);
          history.push({
            description: 'change reader setting',
            undo: async () => setSettings((await api.project.setReaderSettings(previous)).settings),
            redo: async () => setSettings((await api.project.setReaderSettings(changes)).settings),
          });
        },
        (err) => notify('error', messageOf(err)),
      );
    },
    [history],
  );
  return [settings, change];
}
