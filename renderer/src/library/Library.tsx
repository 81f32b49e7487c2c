import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { DocumentSummary, SearchHit } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { followJob, progressView, type ProgressView } from './followJob.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { IMPORT_ACCEPT, IMPORT_FORMATS_TEXT, isImportable, readFilesForImport } from './readFiles.ts';
import './library.css';

interface Props {
  onOpen(id: string): void;
  onCompare(ids: string[]): void;
}

/** An import under way: what its progress bar shows, and how to cancel it. */
interface Importing {
  view: ProgressView;
  cancel: AbortController;
}

/** The library: every document, full-text search, import by picker or drag-and-drop, export. */
export function Library({ onOpen, onCompare }: Props) {
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [importing, setImporting] = useState<Importing | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = useRef(false);

  const reload = useCallback(() => {
    api.documents.list({}).then(setDocs, (err) => notify('error', messageOf(err)));
  }, []);
  useEffect(reload, [reload]);

  useEffect(() => {
    if (!query.trim()) {
      setHits(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      api.documents.search({ query, limit: 200 }).then((h) => live && setHits(h), (err) => notify('error', messageOf(err)));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);

  /**
   * Reads the files in the page, then imports them as a backend job, polling
   * its progress; Cancel stops either step, and a cancelled import stores nothing.
   */
  async function importFiles(files: File[]) {
    if (busy.current) {
      notify('error', 'An import is already running: wait for it to finish or cancel it.');
      return;
    }
    const usable = files.filter((f) => isImportable(f.name));
    const skipped = files.length - usable.length;
    if (!usable.length) {
      notify('error', `Nothing to import: Gloss reads ${IMPORT_FORMATS_TEXT} files${skipped ? ` (${skipped} other file(s) skipped)` : ''}.`);
      return;
    }
    busy.current = true;
    const cancel = new AbortController();
    const show = (view: ProgressView) => setImporting({ view, cancel });
    const skippedNote = skipped ? `; skipped ${skipped} file(s) of other types` : '';
    try {
      show({ label: `Reading 0 of ${usable.length} file(s)…`, done: 0, total: usable.length });
      const payload = await readFilesForImport(usable, (done, total) => show({ label: `Reading ${done} of ${total} file(s)…`, done, total }), cancel.signal);
      show(progressView(null, `Importing ${usable.length} file(s)…`));
      const { jobId } = await api.jobs.startImport({ files: payload, format: 'auto' });
      const final = await followJob(jobId, (status) => show(progressView(status.progress, `Importing ${usable.length} file(s)…`)), cancel.signal);
      if (final.kind === 'import' && final.state === 'done') {
        const n = final.result?.length ?? 0;
        const late = cancel.signal.aborted ? ' (it had finished before it could be cancelled)' : '';
        notify('info', `Imported ${n} document${n === 1 ? '' : 's'}${skippedNote}${late}.`);
        reload();
      } else if (final.state === 'cancelled') {
        notify('info', 'Import cancelled: nothing was imported.');
      } else {
        notify('error', `Import failed, nothing was imported: ${final.error?.message ?? 'the import stopped'}`);
      }
    } catch (err) {
      if (cancel.signal.aborted) notify('info', 'Import cancelled: nothing was imported.');
      else notify('error', `Import failed, nothing was imported: ${messageOf(err)}`);
    } finally {
      busy.current = false;
      setImporting(null);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void importFiles(Array.from(e.dataTransfer.files));
  }

  async function remove(doc: DocumentSummary) {
    if (!window.confirm(`Delete "${doc.title}" and its ${doc.annotationCount} annotation(s)? This cannot be undone.`)) return;
    try {
      await api.documents.delete({ id: doc.id });
      reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  }

  const shown: { doc: DocumentSummary; snippet?: string }[] = hits ? hits.map((h) => ({ doc: h.document, snippet: h.snippet })) : (docs ?? []).map((doc) => ({ doc }));

  return (
    <section
      className={`gl-library${dragging ? ' gl-dragging' : ''}`}
      aria-label="Library"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {/* The page heading, for screen readers (the page is the Library nav item). */}
      <h1 className="gl-visually-hidden">Library</h1>
      <div className="gl-library-bar">
        <input
          type="search"
          className="gl-search"
          placeholder="Search titles and text…"
          aria-label="Search documents"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" disabled={!!importing} onClick={() => fileInput.current?.click()}>Import files…</button>
        <button type="button" disabled={!!importing} onClick={() => folderInput.current?.click()}>Import folder…</button>
        <button type="button" disabled={!docs?.length} title={docs?.length ? undefined : 'Import documents to export them'} onClick={() => setExportOpen(true)}>
          Export…
        </button>
        <button
          type="button"
          disabled={selected.length < 2 || selected.length > 4}
          title={selected.length < 2 ? 'Select 2 to 4 documents to compare' : undefined}
          onClick={() => onCompare(selected)}
        >
          Compare selected ({selected.length})
        </button>
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
      {exportOpen && docs && (
        <ExportDialog documentCount={docs.length} selected={selected.filter((id) => docs.some((d) => d.id === id))} onClose={() => setExportOpen(false)} />
      )}
      {docs && docs.length === 0 && !hits ? (
        <div className="gl-empty">
          <h2>No documents yet</h2>
          <p>
            Import news articles ({IMPORT_FORMATS_TEXT}): use <strong>Import files…</strong> or <strong>Import folder…</strong> (a brat folder of .txt and .ann files), or drop files here.
          </p>
        </div>
      ) : (
        <ul className="gl-doc-list" aria-label={hits ? 'Search results' : 'Documents'}>
          {shown.map(({ doc, snippet }) => (
            <li key={doc.id} className="gl-doc-item">
              <input
                type="checkbox"
                aria-label={`Select ${doc.title}`}
                checked={selected.includes(doc.id)}
                onChange={(e) => setSelected((s) => (e.target.checked ? [...s, doc.id] : s.filter((x) => x !== doc.id)))}
              />
              <button type="button" className="gl-doc-open" onClick={() => onOpen(doc.id)}>
                {/* Named by its visible text, prefixed: "Open <title> <outlet · date…>". */}
                <span className="gl-visually-hidden">Open </span>
                <span className="gl-doc-title">{doc.title}</span>
                <span className="gl-doc-meta">
                  {[doc.metadata.outlet, doc.metadata.author, doc.metadata.published?.slice(0, 10), doc.name].filter(Boolean).join(' · ')}
                </span>
                {snippet && <span className="gl-snippet">{renderSnippet(snippet)}</span>}
              </button>
              <span className="gl-doc-count" aria-label={`${doc.annotationCount} annotations`}>{doc.annotationCount}</span>
              <button type="button" className="gl-icon-button" aria-label={`Delete ${doc.title}`} onClick={() => void remove(doc)}>
                ✕
              </button>
            </li>
          ))}
          {hits && hits.length === 0 && <li className="gl-empty-row">No document matches “{query}”.</li>}
        </ul>
      )}
    </section>
  );
}

/** Snippets mark matches with U+E000 … U+E001 (never in real text), turned into <mark>. */
function renderSnippet(s: string) {
  return s.split('\ue000').map((part, i) => {
    if (i === 0) return <span key={i}>{part}</span>;
    const [hit, rest] = part.split('\ue001');
    return (
      <span key={i}>
        <mark>{hit}</mark>
        {rest}
      </span>
    );
  });
}
