import { useEffect, useId, useState, type FormEvent } from 'react';
import type { WorkspaceState } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { Modal } from '../common/Modal.tsx';
import { messageOf } from './errors.ts';

const baseName = (p: string) => p.split(/[\\/]/).pop()?.replace(/\.gloss$/i, '') ?? p;

/**
 * The open project's name in the top bar; it opens the Projects dialog:
 * recent projects, open another project file, create a new one. In Electron
 * the system's file dialog chooses the file; served in a browser, the user
 * types the file's full path. A team project on PostgreSQL is opened by its
 * URL in both. After a switch the app reloads on the library.
 */
export function ProjectMenu() {
  const [state, setState] = useState<WorkspaceState | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    api.workspace.state({}).then(setState, () => setState(null));
  }, []);
  if (!state) return null;
  return (
    <>
      <button type="button" className="gl-project-button" aria-haspopup="dialog" title={`${state.current}: open, create or switch projects`} onClick={() => setOpen(true)}>
        Project {baseName(state.current)}
      </button>
      {open && <ProjectDialog state={state} onState={setState} onClose={() => setOpen(false)} />}
    </>
  );
}

function ProjectDialog({ state, onState, onClose }: { state: WorkspaceState; onState(s: WorkspaceState): void; onClose(): void }) {
  const [openPath, setOpenPath] = useState('');
  const [createPath, setCreatePath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { open: useId(), create: useId(), recent: useId() };

  async function switchWith(run: () => Promise<WorkspaceState | null>) {
    setBusy(true);
    setError(null);
    try {
      const next = await run();
      if (!next) return; // the file dialog was cancelled
      if (next.current !== state.current) {
        // Every page and the undo history belong to the old project: start afresh on the library.
        window.location.replace(`${location.pathname}${location.search}#/`);
        window.location.reload();
        return;
      }
      onState(next);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: FormEvent, mode: 'open' | 'create') => {
    e.preventDefault();
    const p = (mode === 'open' ? openPath : createPath).trim();
    if (p) void switchWith(() => (mode === 'open' ? api.workspace.open({ path: p }) : api.workspace.create({ path: p })));
  };

  const others = state.recent.filter((r) => r.path !== state.current);
  return (
    <Modal title="Projects" onClose={onClose} className="gl-project-dialog" description={<p className="gl-muted">Open: <code>{state.current}</code></p>}>
      {error && (
        <p className="gl-search-error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby={ids.recent}>
        <h3 id={ids.recent}>Recent projects</h3>
        {others.length === 0 ? (
          <p className="gl-muted">No other project opened yet.</p>
        ) : (
          <ul className="gl-recent-list">
            {others.map((r) => (
              <li key={r.path}>
                <button type="button" disabled={busy || !r.exists} aria-label={`Open project ${r.name} (${r.path})`} onClick={() => void switchWith(() => api.workspace.open({ path: r.path }))}>
                  {r.name}
                </button>{' '}
                <span className="gl-muted gl-small">{r.exists ? r.path : `${r.path} (missing)`}</span>{' '}
                <button type="button" className="gl-icon-button" aria-label={`Remove ${r.name} from recent projects`} onClick={() => void api.workspace.forget({ path: r.path }).then(onState, (err) => setError(messageOf(err)))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {state.canChoose ? (
        <div className="gl-modal-actions">
          <button type="button" disabled={busy} onClick={() => void switchWith(() => api.workspace.choose({ mode: 'open' }))}>
            Open project…
          </button>
          <button type="button" disabled={busy} onClick={() => void switchWith(() => api.workspace.choose({ mode: 'create' }))}>
            New project…
          </button>
          {/* A lab's project on PostgreSQL is opened by its address: no file to choose. */}
          <form className="gl-path-form" onSubmit={(e) => submit(e, 'open')}>
            <label htmlFor={ids.open}>Open a team project on PostgreSQL</label>
            <div className="gl-row">
              <input id={ids.open} type="text" spellCheck={false} placeholder="postgres://me@db.lab.example.org/gloss_lab" value={openPath} onChange={(e) => setOpenPath(e.target.value)} />
              <button type="submit" disabled={busy || !openPath.trim()}>
                Open team project
              </button>
            </div>
          </form>
        </div>
      ) : (
        <>
          <form className="gl-path-form" onSubmit={(e) => submit(e, 'open')}>
            <label htmlFor={ids.open}>Open a project file (full path) or a team project (postgres://USER@HOST/DB)</label>
            <div className="gl-row">
              <input id={ids.open} type="text" spellCheck={false} placeholder="/home/me/research/minerals.gloss" value={openPath} onChange={(e) => setOpenPath(e.target.value)} />
              <button type="submit" disabled={busy || !openPath.trim()}>
                Open project
              </button>
            </div>
          </form>
          <form className="gl-path-form" onSubmit={(e) => submit(e, 'create')}>
            <label htmlFor={ids.create}>Create a new project file (full path; .gloss is added)</label>
            <div className="gl-row">
              <input id={ids.create} type="text" spellCheck={false} placeholder="/home/me/research/new-study.gloss" value={createPath} onChange={(e) => setCreatePath(e.target.value)} />
              <button type="submit" disabled={busy || !createPath.trim()}>
                Create project
              </button>
            </div>
          </form>
        </>
      )}
    </Modal>
  );
}
