import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Annotation, AttributeValue, Label } from '../../../shared/index.ts';

interface Props {
  annotation: Annotation;
  labels: Label[];
  /** Other annotations under the same click, to switch to. */
  alsoHere: { id: string; text: string }[];
  onChange(changes: { labelId?: string; attributes?: Record<string, AttributeValue>; note?: string }): void;
  onDelete(): void;
  onSelect(id: string): void;
  onClose(): void;
  /** Sections for the label's kind: entity link, claims, relations. */
  children?: ReactNode;
}

/** Edits one annotation: label, attributes, note; or deletes it. Every change is saved at once. */
export function AnnotationEditor({ annotation, labels, alsoHere, onChange, onDelete, onSelect, onClose, children }: Props) {
  const label = labels.find((l) => l.id === annotation.labelId);
  const [note, setNote] = useState(annotation.note);
  const noteTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const first = useRef<HTMLSelectElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => setNote(annotation.note), [annotation.id, annotation.note]);
  // Focus starts on the step the annotation still needs (an unlinked claim's proposition field), else on its label.
  useEffect(() => (root.current?.querySelector<HTMLElement>('[data-first-focus]') ?? first.current)?.focus(), [annotation.id]);

  const flushNote = (value: string) => {
    clearTimeout(noteTimer.current);
    if (value !== annotation.note) onChange({ note: value });
  };

  const setAttribute = (name: string, value: AttributeValue | undefined) => {
    const next = { ...annotation.attributes };
    if (value === undefined || value === '' || value === false) delete next[name];
    else next[name] = value;
    onChange({ attributes: next });
  };

  return (
    <div
      ref={root}
      className="gl-editor"
      role="dialog"
      aria-label="Edit annotation"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          flushNote(note);
          onClose();
        }
      }}
    >
      <div className="gl-editor-head">
        <blockquote className="gl-editor-quote" style={{ ['--hl' as string]: label?.color ?? '#999' }}>
          {annotation.quote}
        </blockquote>
        <button type="button" className="gl-icon-button" aria-label="Close annotation editor" onClick={() => { flushNote(note); onClose(); }}>
          ×
        </button>
      </div>
      <label className="gl-field">
        Label
        <select ref={first} value={annotation.labelId} onChange={(e) => onChange({ labelId: e.target.value })}>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {label?.attributes.map((def) => (
        <div key={def.name} className="gl-field">
          {def.type === 'boolean' ? (
            <label>
              <input type="checkbox" checked={annotation.attributes[def.name] === true} onChange={(e) => setAttribute(def.name, e.target.checked)} /> {def.name}
            </label>
          ) : def.type === 'enum' ? (
            <label>
              {def.name}
              <select value={String(annotation.attributes[def.name] ?? '')} onChange={(e) => setAttribute(def.name, e.target.value)}>
                <option value="">—</option>
                {def.values?.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label>
              {def.name}
              <input type="text" defaultValue={String(annotation.attributes[def.name] ?? '')} onBlur={(e) => setAttribute(def.name, e.target.value)} />
            </label>
          )}
        </div>
      ))}
      <label className="gl-field">
        Note
        <textarea
          value={note}
          rows={3}
          onChange={(e) => {
            const v = e.target.value;
            setNote(v);
            clearTimeout(noteTimer.current);
            noteTimer.current = setTimeout(() => flushNote(v), 500);
          }}
          onBlur={() => flushNote(note)}
        />
      </label>
      <div className="gl-editor-meta">
        {annotation.annotator} · {new Date(annotation.createdAt).toLocaleString()}
      </div>
      {alsoHere.length > 0 && (
        <div className="gl-also-here">
          Also here:{' '}
          {alsoHere.map((a) => (
            <button key={a.id} type="button" className="gl-link-button" onClick={() => onSelect(a.id)}>
              {a.text}
            </button>
          ))}
        </div>
      )}
      {children}
      <div className="gl-editor-actions">
        <button type="button" className="gl-danger" onClick={onDelete}>
          Delete annotation
        </button>
      </div>
    </div>
  );
}
