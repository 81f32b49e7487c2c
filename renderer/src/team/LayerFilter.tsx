import './team.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { annotatorColor, isShown, type LayerChoice } from './layers.ts';

/** The reader's layer choice and a predicate for it; `key` changes whenever what is shown does. */
export function useLayers(annotations: ReadonlyMap<string, Annotation>) {
  const [choice, setChoice] = useState<LayerChoice>({ mode: 'all', chosen: [] });
  const [me, setMe] = useState<string | null>(null);
  useEffect(() => {
    api.team.info({}).then((i) => setMe(i.annotator), () => undefined);
  }, []);
  const annotators = useMemo(() => [...new Set([...annotations.values()].map((a) => a.annotator))].sort(), [annotations]);
  const shown = useCallback((a: Pick<Annotation, 'annotator'>) => isShown(choice, me, a), [choice, me]);
  // Read by paint code that runs outside React's render (ProseMirror set-up).
  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);
  const key = `${choice.mode}|${choice.chosen.join(',')}|${me ?? ''}`;
  return { choice, setChoice, me, annotators, shown, shownRef, key };
}

/**
 * The side panel's layer filter: all annotators, mine, or a chosen set, each
 * annotator with the colour of the marker on their highlights.
 */
export function LayerFilter({ layers }: { layers: ReturnType<typeof useLayers> }) {
  const { choice, setChoice, me, annotators } = layers;
  if (annotators.length < 2 && choice.mode === 'all') return null;
  return (
    <fieldset className="gl-layers">
      <legend>Layers</legend>
      {(['all', 'mine', 'chosen'] as const).map((mode) => (
        <label key={mode}>
          <input type="radio" name="gl-layer-mode" checked={choice.mode === mode} onChange={() => setChoice({ mode, chosen: choice.chosen.length ? choice.chosen : annotators })} />
          {mode === 'all' ? 'All annotators' : mode === 'mine' ? `Mine (${me ?? '…'})` : 'Chosen'}
        </label>
      ))}
      {choice.mode === 'chosen' &&
        annotators.map((a) => (
          <label key={a} className="gl-layer-annotator">
            <input
              type="checkbox"
              checked={choice.chosen.includes(a)}
              onChange={(e) => setChoice({ mode: 'chosen', chosen: e.target.checked ? [...choice.chosen, a] : choice.chosen.filter((x) => x !== a) })}
            />
            <span className="gl-layer-swatch" style={{ background: annotatorColor(a) }} aria-hidden="true" />
            {a}
          </label>
        ))}
      {choice.mode !== 'chosen' && (
        <p className="gl-layer-legend">
          {annotators.map((a) => (
            <span key={a}>
              <span className="gl-layer-swatch" style={{ background: annotatorColor(a) }} aria-hidden="true" /> {a}{' '}
            </span>
          ))}
        </p>
      )}
    </fieldset>
  );
}
