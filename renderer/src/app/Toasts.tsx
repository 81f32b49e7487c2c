import { useEffect, useState } from 'react';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let nextId = 1;
const listeners = new Set<(t: Toast) => void>();

/** Shows a message in the app's status area (an ARIA live region). */
export function notify(kind: Toast['kind'], text: string): void {
  const toast = { id: nextId++, kind, text };
  for (const l of listeners) l(toast);
}

export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    const onToast = (t: Toast) => {
      setToasts((ts) => [...ts.slice(-3), t]);
      setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== t.id)), t.kind === 'error' ? 12000 : 4000);
    };
    listeners.add(onToast);
    return () => void listeners.delete(onToast);
  }, []);
  return (
    <div className="gl-toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`gl-toast gl-toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
          <span>{t.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => setToasts((ts) => ts.filter((x) => x.id !== t.id))}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
