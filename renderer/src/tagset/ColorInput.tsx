import { useEffect, useRef, useState } from 'react';

interface Props {
  value: string;
  label: string;
  onSave(next: string): Promise<boolean>;
}

/**
 * A colour well that saves itself. Dragging in the picker fires many changes:
 * the last one is saved after a short pause, or at once when focus leaves.
 */
export function ColorInput({ value, label, onSave }: Props) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  useEffect(() => setDraft(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const flush = () => {
    clearTimeout(timer.current);
    const next = draftRef.current.toLowerCase();
    if (next !== value.toLowerCase()) void onSave(next).then((ok) => ok || setDraft(value));
  };

  return (
    <input
      type="color"
      className="gl-color"
      aria-label={label}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        draftRef.current = e.target.value;
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, 400);
      }}
      onBlur={flush}
    />
  );
}
