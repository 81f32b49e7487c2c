import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Label } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { ComparePage } from '../compare/ComparePage.tsx';
import { EntitiesPage } from '../entities/EntitiesPage.tsx';
import { Library } from '../library/Library.tsx';
import { PropositionsPage } from '../propositions/PropositionsPage.tsx';
import { Reader } from '../reader/Reader.tsx';
import { TagsetPage } from '../tagset/TagsetPage.tsx';
import { History } from '../undo/history.ts';
import { messageOf } from './errors.ts';
import { useRoute } from './route.ts';
import { notify, Toasts } from './Toasts.tsx';
import { useHistoryState } from './useHistory.ts';

/** Whether a key event belongs to a form field, whose own undo must be left alone. */
function inFormField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

/** The skip link's target: the open document's text when there is one, else the page's main region. */
function skipToContent(): void {
  const text = document.querySelector<HTMLElement>('.gl-reader-text');
  (text ?? document.getElementById('gl-main'))?.focus();
}

export function App() {
  const [route, navigate] = useRoute();
  const [labels, setLabels] = useState<Label[]>([]);
  const history = useMemo(() => new History((err) => notify('error', `Undo/redo failed: ${messageOf(err)}`)), []);
  useHistoryState(history);

  const reloadLabels = useCallback(() => {
    api.labels.list({}).then(setLabels, (err) => notify('error', messageOf(err)));
  }, []);
  useEffect(reloadLabels, [reloadLabels]);

  // Undo history belongs to the document being read.
  // A reader's undo steps repaint that reader's view, so the history starts
  // afresh when another document is opened; the project-wide pages keep it.
  const documentId = route.view === 'reader' ? route.documentId : null;
  const lastDocument = useRef<string | null>(null);
  useEffect(() => {
    if (documentId && documentId !== lastDocument.current) {
      if (lastDocument.current) history.clear();
      lastDocument.current = documentId;
    }
  }, [documentId, history]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || inFormField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void history.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void history.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history]);

  return (
    <div className="gl-app">
      <a className="gl-skip-link" href="#gl-main" onClick={(e) => {
        // The hash is the router's: move focus without navigating.
        e.preventDefault();
        skipToContent();
      }}>
        Skip to content
      </a>
      <header className="gl-topbar">
        <span className="gl-brand" aria-hidden="true">Gloss</span>
        <nav aria-label="Main">
          <button type="button" aria-current={route.view === 'library' ? 'page' : undefined} onClick={() => navigate({ view: 'library' })}>
            Library
          </button>
          <button type="button" aria-current={route.view === 'entities' ? 'page' : undefined} onClick={() => navigate({ view: 'entities' })}>
            Entities
          </button>
          <button type="button" aria-current={route.view === 'propositions' ? 'page' : undefined} onClick={() => navigate({ view: 'propositions' })}>
            Propositions
          </button>
          <button type="button" aria-current={route.view === 'tagset' ? 'page' : undefined} onClick={() => navigate({ view: 'tagset' })}>
            Tagset
          </button>
          <button type="button" aria-current={route.view === 'compare' ? 'page' : undefined} onClick={() => navigate({ view: 'compare', documentIds: [] })}>
            Compare
          </button>
        </nav>
        <div className="gl-topbar-actions">
          <button type="button" aria-label="Undo" title={history.nextUndo ? `Undo ${history.nextUndo} (Ctrl+Z)` : 'Nothing to undo'} disabled={!history.canUndo} onClick={() => void history.undo()}>
            ↶ Undo
          </button>
          <button type="button" aria-label="Redo" title={history.nextRedo ? `Redo ${history.nextRedo} (Ctrl+Shift+Z)` : 'Nothing to redo'} disabled={!history.canRedo} onClick={() => void history.redo()}>
            ↷ Redo
          </button>
          <span className="gl-saved" aria-live="polite">All changes saved</span>
        </div>
      </header>
      <main className="gl-content" id="gl-main" tabIndex={-1}>
        {route.view === 'library' && (
          <Library onOpen={(id) => navigate({ view: 'reader', documentId: id })} onCompare={(ids) => navigate({ view: 'compare', documentIds: ids })} />
        )}
        {route.view === 'reader' && (
          <Reader
            key={`${route.documentId}:${route.annotationId ?? ''}`}
            documentId={route.documentId}
            initialAnnotationId={route.annotationId}
            labels={labels}
            history={history}
            onOpenEntity={(entityId) => navigate({ view: 'entities', entityId })}
          />
        )}
        {route.view === 'compare' && (
          <ComparePage documentIds={route.documentIds} labels={labels} history={history} onChooseDocuments={(ids) => navigate({ view: 'compare', documentIds: ids })} />
        )}
        {route.view === 'entities' && <EntitiesPage entityId={route.entityId} labels={labels} history={history} navigate={navigate} />}
        {route.view === 'propositions' && <PropositionsPage history={history} />}
        {route.view === 'tagset' && <TagsetPage history={history} onLabelsChanged={reloadLabels} />}
      </main>
      <Toasts />
    </div>
  );
}
