import { useEffect, useState } from 'react';
import { subscribeLive } from '../api/liveUpdates.ts';

/** How long the note stays after the last change from another session. */
const NOTE_MS = 4000;

/**
 * A quiet note in the top bar when another session's change arrives (a polite
 * live region: screen readers say it when idle; focus never moves). Pages
 * reload what they show by themselves (useLiveRefresh); this only says why.
 */
export function LiveNote() {
  const [text, setText] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeLive((change) => {
      if (change.local) return;
      setText(change.resync ? 'Reloaded after the connection was lost' : change.method === null ? 'Updated by another program' : 'Updated by another session');
      clearTimeout(timer);
      timer = setTimeout(() => setText(''), NOTE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
  return (
    <span className="gl-live-note" role="status" aria-live="polite">
      {text}
    </span>
  );
}
