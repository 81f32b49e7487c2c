import { useEffect, useRef } from 'react';
import type { Label } from '../../../shared/index.ts';

interface Props {
  labels: Label[];
  position: { left: number; top: number };
  onPick(label: Label): void;
  onClose(): void;
  /** Move focus into the picker (when opened from the keyboard). */
  autoFocus: boolean;
}

/** The popup shown at a selection: one button per label, with its hotkey. */
export function LabelPicker({ labels, position, onPick, onClose, autoFocus }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.querySelector('button')?.focus();
  }, [autoFocus]);
  return (
    <div
      ref={ref}
      className="gl-popup gl-label-picker"
      role="toolbar"
      aria-label="Tag selection as"
      style={{ left: position.left, top: position.top }}
      onMouseDown={(e) => e.preventDefault() /* keep the text selection */}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const buttons = Array.from(ref.current?.querySelectorAll('button') ?? []);
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      {labels.map((l) => (
        <button
          key={l.id}
          type="button"
          className="gl-label-button"
          style={{ ['--hl' as string]: l.color }}
          aria-keyshortcuts={l.hotkey ?? undefined}
          title={`Tag as ${l.name}${l.hotkey ? ` (key ${l.hotkey})` : ''}`}
          onClick={() => onPick(l)}
        >
          {l.hotkey && <kbd aria-hidden="true">{l.hotkey}</kbd>} {l.name}
        </button>
      ))}
    </div>
  );
}
