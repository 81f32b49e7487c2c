import { useState } from 'react';
import type { Suggestion } from '../../../shared/index.ts';

const THRESHOLDS = [0.9, 0.8, 0.7, 0.6];

/** "Accept all at or above 80 % (12)": every suggestion at least that confident, in one step. */
function AcceptAbove({ suggestions, onAcceptMany }: { suggestions: readonly Suggestion[]; onAcceptMany(list: readonly Suggestion[]): void }) {
  const [threshold, setThreshold] = useState(0.8);
  const above = suggestions.filter((s) => s.confidence >= threshold);
  return (
    <div className="gl-row" role="group" aria-label="Accept by confidence">
      <label>
        Confidence at least{' '}
        <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))}>
          {THRESHOLDS.map((t) => (
            <option key={t} value={t}>
              {Math.round(t * 100)}%
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!above.length} onClick={() => onAcceptMany(above)}>
        Accept {above.length} at or above
      </button>
    </div>
  );
}

interface Props {
  active: boolean;
  loading: boolean;
  suggestions: readonly Suggestion[];
  current: number;
  onStart(): void;
  onStop(): void;
  onFocus(index: number): void;
  onAccept(index: number): void;
  onReject(index: number): void;
  /** Accept several at once (all of one label), as one undo step. */
  onAcceptMany(list: readonly Suggestion[]): void;
}

/** Offline suggestions, never applied silently: shown dashed, accepted or rejected one by one. */
export function SuggestionsTab({ active, loading, suggestions, current, onStart, onStop, onFocus, onAccept, onReject, onAcceptMany }: Props) {
  if (!active) {
    return (
      <div className="gl-suggest-intro">
        <p className="gl-hint">
          Gloss can propose people, places, organisations, money, dates and percentages, and sentences that report claims. Nothing is tagged until you accept it.
        </p>
        <button type="button" className="gl-primary" onClick={onStart}>
          Show suggestions
        </button>
      </div>
    );
  }
  return (
    <div className="gl-suggest">
      <div className="gl-row">
        <span className="gl-muted">{loading ? 'Finding suggestions…' : `${suggestions.length} suggestion(s)`}</span>
        <button type="button" onClick={onStop}>Hide suggestions</button>
      </div>
      <p className="gl-hint">
        In the text: <kbd>n</kbd> next, <kbd>p</kbd> previous, <kbd>Enter</kbd> accept, <kbd>Backspace</kbd> reject (with the caret in the suggestion). <kbd>Tab</kbd> leaves the text as usual.
      </p>
      {suggestions.length > 1 && <AcceptAbove suggestions={suggestions} onAcceptMany={onAcceptMany} />}
      {suggestions.length > 1 && (
        <div className="gl-row" role="group" aria-label="Accept all of one label">
          {[...new Set(suggestions.map((s) => s.labelName))].map((name) => {
            const all = suggestions.filter((s) => s.labelName === name);
            return (
              <button key={name} type="button" onClick={() => onAcceptMany(all)}>
                Accept all {all.length} {name}
              </button>
            );
          })}
        </div>
      )}
      <ul className="gl-suggest-list" aria-label="Suggestions">
        {suggestions.map((s, i) => (
          <li key={s.id} className={i === current ? 'gl-current' : undefined} aria-current={i === current ? 'true' : undefined}>
            <button type="button" className="gl-link-button gl-suggest-quote" onClick={() => onFocus(i)} title={s.reason}>
              <span className="gl-chip">{s.labelName}</span> {s.quote.length > 90 ? `${s.quote.slice(0, 90)}…` : s.quote}{' '}
              <span className="gl-muted">{Math.round(s.confidence * 100)}%</span>
            </button>
            <span className="gl-row">
              <button type="button" aria-label={`Accept ${s.labelName} ${s.quote.slice(0, 40)}`} onClick={() => onAccept(i)}>
                Accept
              </button>
              <button type="button" aria-label={`Reject ${s.labelName} ${s.quote.slice(0, 40)}`} onClick={() => onReject(i)}>
                Reject
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
