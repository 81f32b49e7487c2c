import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  value: string;
  /** The accessible name, e.g. "Name of label Person". */
  label: string;
  /**
   * Saves a new value; resolves false when the save failed (the field then
   * shows the saved value again). Called on Enter and on leaving the field.
   */
  onSave(next: string): Promise<boolean>;
  multiline?: boolean;
  placeholder?: string;
  className?: string;
  /** The id of a <datalist> to suggest values from. */
  list?: string;
  /** Refuses empty values without calling onSave (names). */
  required?: boolean;
  autoFocus?: boolean;
  /** Height of a multiline field. */
  rows?: number;
  /** A one-line value shown wrapped (multiline look): Enter saves, and the value is trimmed. */
  wrap?: boolean;
}

/**
 * A text field that saves itself: on Enter (Ctrl+Enter when multiline) and
 * when focus leaves; Escape puts the saved value back. There is no Save button.
 */
export function InlineText({ value, label, onSave, multiline, placeholder, className, list, required, autoFocus, rows = 3, wrap }: Props) {
  const [draft, setDraft] = useState(value);
  // What was saved (or is being saved) until the new value comes back as `value`, so Enter then blur saves once.
  const settled = useRef<string | null>(null);

  useEffect(() => {
    setDraft(value);
    settled.current = null;
  }, [value]);

  async function commit() {
    const next = multiline && !wrap ? draft : draft.trim();
    if (next === value || next === settled.current) return;
    if (required && !next) {
      setDraft(value);
      return;
    }
    settled.current = next;
    const ok = await onSave(next);
    if (!ok) {
      settled.current = null;
      setDraft(value);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      if (draft !== value) e.stopPropagation();
      setDraft(value);
    } else if (e.key === 'Enter' && (!multiline || wrap || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void commit();
    }
  }

  const common = {
    className: `gl-inline-text${className ? ` ${className}` : ''}`,
    'aria-label': label,
    placeholder,
    autoFocus,
    value: draft,
    onKeyDown,
    onBlur: () => void commit(),
  };
  return multiline || wrap ? (
    <textarea {...common} rows={rows} onChange={(e) => setDraft(e.target.value)} />
  ) : (
    <input type="text" {...common} list={list} onChange={(e) => setDraft(e.target.value)} />
  );
}
