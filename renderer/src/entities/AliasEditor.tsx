import { useState, type KeyboardEvent } from 'react';

interface Props {
  aliases: string[];
  /** Whose aliases, for the controls' names, e.g. "Pakistan". */
  owner: string;
  /** Saves the new list; resolves whether it was saved. */
  onChange(next: string[]): Promise<boolean> | void;
}

/**
 * Aliases as removable chips, plus a field that adds one on Enter or when
 * focus leaves it. Aliases may hold commas ("Washington, D.C."), so each is
 * entered on its own rather than as a separated list.
 */
export function AliasEditor({ aliases, owner, onChange }: Props) {
  const [draft, setDraft] = useState('');

  async function add() {
    const v = draft.trim();
    if (!v) return;
    if (aliases.some((a) => a.toLowerCase() === v.toLowerCase())) {
      setDraft('');
      return;
    }
    setDraft('');
    if ((await onChange([...aliases, v])) === false) setDraft(v);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void add();
    } else if (e.key === 'Escape' && draft) {
      e.stopPropagation();
      setDraft('');
    }
  }

  return (
    <div className="gl-alias-editor">
      {aliases.length > 0 && (
        <ul className="gl-chips" aria-label={`Aliases of ${owner}`}>
          {aliases.map((a) => (
            <li key={a} className="gl-chip-item">
              <span>{a}</span>
              <button type="button" className="gl-chip-remove" aria-label={`Remove alias ${a} of ${owner}`} onClick={() => void onChange(aliases.filter((x) => x !== a))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        type="text"
        className="gl-inline-text gl-alias-input"
        aria-label={`Add alias of ${owner}`}
        placeholder="add alias…"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void add()}
      />
    </div>
  );
}
