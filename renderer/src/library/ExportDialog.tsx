import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ExportFormat, ExportResult, JobStatus } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { bytesFromBase64, downloadBytes, downloadText } from '../common/download.ts';
import { followJob, progressView } from './followJob.ts';
import { LabelFilter } from './LabelFilter.tsx';
import { ProgressBar } from './ProgressBar.tsx';

/** The export formats in the order offered, with what each is for. */
export const EXPORT_CHOICES: { format: ExportFormat; name: string; help: string }[] = [
  { format: 'jsonl', name: 'JSONL', help: 'Gloss JSONL: one document per line with its text, annotations, entities and claims; Gloss reads it back.' },
  { format: 'brat', name: 'brat (zip)', help: 'A .txt and .ann file per document with annotation.conf, for brat and INCEpTION.' },
  { format: 'w3c', name: 'W3C Web Annotation JSON-LD', help: 'One AnnotationCollection with quote and position selectors, for Web Annotation clients.' },
  { format: 'conll', name: 'CoNLL IOB2', help: 'One token per line with a B-/I-/O tag column per layer (mentions, claims), for training sequence taggers.' },
  { format: 'spacy', name: 'spaCy DocBin (.spacy)', help: 'Tokens, entity mentions in doc.ents and every layer in doc.spans, for training spaCy pipelines.' },
  { format: 'hf', name: 'Hugging Face JSONL', help: 'One line per document with tokens, offsets and BIO tags for mentions and claims, for datasets.load_dataset.' },
  { format: 'csv', name: 'CSV', help: 'One row per annotation, for spreadsheets, R and pandas.' },
  { format: 'qdpx', name: 'REFI-QDA .qdpx', help: 'A project for QDA tools such as ATLAS.ti, MAXQDA and NVivo.' },
  { format: 'labelstudio', name: 'Label Studio JSON', help: 'Tasks with one annotation per annotator (regions, choices, notes, relations), for Label Studio.' },
  { format: 'html', name: 'HTML report', help: 'One self-contained page with the highlighted documents, to read or share.' },
];

/** Formats that tag tokens, and so can be limited to some labels. */
const TAGGED_FORMATS: readonly ExportFormat[] = ['conll', 'spacy', 'hf'];

interface Props {
  /** How many documents the library holds. */
  documentCount: number;
  /** The documents checked in the library, in the order they were checked. */
  selected: string[];
  onClose(): void;
}

/**
 * The export dialog: a format, all documents or the checked ones, then an
 * export job with progress and cancel; the result is downloaded.
 */
export function ExportDialog({ documentCount, selected, onClose }: Props) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [labels, setLabels] = useState<string[] | null>(null);
  const [scope, setScope] = useState<'all' | 'selected'>(selected.length ? 'selected' : 'all');
  const [running, setRunning] = useState<{ status: JobStatus | null; cancel: AbortController } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const live = useRef(true);
  const titleId = useId();
  const ids = { format: useId(), scope: useId() };

  // Focus moves into the dialog (to the chosen format) and returns to the opener when it closes.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
    live.current = true;
    return () => {
      live.current = false;
      opener?.focus();
    };
  }, []);

  const close = () => {
    running?.cancel.abort();
    onClose();
  };

  const count = scope === 'all' ? documentCount : selected.length;

  async function run() {
    setError(null);
    const cancel = new AbortController();
    setRunning({ status: null, cancel });
    const choice = EXPORT_CHOICES.find((c) => c.format === format)!;
    try {
      const filtered = labels && TAGGED_FORMATS.includes(format) ? { labels } : {};
      const { jobId } = await api.jobs.startExport({ format, ...(scope === 'selected' ? { documentIds: selected } : {}), ...filtered });
      const final = await followJob(jobId, (status) => live.current && setRunning({ status, cancel }), cancel.signal);
      if (final.state === 'cancelled' || cancel.signal.aborted) {
        notify('info', 'Export cancelled: nothing was downloaded.');
      } else if (final.state === 'failed') {
        throw new Error(final.error?.message ?? 'the export failed');
      } else if (final.kind === 'export' && final.result) {
        offer(final.result);
        const warnings = final.result.warnings?.length ? ` Note: ${final.result.warnings.join('; ')}.` : '';
        notify('info', `Exported ${count} document(s) as ${choice.name} to ${final.result.fileName}.${warnings}`);
        if (live.current) onClose();
        return;
      }
    } catch (err) {
      const message = messageOf(err);
      if (live.current) setError(message);
      notify('error', `Export failed: ${message}`);
    }
    if (!live.current) return;
    setRunning(null);
    // The cancel button that had focus is gone: keep focus in the dialog.
    setTimeout(() => exportButton.current?.focus());
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      trapFocus(e, dialog.current);
    }
  };

  return (
    <div className="gl-modal-backdrop">
      <div ref={dialog} className="gl-modal gl-export-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>Export</h2>
        <fieldset disabled={!!running}>
          <legend id={ids.format}>Format</legend>
          <div className="gl-choices" role="radiogroup" aria-labelledby={ids.format}>
            {EXPORT_CHOICES.map((c) => (
              <label key={c.format} className="gl-choice">
                <input type="radio" name="export-format" value={c.format} checked={format === c.format} onChange={() => setFormat(c.format)} aria-describedby={`${ids.format}-${c.format}`} />
                <span className="gl-choice-text">{c.name}</span>
                <span className="gl-choice-help" id={`${ids.format}-${c.format}`}>
                  {c.help}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {TAGGED_FORMATS.includes(format) && <LabelFilter value={labels} onChange={setLabels} disabled={!!running} />}
        <fieldset disabled={!!running}>
          <legend id={ids.scope}>Documents</legend>
          <div className="gl-choices" role="radiogroup" aria-labelledby={ids.scope}>
            <label className="gl-choice">
              <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
              <span className="gl-choice-text">All documents ({documentCount})</span>
            </label>
            <label className="gl-choice">
              <input type="radio" name="export-scope" checked={scope === 'selected'} disabled={!selected.length} onChange={() => setScope('selected')} />
              <span className="gl-choice-text">Documents checked in the library ({selected.length})</span>
            </label>
          </div>
        </fieldset>
        {running && (
          <ProgressBar
            view={progressView(running.status?.progress ?? null, 'Starting the export…')}
            name="Export progress"
            cancelLabel="Cancel export"
            cancelling={running.cancel.signal.aborted}
            autoFocus
            onCancel={() => {
              running.cancel.abort();
              setRunning({ ...running });
            }}
          />
        )}
        {error && (
          <p className="gl-export-error" role="alert">
            {error}
          </p>
        )}
        <div className="gl-row gl-modal-actions">
          <button type="button" onClick={close}>
            Close
          </button>
          <button ref={exportButton} type="button" className="gl-primary" disabled={!!running || count === 0} onClick={() => void run()}>
            Export
          </button>
        </div>
      </div>
    </div>
  );
}

/** Downloads an export: text as it is, binary formats from base64. */
function offer(result: ExportResult): void {
  if (result.base64) downloadBytes(result.fileName, result.mediaType, bytesFromBase64(result.content));
  else downloadText(result.fileName, result.mediaType, result.content);
}

/** Keeps Tab and Shift+Tab within the dialog. */
function trapFocus(e: KeyboardEvent, root: HTMLElement | null): void {
  if (!root) return;
  const focusable = Array.from(root.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]:not([tabindex="-1"])')).filter(
    (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null && !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
  );
  if (!focusable.length) return;
  const first = focusable[0]!;
  const last = focusable[focusable.length - 1]!;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
