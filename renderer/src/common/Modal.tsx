import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import './modal.css';

interface Props {
  title: string;
  /** Called on Escape, on the close button and when an action closes it. */
  onClose(): void;
  children: ReactNode;
  /** `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  /** A selector inside the dialog for the element that takes focus first (default: the first field or button after the title). */
  initialFocus?: string;
  className?: string;
  /** Text under the title, read with the title (aria-describedby). */
  description?: ReactNode;
  /** Where focus goes on close when the element that had it at opening is gone. */
  fallbackFocus?(): void;
}

/**
 * A modal dialog on the native <dialog> element opened with showModal():
 * the browser makes the rest of the page inert, keeps Tab inside, and turns
 * Escape into a cancel, which closes it through `onClose`. Focus goes to the
 * first control (or `initialFocus`) and back to the opener when it closes.
 */
export function Modal({ title, onClose, children, role = 'dialog', initialFocus, className, description, fallbackFocus }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const closeRef = useRef(onClose);
  const fallbackRef = useRef(fallbackFocus);
  useEffect(() => {
    closeRef.current = onClose;
    fallbackRef.current = fallbackFocus;
  });

  // A layout effect: its cleanup closes the dialog while it is still in the page, so focus can go back.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const first =
      (initialFocus && dialog.querySelector<HTMLElement>(initialFocus)) ||
      dialog.querySelector<HTMLElement>('.gl-modal-body input:not([disabled]), .gl-modal-body select, .gl-modal-body textarea, .gl-modal-body button:not([disabled]), .gl-modal-actions button:not([disabled])');
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected && opener !== document.body) opener.focus();
      else fallbackRef.current?.();
    };
  }, [initialFocus]);

  return (
    <dialog ref={ref} className={`gl-dialog ${className ?? ''}`} role={role === 'alertdialog' ? 'alertdialog' : undefined} aria-modal="true" aria-labelledby={titleId} aria-describedby={description ? descId : undefined}
      onKeyDown={(e) => {
        // Escape is handled here, before the browser's close request: otherwise focus is given
        // back while the key is still travelling, and the control behind gets the Escape too.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
      }}
    >
      <div className="gl-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="gl-icon-button" aria-label={`Close ${title}`} onClick={() => closeRef.current()}>
          ×
        </button>
      </div>
      {description && (
        <div id={descId} className="gl-dialog-description">
          {description}
        </div>
      )}
      <div className="gl-modal-body">{children}</div>
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A yes/no question in the app's own dialog (never the browser's confirm()); focus starts on the safe answer. */
export function ConfirmDialog({ title, message, confirmLabel, cancelLabel = 'Cancel', danger, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Modal title={title} role="alertdialog" onClose={onCancel} description={message} initialFocus=".gl-confirm-cancel">
      <div className="gl-modal-actions gl-row">
        <button type="button" className="gl-confirm-cancel" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className={danger ? 'gl-danger-button' : 'gl-primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
