import { useId, useRef, useState, type FormEvent } from 'react';
import type { AttributeDefinition, Label } from '../../../shared/index.ts';

type AttributeType = AttributeDefinition['type'];

interface Props {
  label: Label;
  /** Saves the label's new attribute list; resolves whether it was saved. */
  onChange(attributes: AttributeDefinition[], description: string): Promise<boolean>;
}

/** A label's attribute definitions: listed with a remove button each, plus a small form to add one. */
export function AttributeEditor({ label, onChange }: Props) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [type, setType] = useState<AttributeType>('boolean');
  const [values, setValues] = useState('');
  const [error, setError] = useState<string | null>(null);
  const formId = useId();
  const toggle = useRef<HTMLButtonElement>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the attribute a name.');
    if (label.attributes.some((a) => a.name === trimmed)) return setError(`${label.name} already has an attribute "${trimmed}".`);
    const def: AttributeDefinition = { name: trimmed, type };
    if (type === 'enum') {
      const list = [...new Set(values.split(',').map((v) => v.trim()).filter(Boolean))];
      if (!list.length) return setError('List the values, separated by commas.');
      def.values = list;
    }
    if (await onChange([...label.attributes, def], `add attribute ${trimmed} to ${label.name}`)) {
      setName('');
      setValues('');
      setType('boolean');
      setError(null);
      setAdding(false);
    }
  }

  return (
    <div className="gl-attributes">
      {label.attributes.length > 0 && (
        <ul className="gl-chips" aria-label={`Attributes of ${label.name}`}>
          {label.attributes.map((a) => (
            <li key={a.name} className="gl-chip-item">
              <span>
                {a.name} <span className="gl-muted">({a.type === 'enum' ? `one of ${a.values?.join(', ') ?? ''}` : a.type})</span>
              </span>
              <button
                type="button"
                className="gl-chip-remove"
                aria-label={`Remove attribute ${a.name} from ${label.name}`}
                onClick={() => void onChange(label.attributes.filter((x) => x !== a), `remove attribute ${a.name} from ${label.name}`)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        ref={toggle}
        type="button"
        className="gl-link-button"
        aria-expanded={adding}
        aria-controls={adding ? formId : undefined}
        aria-label={adding ? `Cancel adding an attribute to ${label.name}` : `Add attribute to ${label.name}`}
        onClick={() => setAdding((v) => !v)}
      >
        {adding ? 'Cancel' : '+ Attribute'}
      </button>
      {adding && (
        <form
          id={formId}
          className="gl-attribute-form"
          aria-label={`New attribute of ${label.name}`}
          onSubmit={(e) => void add(e)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setAdding(false);
              toggle.current?.focus();
            }
          }}
        >
          <input type="text" aria-label="Attribute name" placeholder="name" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
          <select aria-label="Attribute type" value={type} onChange={(e) => setType(e.target.value as AttributeType)}>
            <option value="boolean">boolean (yes/no)</option>
            <option value="enum">enum (one of a list)</option>
            <option value="text">text</option>
          </select>
          {type === 'enum' && (
            <input type="text" aria-label="Attribute values, comma-separated" placeholder="values, comma-separated" value={values} onChange={(e) => setValues(e.target.value)} />
          )}
          <button type="submit">Add</button>
          {error && (
            <p className="gl-field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
