import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { distinctTitles, type Collection, type DocumentSummary, type ImportFile, type Label, type SkippedFile, type VersionCandidate } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { touchesDomains } from '../api/liveUpdates.ts';
import { useLiveRefresh } from '../api/useLiveRefresh.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { ConfirmDialog } from '../common/Modal.tsx';
import { loadSearchState, SearchPanel, type SearchResults, type SearchState } from '../search/SearchPanel.tsx';
import { SearchResultsView } from '../search/SearchResultsView.tsx';
import type { History } from '../undo/history.ts';
import { CollectionsBar, SELECTION_KEY } from './CollectionsBar.tsx';
import { DocumentTable } from './DocumentTable.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { followJob, progressView, type ProgressView } from './followJob.ts';
import { ImportProblemsDialog } from './ImportProblemsDialog.tsx';
import { trashDocument, type LibraryContext } from './libraryChanges.ts';
import { MetadataDialog } from './MetadataDialog.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { IMPORT_ACCEPT, IMPORT_FORMATS_TEXT, isImportable, readFilesForImport } from './readFiles.ts';
import { DocumentStatusCell, useStatuses } from '../team/DocumentStatus.tsx';
import { useAccess } from '../team/access.tsx';
import { ImportVersionButton } from '../versions/ImportVersionButton.tsx';
import { reportLine } from '../versions/importVersion.ts';
import { NewVersionDialog } from '../versions/NewVersionDialog.tsx';
import { TrashDialog } from './TrashDialog.tsx';
import './library.css';
import { languageName } from '../common/lang.ts';

interface Props {
  history: History;
  /** Opens a document; with a document search query, the reader scrolls to its first match. */
  onOpen(id: string, query?: string): void;
  onOpenAnnotation(documentId: string, annotationId: string): void;
  onCompare(ids: string[]): void;
  /** Opens a document's history of versions. */
  onHistory?(id: string): void;
}

/** Files of a batch up to which Gloss looks for new versions of documents it has before importing. */
const VERSION_CHECK_MAX_FILES = 20;

/** An import under way: what its progress bar shows, and how to cancel it. */
interface Importing {
  view: ProgressView;
  cancel: AbortController;
}

