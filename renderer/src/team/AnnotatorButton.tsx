import './team.css';
import { useEffect, useRef, useState } from 'react';
import type { TeamInfo } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

/**
 * The current annotator in the top bar: everything new is recorded under this
 * name. Click to change it; on first run (no name chosen yet) it asks at once,
 * offering the OS user's name.
 */
export function AnnotatorButton({ onChanged }: { onChanged?: (info: TeamInfo) => void }) {
  const [info, setInfo] = useState<TeamInfo | null>(null);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.team.info({}).then(
      (i) => {
        setInfo(i);
        if (!i.chosen) {
          setName(i.annotator);
          setEditing(true);
        }
      },
      (err) => notify('error', messageOf(err)),
    );
  }, []);
  useEffect(() => {
    // Focus only when the user asked to change it, not on the first-run question.
    if (editing && info?.chosen) input.current?.select();
  }, [editing, info?.chosen]);

  const save = () => {
    const clean = name.trim();
    if (!clean) return;
    api.team.setAnnotator({ name: clean }).then(
      (i) => {
        setInfo(i);
        setEditing(false);
        onChanged?.(i);
      },
      (err) => notify('error', messageOf(err)),
    );
  };

  return (
    <>
      {!editing && <button
        type="button"
        className="gl-annotator"
        aria-label={`Annotator: ${info?.annotator ?? '…'} (change)`}
        title="Who your annotations are recorded under"
        onClick={() => {
          setName(info?.annotator ?? '');
          setEditing(true);
        }}
      >
        👤 {info?.annotator ?? '…'}
      </button>}
      {editing && (
        // Inline in the top bar rather than a modal: the first-run question must not block the app.
        <form
          className="gl-annotator-form"
          aria-labelledby="gl-annotator-title"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && info?.chosen) setEditing(false);
          }}
        >
          <span id="gl-annotator-title">{info?.chosen ? 'Annotator:' : 'Who is annotating?'}</span>
          <input ref={input} aria-label="Annotator name" title="Your annotations, links and stances are recorded under this name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          {/* A choice of who is working, not a save: every change is saved as it is made. */}
          <button type="submit" disabled={!name.trim()}>
            Use this name
          </button>
          {info?.chosen && (
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          )}
        </form>
      )}
    </>
  );
}
