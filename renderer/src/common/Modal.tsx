import { useEffectEvent, useLayoutEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The dialog's accessible name (also its heading). */
  title: string;
  onClose(): void;
  children: ReactNode;
  className?: string;
  /** Where focus goes on close when the element that had it at opening is gone. */
  fallbackFocus?(): void;
}

/**
 * A modal dialog on the native <dialog> element, opened with showModal():
 * the rest of the page is inert (no clicks, no Tab, hidden from assistive
 * technology), Tab stays inside, Escape closes it, and focus goes back to
 * where it was when the dialog opened.
 */
export function Modal({ title, onClose, children, className, fallbackFocus }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const fallback = useEffectEvent(() => fallbackFocus?.());
  // A layout effect: its cleanup closes the dialog while it is still in the page, so focus can go back.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      // Back to the control (or the text) that opened the dialog, if it is still there.
      if (before?.isConnected && before !== document.body) before.focus();
      else fallback();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`gl-modal${className ? ` ${className}` : ''}`}
      aria-label={title}
      onKeyDown={(e) => {
        // Escape is handled here, before the browser's close request: otherwise focus is given
        // back while the key is still travelling, and the control behind gets the Escape too.
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
      onCancel={(e) => {
        // Escape: closed by React state, so the dialog leaves the DOM with its owner.
        e.preventDefault();
        onClose();
      }}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}
