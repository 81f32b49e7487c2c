import { useId, useState, type FormEvent } from 'react';
import type { DocumentSummary } from '../../../shared/index.ts';
import { Modal } from '../common/Modal.tsx';
import { METADATA_FIELDS, updateDocument, type LibraryContext } from './libraryChanges.ts';

interface Props {
  doc: DocumentSummary;
  ctx: LibraryContext;
  onClose(): void;
}

/** Edits a document's title and source metadata (outlet, author, date, URL, language); saved with undo. */
export function MetadataDialog({ doc, ctx, onClose }: Props) {
  const [title, setTitle] = useState(doc.title);
  const [fields, setFields] = useState<Record<string, string>>(() => Object.fromEntries(METADATA_FIELDS.map((f) => [f.key, doc.metadata[f.key] ?? ''])));
  const [error, setError] = useState<string | null>(null);
  const base = useId();

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError('A document needs a title.');
      return;
    }
    if (await updateDocument(ctx, doc, title.trim(), fields)) onClose();
  }

  return (
    <Modal title="Document details" onClose={onClose} description={<p className="gl-muted">File: {doc.name}</p>}>
      <form onSubmit={(e) => void save(e)} className="gl-metadata-form">
        <div className="gl-form-grid">
          <label htmlFor={`${base}-title`}>Title</label>
          <input id={`${base}-title`} type="text" value={title} required aria-invalid={error ? true : undefined} onChange={(e) => setTitle(e.target.value)} />
          {METADATA_FIELDS.map((f) => (
            <FieldRow key={f.key} id={`${base}-${f.key}`} label={f.label} type={f.key === 'published' ? 'date-ish' : f.key === 'url' ? 'url' : 'text'} value={fields[f.key] ?? ''} onChange={(v) => setFields((s) => ({ ...s, [f.key]: v }))} />
          ))}
        </div>
        {error && (
          <p className="gl-search-error" role="alert">
            {error}
          </p>
        )}
        <div className="gl-modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="gl-primary">
            Save details
          </button>
        </div>
      </form>
    </Modal>
  );
}

function FieldRow({ id, label, type, value, onChange }: { id: string; label: string; type: 'text' | 'url' | 'date-ish'; value: string; onChange(v: string): void }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type === 'url' ? 'url' : 'text'}
        inputMode={type === 'url' ? 'url' : undefined}
        placeholder={type === 'date-ish' ? 'YYYY-MM-DD' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}
