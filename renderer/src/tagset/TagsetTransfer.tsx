import { useEffect, useState, type ChangeEvent } from 'react';
import type { Client, ExportedFile, TagsetExport, TagsetImportMode, TagsetImportResult } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { saveChange, type ChangeContext } from './saveChange.ts';

interface Props {
  ctx: ChangeContext;
}

/** Import and export of the tagset: brat's annotation.conf + visual.conf, and Gloss's lossless JSON. */
export function TagsetTransfer({ ctx }: Props) {
  const [exported, setExported] = useState<{ what: string; result: TagsetExport } | null>(null);
  const [mode, setMode] = useState<TagsetImportMode>('merge');
  const [annotationConf, setAnnotationConf] = useState('');
  const [visualConf, setVisualConf] = useState('');
  const [json, setJson] = useState('');
  const [imported, setImported] = useState<{ what: string; result: TagsetImportResult } | null>(null);

  async function exportAs(what: 'brat' | 'json') {
    try {
      const result = what === 'brat' ? await api.tagset.exportBrat({}) : await api.tagset.exportJson({});
      setExported({ what: what === 'brat' ? 'brat configuration' : 'Gloss tagset JSON', result });
    } catch (err) {
      notify('error', `Could not export the tagset: ${messageOf(err)}`);
    }
  }

  /** Imports all or nothing; undo puts the earlier tagset back. */
  async function importWith(what: string, run: (client: Client) => Promise<TagsetImportResult>) {
    const done: { result?: TagsetImportResult } = {};
    await saveChange({ ...ctx, description: `import ${what}` }, async (client) => {
      done.result = await run(client);
    });
    if (done.result) setImported({ what, result: done.result });
  }

  const readInto = (set: (text: string) => void) => (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) file.text().then(set, (err) => notify('error', `Could not read ${file.name}: ${messageOf(err)}`));
  };

  return (
    <section className="gl-tagset-section" aria-labelledby="gl-transfer-heading">
      <h2 id="gl-transfer-heading">Import and export</h2>
      <div className="gl-transfer">
        <div className="gl-transfer-part">
          <h3>Export</h3>
          <div className="gl-button-row">
            <button type="button" onClick={() => void exportAs('brat')}>
              Export brat configuration
            </button>
            <button type="button" onClick={() => void exportAs('json')}>
              Export Gloss tagset JSON
            </button>
          </div>
          {exported && <Downloads title={exported.what} files={exported.result.files} warnings={exported.result.warnings} />}
        </div>

        <div className="gl-transfer-part">
          <h3>Import</h3>
          <fieldset className="gl-mode">
            <legend>When importing</legend>
            <label>
              <input type="radio" name="gl-import-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> merge: add and update, keep the rest
            </label>
            <label>
              <input type="radio" name="gl-import-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> replace: also remove what the file
              lacks
            </label>
          </fieldset>

          <fieldset>
            <legend>brat configuration</legend>
            <div className="gl-file-pair">
              <div className="gl-field">
                <span>annotation.conf</span>
                <input type="file" accept=".conf,text/plain" aria-label="Choose annotation.conf" onChange={readInto(setAnnotationConf)} />
                <textarea
                  aria-label="annotation.conf text"
                  placeholder="[entities]&#10;Person&#10;…"
                  rows={6}
                  value={annotationConf}
                  onChange={(e) => setAnnotationConf(e.target.value)}
                />
              </div>
              <div className="gl-field">
                <span>visual.conf (optional: colours)</span>
                <input type="file" accept=".conf,text/plain" aria-label="Choose visual.conf" onChange={readInto(setVisualConf)} />
                <textarea aria-label="visual.conf text" placeholder="[drawing]&#10;Person bgColor:#e15759" rows={6} value={visualConf} onChange={(e) => setVisualConf(e.target.value)} />
              </div>
            </div>
            <button
              type="button"
              disabled={!annotationConf.trim()}
              onClick={() =>
                void importWith('brat configuration', (client) =>
                  client.tagset.importBrat({ annotationConf, ...(visualConf.trim() ? { visualConf } : {}), mode }),
                )
              }
            >
              Import brat configuration
            </button>
          </fieldset>

          <fieldset>
            <legend>Gloss tagset JSON</legend>
            <div className="gl-field">
              <input type="file" accept=".json,application/json" aria-label="Choose tagset JSON file" onChange={readInto(setJson)} />
              <textarea aria-label="Tagset JSON text" placeholder='{"format": "gloss-tagset", …}' rows={6} value={json} onChange={(e) => setJson(e.target.value)} />
            </div>
            <button type="button" disabled={!json.trim()} onClick={() => void importWith('tagset JSON', (client) => client.tagset.importJson({ content: json, mode }))}>
              Import tagset JSON
            </button>
          </fieldset>
          {imported && <ImportReport what={imported.what} result={imported.result} />}
        </div>
      </div>
    </section>
  );
}

/** Exported files, each offered as a download (a Blob link) with a preview. */
function Downloads({ title, files, warnings }: { title: string; files: ExportedFile[]; warnings: string[] }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = files.map((f) => URL.createObjectURL(new Blob([f.content], { type: f.mediaType })));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [files]);

  return (
    <div className="gl-downloads" role="region" aria-label={`Exported ${title}`}>
      <ul>
        {files.map((f, i) => (
          <li key={f.fileName}>
            <a href={urls[i]} download={f.fileName}>
              Download {f.fileName}
            </a>
            <details>
              <summary>Preview {f.fileName}</summary>
              <pre className="gl-file-preview" aria-label={`Contents of ${f.fileName}`} tabIndex={0}>
                {f.content}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      <Warnings warnings={warnings} />
    </div>
  );
}

function ImportReport({ what, result }: { what: string; result: TagsetImportResult }) {
  const line = (verb: string, r: { labels: string[]; relationTypes: string[] }) => {
    const parts = [r.labels.length ? `labels ${r.labels.join(', ')}` : '', r.relationTypes.length ? `relation types ${r.relationTypes.join(', ')}` : ''].filter(Boolean);
    return parts.length ? (
      <li>
        {verb}: {parts.join('; ')}
      </li>
    ) : null;
  };
  const nothing = ![result.created, result.updated, result.removed].some((r) => r.labels.length || r.relationTypes.length);
  return (
    <div className="gl-import-report" role="status" aria-label={`Result of the ${what} import`}>
      <p>Imported the {what}.</p>
      <ul>
        {line('Added', result.created)}
        {line('Updated', result.updated)}
        {line('Removed', result.removed)}
        {nothing && <li>Nothing changed.</li>}
      </ul>
      <Warnings warnings={result.warnings} />
    </div>
  );
}

function Warnings({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <div className="gl-warnings">
      <p>
        <strong>
          {warnings.length} warning{warnings.length === 1 ? '' : 's'}:
        </strong>
      </p>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
