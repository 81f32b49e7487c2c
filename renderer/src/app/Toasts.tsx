import { useCallback, useEffect, useState } from 'react';

export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** A button in the message, e.g. "Undo" after a deletion. */
  action?: ToastAction;
}

/** How long an information stays; errors stay until dismissed, so they can be read and acted on. */
export const INFO_TOAST_MS = 6000;
/** An information with an action stays longer: the action needs time to reach. */
export const ACTION_TOAST_MS = 10000;

let nextId = 1;
const listeners = new Set<(t: Toast) => void>();

/** Shows a message in the app's status area (an ARIA live region). */
export function notify(kind: Toast['kind'], text: string, action?: ToastAction): void {
  const toast: Toast = { id: nextId++, kind, text, ...(action ? { action } : {}) };
  for (const l of listeners) l(toast);
}

/**
 * The messages. Information dismisses itself after a few seconds, but not
 * while the pointer is over it or focus is in it (WCAG 2.2.1: time to read
 * and act); errors stay until dismissed.
 */
export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => {
    const onToast = (t: Toast) => setToasts((ts) => [...ts.slice(-3), t]);
    listeners.add(onToast);
    return () => void listeners.delete(onToast);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);
  return (
    <div className="gl-toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
      ))}
    </div>
  );
}

function ToastItem({ toast, onDismiss: dismissId }: { toast: Toast; onDismiss(id: number): void }) {
  const [held, setHeld] = useState({ hover: false, focus: false });
  const onDismiss = () => dismissId(toast.id);
  const paused = held.hover || held.focus;
  useEffect(() => {
    if (toast.kind === 'error' || paused) return;
    const t = setTimeout(() => dismissId(toast.id), toast.action ? ACTION_TOAST_MS : INFO_TOAST_MS);
    return () => clearTimeout(t);
  }, [toast, paused, dismissId]);
  return (
    <div
      className={`gl-toast gl-toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : undefined}
      data-paused={paused ? 'true' : undefined}
      onMouseEnter={() => setHeld((h) => ({ ...h, hover: true }))}
      onMouseLeave={() => setHeld((h) => ({ ...h, hover: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld((h) => ({ ...h, focus: false }));
      }}
    >
      <span>{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="gl-toast-action"
          onClick={() => {
            toast.action!.run();
            onDismiss();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
