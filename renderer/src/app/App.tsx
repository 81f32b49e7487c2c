import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Label } from '../../../shared/index.ts';
import { api, undoBackend } from '../api/client.ts';
import { announceLocal } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { ComparePage } from '../compare/ComparePage.tsx';
import { EntitiesPage } from '../entities/EntitiesPage.tsx';
import { Library } from '../library/Library.tsx';
import { PropositionsPage } from '../propositions/PropositionsPage.tsx';
import { Reader } from '../reader/Reader.tsx';
import { MatchFocus } from '../search/MatchFocus.tsx';
import { TagsetPage } from '../tagset/TagsetPage.tsx';
import { AgreementPage } from '../team/AgreementPage.tsx';
import { AccessProvider, useLoadAccess, type Access } from '../team/access.tsx';
import { AccountsPage } from '../team/AccountsPage.tsx';
import { AnnotatorButton } from '../team/AnnotatorButton.tsx';
import { SignedIn, SignedOutPage } from '../team/SignedIn.tsx';
import { CurationPage } from '../team/CurationPage.tsx';
import { HistoryPage } from '../versions/HistoryPage.tsx';
import { describe, History } from '../undo/history.ts';
import { messageOf } from './errors.ts';
import { LiveNote } from './LiveNote.tsx';
import { ProjectMenu } from './ProjectMenu.tsx';
import { useRoute, type Route } from './route.ts';
import { notify, Toasts } from './Toasts.tsx';
import { useHistoryState } from './useHistory.ts';

/** Whether a key event belongs to a form field, whose own undo must be left alone. */
function inFormField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

/** What identifies a mounted page: a new key means a new page instance (with its own view state). */
function pageKey(route: Route): string {
  switch (route.view) {
    case 'reader':
      return `reader:${route.documentId}:${route.annotationId ?? ''}`;
    case 'compare':
      return `compare:${route.documentIds.join(',')}`;
    default:
      return route.view;
  }
}

/** The skip link's target: the open document's text when there is one, else the page's main region. */
function skipToContent(): void {
  const text = document.querySelector<HTMLElement>('.gl-reader-text');
  (text ?? document.getElementById('gl-main'))?.focus();
}

/** The app once it knows who is using it (on a team server, the signed-in account). */
export function App() {
  const access = useLoadAccess();
  const [signedOut, setSignedOut] = useState(false);
  if (signedOut) return <SignedOutPage />;
  if (!access) return null;
  return (
    <AccessProvider value={access}>
      <Workbench access={access} onSignedOut={() => setSignedOut(true)} />
    </AccessProvider>
  );
}

