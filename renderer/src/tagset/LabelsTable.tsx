import { useState, type FormEvent } from 'react';
import { LabelKindSchema, type Label, type LabelKind } from '../../../shared/index.ts';
import { AttributeEditor } from './AttributeEditor.tsx';
import { ColorInput } from './ColorInput.tsx';
import { InlineText } from './InlineText.tsx';
import { nextColor } from './palette.ts';
import { saveChange, type ChangeContext } from './saveChange.ts';

const KINDS = LabelKindSchema.options;
const HOTKEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

type LabelFields = Omit<Label, 'id'>;

interface Props {
  labels: Label[];
  ctx: ChangeContext;
}

/** The labels of the tagset: every field edited in place and saved at once. */
export function LabelsTable({ labels, ctx }: Props) {
  // The backend's last refusal per label (a hotkey conflict, a delete of a used label).
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setError = (id: string, message: string | null) =>
    setErrors((e) => {
      const next = { ...e };
      if (message) next[id] = message;
      else delete next[id];
      return next;
    });

  /**
   * Saves some fields of a label; undo puts the earlier values back. Every
   * field is sent: `labels.update` fills in defaults (no hotkey, no
   * attributes) for fields left out.
   */
  function update(label: Label, changes: Partial<LabelFields>, description: string): Promise<boolean> {
    const { id, ...fields } = label;
    const after: LabelFields = { ...fields, ...changes };
    return saveChange({ ...ctx, description, onError: (m) => setError(id, m) }, async (client) => {
      await client.labels.update({ id, ...after });
      setError(id, null);
    });
  }

  function remove(label: Label) {
    const id = label.id;
    return saveChange({ ...ctx, description: `delete label ${label.name}`, onError: (m) => setError(label.id, m) }, async (client) => {
      await client.labels.delete({ id });
    });
  }

  const usedHotkeys = new Map(labels.filter((l) => l.hotkey).map((l) => [l.hotkey!, l.name]));

  return (
    <section className="gl-tagset-section" aria-labelledby="gl-labels-heading">
      <h2 id="gl-labels-heading">Labels</h2>
      <p className="gl-help">
        Annotations take one label each. Entity labels tag mentions of people, places and organisations; claim labels tag statements that link to
        propositions. A hotkey tags the selected text in the reader.
      </p>
      <table className="gl-table gl-labels-table" aria-label="Labels">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Colour</th>
            <th scope="col">Hotkey</th>
            <th scope="col">Attributes</th>
            <th scope="col">
              <span className="gl-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => (
            <tr key={l.id} aria-label={`Label ${l.name}`}>
              <td>
                <div className="gl-name-cell">
                  <span className="gl-swatch" style={{ background: l.color }} aria-hidden="true" />
                  <InlineText value={l.name} label={`Name of label ${l.name}`} required onSave={(name) => update(l, { name }, `rename label ${l.name}`)} />
                </div>
              </td>
              <td>
                <select aria-label={`Kind of label ${l.name}`} value={l.kind} onChange={(e) => void update(l, { kind: e.target.value as LabelKind }, `change kind of ${l.name}`)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <ColorInput value={l.color} label={`Colour of label ${l.name}`} onSave={(color) => update(l, { color }, `recolour ${l.name}`)} />
              </td>
              <td>
                <select
                  aria-label={`Hotkey of label ${l.name}`}
                  aria-invalid={errors[l.id]?.includes('hotkey') ? true : undefined}
                  aria-describedby={errors[l.id] ? `gl-label-error-${l.id}` : undefined}
                  value={l.hotkey ?? ''}
                  onChange={(e) => void update(l, { hotkey: e.target.value || null }, `set hotkey of ${l.name}`)}
                >
                  <option value="">none</option>
                  {HOTKEYS.map((k) => (
                    <option key={k} value={k}>
                      {usedHotkeys.has(k) && usedHotkeys.get(k) !== l.name ? `${k} (${usedHotkeys.get(k)})` : k}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <AttributeEditor label={l} onChange={(attributes, description) => update(l, { attributes }, description)} />
              </td>
              <td className="gl-row-actions">
                <button type="button" className="gl-icon-button gl-danger" aria-label={`Delete label ${l.name}`} title="Delete label" onClick={() => void remove(l)}>
                  ✕
                </button>
                {errors[l.id] && (
                  <p className="gl-field-error" id={`gl-label-error-${l.id}`} role="alert">
                    {errors[l.id]}
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewLabelForm labels={labels} ctx={ctx} />
    </section>
  );
}

function NewLabelForm({ labels, ctx }: Props) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<LabelKind>('entity');
  const [color, setColor] = useState<string | null>(null);
  const [hotkey, setHotkey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shownColor = color ?? nextColor(labels.map((l) => l.color));
  const usedBy = new Map(labels.filter((l) => l.hotkey).map((l) => [l.hotkey!, l.name]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the label a name.');
      return;
    }
    const fields: LabelFields = { name: name.trim(), kind, color: shownColor, hotkey: hotkey || null, attributes: [] };
    const ok = await saveChange({ ...ctx, description: `add label ${fields.name}`, onError: setError }, async (client) => {
      await client.labels.create(fields);
    });
    if (ok) {
      setName('');
      setColor(null);
      setHotkey('');
      setError(null);
    }
  }

  return (
    <form className="gl-add-form" aria-label="Add a label" onSubmit={(e) => void submit(e)}>
      <input type="text" aria-label="New label name" placeholder="New label name" value={name} onChange={(e) => setName(e.target.value)} />
      <select aria-label="New label kind" value={kind} onChange={(e) => setKind(e.target.value as LabelKind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <input type="color" aria-label="New label colour" value={shownColor} onChange={(e) => setColor(e.target.value)} />
      <select aria-label="New label hotkey" value={hotkey} onChange={(e) => setHotkey(e.target.value)}>
        <option value="">no hotkey</option>
        {HOTKEYS.map((k) => (
          <option key={k} value={k}>
            {usedBy.has(k) ? `${k} (${usedBy.get(k)})` : k}
          </option>
        ))}
      </select>
      <button type="submit">Add label</button>
      {error && (
        <p className="gl-field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
