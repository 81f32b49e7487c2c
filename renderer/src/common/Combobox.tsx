import { useEffect, useEffectEvent, useId, useState, type KeyboardEvent } from 'react';

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
  /**
   * When given, the list offers "Create “…”" for the typed text, and a match
   * is never taken by accident: Enter picks an exact match (ignoring case and
   * spacing) or else creates; other matches must be chosen with the arrows.
   */
  onCreate?(text: string): void;
  /** Keys the field's owner handles before the combobox (return true when handled), e.g. Alt+1 for a stance. */
  onExtraKey?(event: KeyboardEvent<HTMLInputElement>): boolean;
  autoFocus?: boolean;
  /** Marks the field as where its dialog should put focus first (the dialog decides when). */
  firstFocus?: boolean;
  /** Described-by text under the field (keys, what Enter will do). */
  hint?: string;
}

/** Text compared as the user means it: case and runs of spacing ignored. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase();
  return norm(a) === norm(b);
}

/**
 * Which option Enter takes first: without `create`, the first match; with
 * it, an exact match or else "Create" (index `options.length`), never a
 * merely similar option.
 */
export function defaultOption(options: readonly ComboOption[], query: string, create: boolean): number {
  if (!create) return 0;
  const exact = options.findIndex((o) => sameText(o.label, query));
  return exact >= 0 ? exact : options.length;
}

/**
 * A text field with a list of matches (the ARIA combobox pattern): type to
 * search, arrows to move, Enter to pick, Escape to close.
 */
export function Combobox({ label, placeholder, search, onPick, onCreate, onExtraKey, autoFocus, firstFocus, hint }: Props) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; options: ComboOption[] }>({ query: '', options: [] });
  // The arrows' choice, for the results of one query; null: the default option.
  const [moved, setMoved] = useState<{ query: string; index: number } | null>(null);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const hintId = useId();
  const runSearch = useEffectEvent((q: string) => search(q));

  useEffect(() => {
    if (!open) return;
    let live = true;
    const t = setTimeout(() => {
      runSearch(query).then(
        (options) => live && setFound({ query, options }),
        () => live && setFound({ query, options: [] }),
      );
    }, 100);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, open]);

  const options = found.options;
  const exactShown = options.some((o) => sameText(o.label, query));
  const createShown = Boolean(onCreate && query.trim() && !exactShown);
  const count = options.length + (createShown ? 1 : 0);
  // Until the results for what is typed now arrive, Enter waits rather than take stale ones.
  const current = found.query === query;
  const active = Math.min(count - 1, moved && moved.query === query ? moved.index : defaultOption(options, query, Boolean(onCreate)));

  const choose = (i: number) => {
    if (i < options.length) onPick(options[i]!);
    else if (createShown) onCreate!(query.replace(/\s+/gu, ' ').trim());
    else return;
    setQuery('');
    setMoved(null);
    setOpen(false);
  };

  return (
    <div className="gl-combobox">
      <div className="gl-combo-field">
        <input
          type="text"
          role="combobox"
          aria-label={label}
          aria-expanded={open && count > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && count > 0 && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={hint ? hintId : undefined}
          placeholder={placeholder}
          value={query}
          autoFocus={autoFocus}
          data-first-focus={firstFocus ? '' : undefined}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (onExtraKey?.(e)) {
              e.preventDefault();
              return;
            }
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setMoved({ query, index: Math.min(count - 1, active + 1) });
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setMoved({ query, index: Math.max(0, active - 1) });
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (count > 0 && (current || !onCreate)) choose(active);
              else if (onCreate && query.trim() && !current) {
                // The search has not answered yet: look for an exact match first, never guess.
                void search(query).then((o) => {
                  const exact = o.find((x) => sameText(x.label, query));
                  if (exact) onPick(exact);
                  else onCreate(query.replace(/\s+/gu, ' ').trim());
                  setQuery('');
                  setOpen(false);
                });
              }
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
      {hint && (
        <div id={hintId} className="gl-hint gl-combo-hint">
          {hint}
        </div>
      )}
    </div>
  );
}