/** The library: documents with their metadata, collections, search, import, export, trash. */
export function Library({ history, onOpen, onOpenAnnotation, onCompare, onHistory }: Props) {
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [collections, setCollections] = useState<Collection[]>([]);
  const [labels, setLabels] = useState<Label[]>([]);
  const [search, setSearch] = useState<SearchState>(loadSearchState);
  const [results, setResults] = useState<SearchResults>(null);
  const [importing, setImporting] = useState<Importing | null>(null);
  const [problems, setProblems] = useState<{ bad: SkippedFile[]; good: number; files: ImportFile[] } | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [trashOpen, setTrashOpen] = useState(false);
  const [editing, setEditing] = useState<DocumentSummary | null>(null);
  const [deleting, setDeleting] = useState<DocumentSummary | null>(null);
  const [dragging, setDragging] = useState(false);
  const [selected, setSelectedState] = useState<string[]>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(SELECTION_KEY) ?? '[]') as string[];
    } catch {
      return [];
    }
  });
  const [filter, setFilter] = useState<{ collection: string; text: string; outlet: string; language: string }>(() => {
    try {
      return { collection: '', text: '', outlet: '', language: '', ...(JSON.parse(sessionStorage.getItem('gloss.libraryFilter') ?? '{}') as object) };
    } catch {
      return { collection: '', text: '', outlet: '', language: '' };
    }
  });
  const team = useStatuses();
  const access = useAccess();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = useRef(false);
  const [asking, setAsking] = useState<{ candidates: VersionCandidate[]; answer(v: VersionCandidate[] | null): void } | null>(null);

  /**
   * Files with the name or title of a document in the library but different
   * text may be new versions of it: asks, then saves those as new versions.
   * Returns the files left to import as documents, or null when cancelled.
   */
  async function newVersionsFirst(payload: ImportFile[]): Promise<ImportFile[] | null> {
    // Skipped only when the library is known to be empty: files chosen before its list has loaded are still checked.
    if ((docs && docs.length === 0) || payload.length > VERSION_CHECK_MAX_FILES) return payload;
    let candidates: VersionCandidate[];
    try {
      candidates = await api.versions.candidates({ files: payload });
    } catch {
      return payload; // the import itself reports unreadable files
    }
    if (!candidates.length) return payload;
    const chosen = await new Promise<VersionCandidate[] | null>((resolve) => setAsking({ candidates, answer: resolve }));
    setAsking(null);
    if (!chosen) return null;
    const done = new Set<string>();
    for (const c of chosen) {
      try {
        const report = await api.versions.update({ documentId: c.documentId, file: payload.find((f) => f.name === c.file)! });
        notify('info', `“${c.title}”: ${reportLine(report)}`);
        done.add(c.file);
      } catch (err) {
        notify('error', `No new version of “${c.title}”: ${messageOf(err)}`);
        done.add(c.file);
      }
    }
    return payload.filter((f) => !done.has(f.name));
  }

  const setSelected = useCallback((ids: string[]) => {
    setSelectedState(ids);
    try {
      sessionStorage.setItem(SELECTION_KEY, JSON.stringify(ids));
    } catch {
      // not kept
    }
  }, []);
  useEffect(() => {
    try {
      sessionStorage.setItem('gloss.libraryFilter', JSON.stringify(filter));
    } catch {
      // not kept
    }
  }, [filter]);

  const reload = useCallback(() => {
    Promise.all([api.documents.list({}), api.collections.list({})]).then(
      ([d, c]) => {
        setDocs(d);
        setCollections(c);
      },
      (err) => notify('error', messageOf(err)),
    );
  }, []);
  useEffect(reload, [reload]);
  // Documents imported, renamed, deleted or given a status in another session (or by the CLI).
  useLiveRefresh(
    (c) => touchesDomains(c, ['documents', 'jobs', 'trash', 'collections', 'team', 'versions', 'annotations', 'snapshots', 'suggestions']),
    () => {
      reload();
      team.reload();
    },
  );
  useEffect(() => {
    api.labels.list({}).then(setLabels, () => undefined);
  }, []);
  const ctx: LibraryContext = useMemo(() => ({ history, refresh: reload }), [history, reload]);

  const titles = useMemo(() => distinctTitles(docs ?? []), [docs]);
  const collection = collections.find((c) => c.id === filter.collection);
  const inScope = useMemo(() => (collection ? new Set(collection.documentIds) : null), [collection]);
  const shownDocs = useMemo(() => {
    const text = filter.text.trim().toLowerCase();
    return (docs ?? []).filter((d) => {
      if (inScope && !inScope.has(d.id)) return false;
      if (filter.outlet && (d.metadata.outlet ?? '') !== filter.outlet) return false;
      if (filter.language && (d.metadata.language ?? '') !== filter.language) return false;
      if (!text) return true;
      return [titles.get(d.id) ?? d.title, d.name, d.metadata.outlet, d.metadata.author, d.metadata.published, d.metadata.url, d.metadata.language, languageName(d.metadata.language)].some((v) => v?.toLowerCase().includes(text));
    });
  }, [docs, inScope, filter, titles]);
  const outlets = useMemo(() => [...new Set((docs ?? []).map((d) => d.metadata.outlet).filter((x): x is string => !!x))].sort(), [docs]);
  const languages = useMemo(() => [...new Set((docs ?? []).map((d) => d.metadata.language).filter((x): x is string => !!x))].sort(), [docs]);
  const liveSelected = selected.filter((id) => docs?.some((d) => d.id === id));

  /** Runs an import job and answers its final status; progress shows meanwhile. */
  async function runImportJob(files: ImportFile[], label: string, cancel: AbortController, mode: { skipBad?: boolean; dryRun?: boolean } = {}) {
    const show = (view: ProgressView) => setImporting({ view, cancel });
    show(progressView(null, label));
    const { jobId } = await api.jobs.startImport({ files, format: 'auto', ...mode });
    return followJob(jobId, (status) => show(progressView(status.progress, label)), cancel.signal);
  }

  /**
   * Reads the files in the page, then imports them as a backend job, all or
   * nothing. When the batch fails, checks every file (a dry run that stores
   * nothing) and offers to import the good ones, listing the others.
   */
  async function importFiles(files: File[], skippedTypes = 0) {
    if (busy.current) {
      notify('error', 'An import is already running: wait for it to finish or cancel it.');
      return;
    }
    const usable = files.filter((f) => isImportable(f.name));
    const skipped = skippedTypes + files.length - usable.length;
    if (!usable.length) {
      notify('error', `Nothing to import: Gloss reads ${IMPORT_FORMATS_TEXT} files${skipped ? ` (${skipped} other file(s) skipped)` : ''}.`);
      return;
    }
    busy.current = true;
    const cancel = new AbortController();
    const skippedNote = skipped ? `; skipped ${skipped} file(s) of other types` : '';
    try {
      setImporting({ view: { label: `Reading 0 of ${usable.length} file(s)…`, done: 0, total: usable.length }, cancel });
      const read = await readFilesForImport(usable, (done, total) => setImporting({ view: { label: `Reading ${done} of ${total} file(s)…`, done, total }, cancel }), cancel.signal);
      const payload = await newVersionsFirst(read);
      if (payload === null) {
        notify('info', 'Import cancelled: nothing was imported.');
        return;
      }
      if (payload.length < read.length) reload();
      if (!payload.length) return;
      const final = await runImportJob(payload, `Importing ${payload.length} file(s)…`, cancel);
      if (final.kind === 'import' && final.state === 'done') {
        const n = final.result?.length ?? 0;
        const late = cancel.signal.aborted ? ' (it had finished before it could be cancelled)' : '';
        notify('info', `Imported ${n} document${n === 1 ? '' : 's'}${skippedNote}${late}.`);
        reload();
      } else if (final.state === 'cancelled') {
        notify('info', 'Import cancelled: nothing was imported.');
      } else {
        const message = final.error?.message ?? 'the import stopped';
        // Which files are bad? A dry run checks them all and stores nothing.
        const check = await runImportJob(payload, 'Checking every file…', cancel, { skipBad: true, dryRun: true });
        if (check.kind === 'import' && check.state === 'done' && check.skipped?.length) {
          setProblems({ bad: check.skipped, good: check.result?.length ?? 0, files: payload });
        } else {
          notify('error', `Import failed, nothing was imported: ${message}`);
        }
      }
    } catch (err) {
      if (cancel.signal.aborted) notify('info', 'Import cancelled: nothing was imported.');
      else notify('error', `Import failed, nothing was imported: ${messageOf(err)}`);
    } finally {
      busy.current = false;
      setImporting(null);
    }
  }

  /** The user chose to import the good files of a failed batch. */
  async function importGood() {
    if (!problems) return;
    const { files } = problems;
    setProblems(null);
    busy.current = true;
    const cancel = new AbortController();
    try {
      const final = await runImportJob(files, `Importing the good files…`, cancel, { skipBad: true });
      if (final.kind === 'import' && final.state === 'done') {
        const n = final.result?.length ?? 0;
        const left = final.skipped ?? [];
        notify('info', `Imported ${n} document${n === 1 ? '' : 's'}; left out ${left.length} file${left.length === 1 ? '' : 's'}: ${left.map((s) => s.file).join(', ')}.`);
        reload();
      } else if (final.state === 'cancelled') notify('info', 'Import cancelled: nothing was imported.');
      else notify('error', `Import failed, nothing was imported: ${final.error?.message ?? 'the import stopped'}`);
    } catch (err) {
      notify('error', `Import failed, nothing was imported: ${messageOf(err)}`);
    } finally {
      busy.current = false;
      setImporting(null);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (!access.can('jobs.startImport')) return;
    void importFiles(Array.from(e.dataTransfer.files));
  }

  const onResults = useCallback((r: SearchResults) => setResults(r), []);
  const searching = results !== null;

  return (
    <section
      className={`gl-library${dragging ? ' gl-dragging' : ''}`}
      aria-labelledby="gl-library-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h1 id="gl-library-title" className="gl-visually-hidden">
        Library
      </h1>
      <div className="gl-library-bar">
        <SearchPanel state={search} onState={setSearch} labels={labels} documentIds={collection?.documentIds} onResults={onResults} />
        <div className="gl-library-actions">
          {access.can('jobs.startImport') && (
            <>
              <button type="button" disabled={!!importing} onClick={() => fileInput.current?.click()}>
                Import files…
              </button>
              <button type="button" disabled={!!importing} onClick={() => folderInput.current?.click()}>
                Import folder…
              </button>
            </>
          )}
          {access.can('jobs.startExport') && (
            <button type="button" disabled={!docs?.length} title={docs?.length ? undefined : 'Import documents to export them'} onClick={() => setExportOpen(true)}>
              Export…
            </button>
          )}
          {access.can('compare.run') && (
            <button
              type="button"
              disabled={liveSelected.length < 2}
              title={liveSelected.length < 2 ? 'Select 2 or more documents to compare (up to 4 side by side; more as a stance grid)' : undefined}
              onClick={() => onCompare(liveSelected)}
            >
              Compare selected ({liveSelected.length})
            </button>
          )}
          {access.can('trash.list') && (
            <button type="button" onClick={() => setTrashOpen(true)}>
              Trash…
            </button>
          )}
        </div>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={IMPORT_ACCEPT}
          hidden
          aria-label="Choose files to import"
          data-testid="import-files"
          onChange={(e) => {
            void importFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="Choose a folder to import"
          {...({ webkitdirectory: '' } as object)}
          onChange={(e) => {
            void importFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </div>
      {importing && (
        <ProgressBar
          view={importing.view}
          name="Import progress"
          cancelLabel="Cancel import"
          cancelling={importing.cancel.signal.aborted}
          onCancel={() => {
            importing.cancel.abort();
            setImporting({ ...importing });
          }}
        />
      )}
      {asking && <NewVersionDialog candidates={asking.candidates} onAnswer={asking.answer} />}
      {exportOpen && docs && <ExportDialog documentCount={docs.length} selected={liveSelected} onClose={() => setExportOpen(false)} />}
      {trashOpen && <TrashDialog ctx={ctx} onClose={() => setTrashOpen(false)} />}
      {editing && <MetadataDialog doc={editing} ctx={ctx} onClose={() => setEditing(null)} />}
      {problems && <ImportProblemsDialog bad={problems.bad} good={problems.good} onImportGood={() => void importGood()} onClose={() => setProblems(null)} />}
      {deleting && (
        <ConfirmDialog
          title="Move to the trash?"
          message={
            <p>
              Move “{titles.get(deleting.id) ?? deleting.title}” and its {deleting.annotationCount} annotation(s) to the trash? Undo (Ctrl+Z) or the trash brings it back with
              everything attached.
            </p>
          }
          confirmLabel="Move to trash"
          danger
          onConfirm={() => {
            const doc = deleting;
            setDeleting(null);
            setSelected(selected.filter((id) => id !== doc.id));
            void trashDocument(ctx, doc, titles.get(doc.id) ?? doc.title);
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
      {searching ? (
        <SearchResultsView results={results} titles={titles} scope={inScope} query={search.query.trim()} onOpen={onOpen} onOpenAnnotation={onOpenAnnotation} />
      ) : docs && docs.length === 0 ? (
        <div className="gl-empty">
          <h2>No documents yet</h2>
          <p>
            Import news articles ({IMPORT_FORMATS_TEXT}): use <strong>Import files…</strong> or <strong>Import folder…</strong> (a brat folder of .txt and .ann files), or drop files here.
          </p>
        </div>
      ) : (
        <>
          <CollectionsBar
            ctx={ctx}
            collections={collections}
            filter={filter}
            onFilter={setFilter}
            outlets={outlets}
            languages={languages}
            selected={liveSelected}
            shown={shownDocs.length}
            total={docs?.length ?? 0}
          />
          <DocumentTable
            docs={shownDocs}
            titles={titles}
            selected={liveSelected}
            onSelect={setSelected}
            onOpen={(id) => onOpen(id)}
            onEdit={access.can('documents.update') ? setEditing : undefined}
            onDelete={access.can('documents.delete') ? setDeleting : undefined}
            statusCell={(d, label) => <DocumentStatusCell documentId={d.id} title={label} statuses={team.statuses} me={team.me} onChanged={team.reload} />}
            rowActions={(d, label) => (
              <>
                {onHistory && (
                  <button type="button" aria-label={`History of ${label}`} title="Versions of the text" onClick={() => onHistory(d.id)}>
                    History
                  </button>
                )}
                {access.can('versions.update') && <ImportVersionButton documentId={d.id} title={label} history={history} onChanged={reload} compact />}
              </>
            )}
          />
        </>
      )}
    </section>
  );
}
