import { useEffect, useId, useRef, useState } from 'react';

export interface ComboOption {
  id: string;
  label: string;
  detail?: string;
}

interface Props {
  /** The input's accessible name, e.g. "Link to entity". */
  label: string;
  placeholder?: string;
  /** Looks options up for what was typed (debounced). */
  search(query: string): Promise<ComboOption[]>;
  onPick(option: ComboOption): void;
  /** When given, the list ends with "Create “…”" for the typed text. */
  onCreate?(text: string): void;
  autoFocus?: boolean;
}

/**
 * A text field with a list of matches (the ARIA combobox pattern): type to
 * search, arrows to move, Enter to pick, Escape to close.
 */
export function Combobox({ label, placeholder, search, onPick, onCreate, autoFocus }: Props) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<ComboOption[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    if (!open) return;
    let live = true;
    const t = setTimeout(() => {
      searchRef.current(query).then((o) => {
        if (!live) return;
        setOptions(o);
        setActive(0);
      }, () => live && setOptions([]));
    }, 100);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, open]);

  const createShown = Boolean(onCreate && query.trim() && !options.some((o) => o.label.toLowerCase() === query.trim().toLowerCase()));
  const count = options.length + (createShown ? 1 : 0);

  const choose = (i: number) => {
    if (i < options.length) onPick(options[i]!);
    else if (createShown) onCreate!(query.trim());
    setQuery('');
    setOpen(false);
  };

  return (
    <div className="gl-combobox">
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open && count > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && count > 0 ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        autoFocus={autoFocus}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(count - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (count > 0) choose(Math.min(active, count - 1));
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && count > 0 && (
        <ul id={listId} role="listbox" aria-label={label} className="gl-combo-list">
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'gl-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(i);
              }}
            >
              <span>{o.label}</span>
              {o.detail && <span className="gl-combo-detail">{o.detail}</span>}
            </li>
          ))}
          {createShown && (
            <li
              id={`${listId}-${options.length}`}
              role="option"
              aria-selected={active === options.length}
              className={active === options.length ? 'gl-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(options.length);
              }}
            >
              Create “{query.trim()}”
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
