import { useState, type FormEvent } from 'react';
import type { StanceSet } from '../../../shared/index.ts';
import { InlineText } from './InlineText.tsx';
import { saveChange, type ChangeContext } from './saveChange.ts';

/** Stance sets used in the literature, offered as one-click switches. */
const PRESETS: { name: string; values: string[] }[] = [
  { name: 'SemEval-2016 stance', values: ['favor', 'against', 'neutral'] },
  { name: 'FNC-1', values: ['agree', 'disagree', 'discuss'] },
  { name: 'RumourEval SDQC', values: ['support', 'deny', 'query', 'comment'] },
];

interface Props {
  stances: StanceSet;
  ctx: ChangeContext;
}

interface Next {
  values: string[];
  defaultValue: string;
  /** Old value → new value, applied to existing claims and document stances. */
  rename?: Record<string, string>;
}

/**
 * The project's stance values, in order (the first two are read as "for" and
 * "against" when the propositions view looks for contested propositions).
 * Renaming a value renames it on every claim and document stance.
 */
export function StanceValues({ stances, ctx }: Props) {
  const [newValue, setNewValue] = useState('');
  const { values, defaultValue } = stances;

  function set(next: Next, description: string): Promise<boolean> {
    const rename = next.rename ?? {};
    return saveChange({ ...ctx, description }, async (client) => {
      await client.tagset.setStanceValues({ values: next.values, defaultValue: next.defaultValue, rename });
    });
  }

  function rename(i: number, to: string) {
    const from = values[i]!;
    const next = values.map((v, j) => (j === i ? to : v));
    return set({ values: next, defaultValue: defaultValue === from ? to : defaultValue, rename: { [from]: to } }, `rename stance ${from} to ${to}`);
  }

  function move(i: number, by: number) {
    const next = [...values];
    const [v] = next.splice(i, 1);
    next.splice(i + by, 0, v!);
    void set({ values: next, defaultValue }, `move stance ${v}`);
  }

  function remove(i: number) {
    const v = values[i]!;
    const next = values.filter((_, j) => j !== i);
    void set({ values: next, defaultValue: defaultValue === v ? next[0]! : defaultValue }, `remove stance ${v}`);
  }

  /** Switches to a preset, renaming the current values in order (favor → agree, …). */
  function applyPreset(preset: string[]) {
    const rename: Record<string, string> = {};
    values.forEach((v, i) => {
      if (i < preset.length && v !== preset[i]) rename[v] = preset[i]!;
    });
    const at = values.indexOf(defaultValue);
    const def = at >= 0 && at < preset.length ? preset[at]! : preset[preset.length - 1]!;
    void set({ values: preset, defaultValue: def, rename }, `switch stances to ${preset.join('/')}`);
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const v = newValue.trim();
    if (!v) return;
    if (await set({ values: [...values, v], defaultValue }, `add stance ${v}`)) setNewValue('');
  }

  return (
    <section className="gl-tagset-section" aria-labelledby="gl-stances-heading">
      <h2 id="gl-stances-heading">Stance values</h2>
      <p className="gl-help">
        A claim takes one of these stances toward its proposition. The first two are read as <em>for</em> and <em>against</em>: a proposition is
        contested when one document takes the first and another the second. Renaming a value renames it everywhere; a value still in use cannot be
        removed.
      </p>
      <ol className="gl-stance-list" aria-label="Stance values">
        {values.map((v, i) => (
          <li key={`${i}:${v}`} className="gl-stance-item">
            <InlineText value={v} label={`Stance value ${i + 1}`} required onSave={(to) => rename(i, to)} />
            <label className="gl-stance-default">
              <input type="radio" name="gl-default-stance" checked={v === defaultValue} onChange={() => void set({ values, defaultValue: v }, `make ${v} the default stance`)} />{' '}
              default<span className="gl-visually-hidden"> stance: {v}</span>
            </label>
            <button type="button" className="gl-icon-button" aria-label={`Move ${v} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" className="gl-icon-button" aria-label={`Move ${v} down`} disabled={i === values.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" className="gl-icon-button gl-danger" aria-label={`Remove stance ${v}`} disabled={values.length === 1} onClick={() => remove(i)}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <form className="gl-add-form" aria-label="Add a stance value" onSubmit={(e) => void add(e)}>
        <input type="text" aria-label="New stance value" placeholder="New stance value" value={newValue} onChange={(e) => setNewValue(e.target.value)} />
        <button type="submit">Add stance value</button>
      </form>
      <div className="gl-presets" role="group" aria-label="Stance presets">
        <span className="gl-muted">Switch to a standard set (renames the current values in order):</span>
        {PRESETS.map((p) => (
          <button key={p.name} type="button" disabled={p.values.join() === values.join()} onClick={() => applyPreset(p.values)}>
            {p.values.join(' / ')} <span className="gl-muted">({p.name})</span>
          </button>
        ))}
      </div>
    </section>
  );
}
