import type { ProgressView } from './followJob.ts';

interface Props {
  view: ProgressView;
  /** The bar's accessible name, e.g. "Import progress". */
  name: string;
  /** The cancel button's text; no button without `onCancel`. */
  cancelLabel?: string;
  onCancel?(): void;
  cancelling?: boolean;
  /** Moves focus to the cancel button when it appears (in a dialog whose other controls are disabled meanwhile). */
  autoFocus?: boolean;
}

/** A long operation's progress: the phase and counts in words (a live region), a bar, and a cancel button. */
export function ProgressBar({ view, name, cancelLabel = 'Cancel', onCancel, cancelling, autoFocus }: Props) {
  return (
    <div className="gl-progress gl-job-progress">
      <label role="status">
        {cancelling ? 'Cancelling…' : view.label}
        <progress max={view.total || 1} value={view.indeterminate ? undefined : view.done} aria-label={name} />
      </label>
      {onCancel && (
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
        <button type="button" onClick={() => !cancelling && onCancel()} aria-disabled={cancelling || undefined} autoFocus={autoFocus}>
          {cancelLabel}
        </button>
      )}
    </div>
  );
}
