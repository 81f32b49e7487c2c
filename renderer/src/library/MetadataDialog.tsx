import { Fragment, useId, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../shared/index.ts';
import { Modal } from '../common/Modal.tsx';
import { METADATA_FIELDS, updateDocument, type LibraryContext } from './libraryChanges.ts';

interface Props {
  doc: DocumentSummary;
  ctx: LibraryContext;
  onClose(): void;
}

type FieldKey = 'title' | (typeof METADATA_FIELDS)[number]['key'];

/**
 * Edits a document's title and source metadata (outlet, author, date, URL,
 * language). As everywhere in Gloss there is no Save button: a field is saved,
 * as one undo step, when it is left (Tab, Enter, a click elsewhere, closing).
 */
export function MetadataDialog({ doc, ctx, onClose }: Props) {
  const initial = (): Record<FieldKey, string> => ({ title: doc.title, ...Object.fromEntries(METADATA_FIELDS.map((f) => [f.key, doc.metadata[f.key] ?? ''])) }) as Record<FieldKey, string>;
  const [values, setValues] = useState(initial);
  // What the store holds, so leaving an unchanged field saves nothing.
  const saved = useRef(initial());
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const base = useId();

  // Saves run one after another, so a field left by clicking "Done" is not saved twice.
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  const commit = (key: FieldKey, value: string): Promise<boolean> => (queue.current = queue.current.then(() => save(key, value)));

  /** Saves one field if it changed; false when it cannot be saved (an empty title, a failed call). */
  async function save(key: FieldKey, value: string): Promise<boolean> {
    const v = value.trim();
    if (key === 'title' && !v) {
      setError('A document needs a title.');
      return false;
    }
    if (v === saved.current[key].trim()) return true;
    if (key === 'title') setError(null);
    const label = key === 'title' ? 'title' : METADATA_FIELDS.find((f) => f.key === key)!.label.toLowerCase();
    const ok = await updateDocument(ctx, doc, key === 'title' ? { title: v } : { metadata: { [key]: v } }, `edit ${label}`);
    if (ok) {
      saved.current = { ...saved.current, [key]: v };
      setStatus(`${label[0]!.toUpperCase()}${label.slice(1)} saved.`);
    }
    return ok;
  }

  /** Closing saves what is still being typed, so nothing is lost by Escape or Done; an empty title keeps the dialog open. */
  async function close(): Promise<void> {
    let ok = true;
    for (const key of Object.keys(values) as FieldKey[]) ok = (await commit(key, values[key])) && ok;
    if (ok) onClose();
  }

  const field = (key: FieldKey, label: string, type: 'text' | 'url' | 'date-ish' = 'text') => (
    <>
      <label htmlFor={`${base}-${key}`}>{label}</label>
      <input
        id={`${base}-${key}`}
        type={type === 'url' ? 'url' : 'text'}
        inputMode={type === 'url' ? 'url' : undefined}
        placeholder={type === 'date-ish' ? 'YYYY-MM-DD' : undefined}
        dir="auto"
        value={values[key]}
        required={key === 'title'}
        aria-invalid={key === 'title' && error ? true : undefined}
        onChange={(e) => setValues((s) => ({ ...s, [key]: e.target.value }))}
        onBlur={(e) => void commit(key, e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit(key, e.currentTarget.value);
          }
        }}
      />
    </>
  );

  return (
    <Modal
      title="Document details"
      onClose={() => void close()}
      description={<p className="gl-muted">File: {doc.name}. Each field is saved when you leave it; Undo takes it back.</p>}
    >
      <div className="gl-metadata-form">
        <div className="gl-form-grid">
          {field('title', 'Title')}
          {METADATA_FIELDS.map((f) => (
            <Fragment key={f.key}>{field(f.key, f.label, f.key === 'published' ? 'date-ish' : f.key === 'url' ? 'url' : 'text')}</Fragment>
          ))}
        </div>
        {error && (
          <p className="gl-search-error" role="alert">
            {error}
          </p>
        )}
        <div className="gl-modal-actions">
          <span className="gl-muted gl-small" role="status">
            {status}
          </span>
          <button type="button" className="gl-primary" onClick={() => void close()}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
