import { useEffect, useId, useState } from 'react';
import type { Label } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';

interface Props {
  /** The labels chosen, or null for all of them. */
  value: string[] | null;
  onChange(value: string[] | null): void;
  disabled?: boolean;
}

/**
 * Which labels a token-based export (CoNLL, spaCy, Hugging Face) tags: a
 * checkbox per label of the project, all checked at first.
 */
export function LabelFilter({ value, onChange, disabled }: Props) {
  const [labels, setLabels] = useState<Label[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const legend = useId();
  useEffect(() => {
    let live = true;
    api.labels.list({}).then(
      (l) => live && setLabels(l),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  const names = labels?.map((l) => l.name) ?? [];
  const chosen = new Set(value ?? names);
  const toggle = (name: string) => {
    const next = names.filter((n) => (n === name ? !chosen.has(n) : chosen.has(n)));
    onChange(next.length === names.length ? null : next);
  };
  return (
    <fieldset disabled={disabled} aria-labelledby={legend}>
      <legend id={legend}>Labels to tag</legend>
      {error && <p role="alert">{error}</p>}
      <div className="gl-choices">
        {labels?.map((l) => (
          <label key={l.id} className="gl-choice">
            <input type="checkbox" checked={chosen.has(l.name)} onChange={() => toggle(l.name)} />
            <span className="gl-choice-text">
              {l.name} <span className="gl-choice-help">({l.kind === 'claim' ? 'claims' : l.kind === 'other' ? 'other' : 'mentions'})</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