function Workbench({ access, onSignedOut }: { access: Access; onSignedOut(): void }) {
  const [route, navigate] = useRoute();
  const [labels, setLabels] = useState<Label[]>([]);
  const history = useMemo(
    () =>
      new History(
        undoBackend,
        (err, failed) => {
          if (!failed) return notify('error', `Undo/redo failed: ${messageOf(err)}`);
          // The backend's reason without its own "cannot undo <method>:" opening: the entry's name says what.
          const reason = messageOf(err).replace(/^cannot (undo|redo) [^:]*: /, '');
          notify('error', `Could not ${failed.kind} “${describe(failed.entry)}”: ${reason}${failed.dropped ? ` It is taken off the ${failed.kind} list.` : ''}`);
        },
        (entry, kind, outcome) => {
          // The backend put rows back: the pages showing them read them again, in place, as they do other sessions' changes.
          announceLocal(outcome.documentIds);
          // Done on a page no longer shown: say what changed.
          if (entry.owner !== history.currentOwner) notify('info', `${kind === 'undo' ? 'Undid' : 'Redid'} ${describe(entry)}.`);
        },
      ),
    [],
  );
  useHistoryState(history);

  const reloadLabels = useCallback(() => {
    api.labels.list({}).then(setLabels, (err) => notify('error', messageOf(err)));
  }, []);
  useEffect(reloadLabels, [reloadLabels]);
  // Labels another session added, renamed or recoloured (or a write whose scope is unknown).
  useLiveRefresh((c) => c.method === null || /^(labels|tagset|workspace|team\.merge)\b/.test(c.method), reloadLabels);

  // One history for the whole project: each page instance is an owner, and
  // actions done in a reader name its document.
  const key = pageKey(route);
  const [owner, setOwner] = useState({ key, n: 1 });
  if (owner.key !== key) setOwner({ key, n: owner.n + 1 });
  const documentId = route.view === 'reader' ? route.documentId : null;
  const [documentTitle, setDocumentTitle] = useState<{ id: string; title: string } | null>(null);
  useEffect(() => {
    if (!documentId) return;
    let live = true;
    api.documents.list({}).then(
      (docs) => {
        const d = docs.find((x) => x.id === documentId);
        if (live && d) setDocumentTitle({ id: d.id, title: d.title });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [documentId]);
  const contextTitle = documentTitle?.id === documentId ? documentTitle.title : 'this document';
  useEffect(() => {
    history.setContext({ owner: owner.n, ...(documentId ? { document: { id: documentId, title: contextTitle } } : {}) });
  }, [history, owner.n, documentId, contextTitle]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || inFormField(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void history.undo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
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
          {/* Views across every layer: a team server's annotators work blind to the others until curation. */}
          {access.can('propositions.overview') && (
            <button type="button" aria-current={route.view === 'propositions' ? 'page' : undefined} onClick={() => navigate({ view: 'propositions' })}>
              Propositions
            </button>
          )}
          {access.can('labels.create') && (
            <button type="button" aria-current={route.view === 'tagset' ? 'page' : undefined} onClick={() => navigate({ view: 'tagset' })}>
              Tagset
            </button>
          )}
          {access.can('compare.run') && (
            <button type="button" aria-current={route.view === 'compare' ? 'page' : undefined} onClick={() => navigate({ view: 'compare', documentIds: [] })}>
              Compare
            </button>
          )}
          {access.can('team.agreement') && (
            <button type="button" aria-current={route.view === 'agreement' || route.view === 'curation' ? 'page' : undefined} onClick={() => navigate({ view: 'agreement' })}>
              Agreement
            </button>
          )}
          {access.team && access.can('users.list') && (
            <button type="button" aria-current={route.view === 'accounts' ? 'page' : undefined} onClick={() => navigate({ view: 'accounts' })}>
              Accounts
            </button>
          )}
        </nav>
        <div className="gl-topbar-actions">
          {/* Right-aligned, so a width change moves everything to its left: what
              changes width on its own (the live note, the project's name once
              loaded) comes first, and the buttons to the right stay put under
              the pointer. */}
          <LiveNote />
          <span className="gl-saved" aria-live="polite">All changes saved</span>
          {access.can('workspace.open') && <ProjectMenu />}
          {access.team ? <SignedIn onSignedOut={onSignedOut} /> : <AnnotatorButton />}
          <button type="button" aria-label={history.nextUndo ? `Undo ${history.nextUndo}` : 'Undo'} title={history.nextUndo ? `Undo ${history.nextUndo} (Ctrl+Z)` : 'Nothing to undo'} disabled={!history.canUndo} onClick={() => void history.undo()}>
            ↶ Undo
          </button>
          <button type="button" aria-label={history.nextRedo ? `Redo ${history.nextRedo}` : 'Redo'} title={history.nextRedo ? `Redo ${history.nextRedo} (Ctrl+Shift+Z)` : 'Nothing to redo'} disabled={!history.canRedo} onClick={() => void history.redo()}>
            ↷ Redo
          </button>
        </div>
      </header>
      <main className="gl-content" id="gl-main" tabIndex={-1}>
        {route.view === 'library' && (
          <Library
            history={history}
            onOpen={(id, query) => navigate({ view: 'reader', documentId: id, ...(query ? { query } : {}) })}
            onOpenAnnotation={(documentId, annotationId) => navigate({ view: 'reader', documentId, annotationId })}
            onCompare={(ids) => navigate({ view: 'compare', documentIds: ids })}
            onHistory={(id) => navigate({ view: 'history', documentId: id })}
          />
        )}
        {route.view === 'reader' && (
          <>
            <Reader
              key={`${route.documentId}:${route.annotationId ?? ''}`}
              documentId={route.documentId}
              initialAnnotationId={route.annotationId}
              labels={labels}
              history={history}
              onOpenEntity={(entityId) => navigate({ view: 'entities', entityId })}
            />
            {route.query && !route.annotationId && <MatchFocus key={`${route.documentId}:${route.query}`} documentId={route.documentId} query={route.query} />}
          </>
        )}
        {route.view === 'history' && (
          <HistoryPage
            key={route.documentId}
            documentId={route.documentId}
            labels={labels}
            history={history}
            onOpen={(target) => {
              const [id, query] = target.split('?a=');
              navigate({ view: 'reader', documentId: id!, ...(query ? { annotationId: query } : {}) });
            }}
          />
        )}
        {route.view === 'compare' && (
          <ComparePage
            documentIds={route.documentIds}
            versions={route.versions}
            labels={labels}
            history={history}
            onChooseDocuments={(ids) => navigate({ view: 'compare', documentIds: ids })}
            onCompareVersions={(id) => navigate({ view: 'compare', documentIds: [id], versions: true })}
          />
        )}
        {route.view === 'entities' && <EntitiesPage entityId={route.entityId} labels={labels} history={history} navigate={navigate} />}
        {route.view === 'propositions' && <PropositionsPage history={history} />}
        {route.view === 'tagset' && <TagsetPage history={history} onLabelsChanged={reloadLabels} />}
        {route.view === 'agreement' && <AgreementPage navigate={navigate} />}
        {route.view === 'accounts' && <AccountsPage />}
        {route.view === 'curation' && <CurationPage key={route.documentId} documentId={route.documentId} labels={labels} history={history} navigate={navigate} />}
      </main>
      <Toasts />
    </div>
  );
}

