import { useEffect, useRef } from 'react';
import type { RelationType } from '../../../shared/index.ts';

interface Props {
  /** Where the pointer was let go, in viewport coordinates. */
  at: { left: number; top: number };
  relationTypes: readonly RelationType[];
  onPick(typeId: string): void;
  onClose(): void;
}

/** The relation types offered after an Alt+drag between two highlights; takes focus, Escape cancels. */
export function RelationTypePicker({ at, relationTypes, onPick, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.querySelector('button')?.focus(), []);
  return (
    <div
      ref={ref}
      className="gl-popup gl-relation-picker"
      role="toolbar"
      aria-label="Relate as"
      style={{ left: at.left, top: at.top, position: 'fixed' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          const buttons = Array.from(ref.current?.querySelectorAll('button') ?? []);
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      {relationTypes.map((t) => (
        <button key={t.id} type="button" style={{ ['--hl' as string]: t.color }} className="gl-label-button" onClick={() => onPick(t.id)}>
          {t.name}
        </button>
      ))}
      <button type="button" aria-label="Cancel relation" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
