import { useState, type FormEvent } from 'react';
import { LabelKindSchema, type Label, type LabelKind, type RelationType } from '../../../shared/index.ts';
import { ColorInput } from './ColorInput.tsx';
import { InlineText } from './InlineText.tsx';
import { nextColor } from './palette.ts';
import { saveChange, type ChangeContext } from './saveChange.ts';

const KINDS = LabelKindSchema.options;

type RelationFields = Omit<RelationType, 'id'>;

interface Props {
  relationTypes: RelationType[];
  labels: Label[];
  ctx: ChangeContext;
}

/** Relation types: name, colour, direction and which kinds of annotation each end may be. */
export function RelationTypesTable({ relationTypes, labels, ctx }: Props) {
  const labelNames = new Map(labels.map((l) => [l.id, l.name]));

  function update(t: RelationType, changes: Partial<RelationFields>, description: string): Promise<boolean> {
    return saveChange({ ...ctx, description }, async (client) => {
      await client.relationTypes.update({ id: t.id, ...changes });
    });
  }

  function remove(t: RelationType) {
    return saveChange({ ...ctx, description: `delete relation type ${t.name}` }, async (client) => {
      await client.relationTypes.delete({ id: t.id });
    });
  }

  return (
    <section className="gl-tagset-section" aria-labelledby="gl-relations-heading">
      <h2 id="gl-relations-heading">Relation types</h2>
      <p className="gl-help">Relations link two annotations, in one document or across documents. Leave every kind unticked to allow any annotation at that end.</p>
      <table className="gl-table" aria-label="Relation types">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Colour</th>
            <th scope="col">Symmetric</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">
              <span className="gl-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {relationTypes.map((t) => (
            <tr key={t.id} aria-label={`Relation type ${t.name}`}>
              <td>
                <div className="gl-name-cell">
                  <span className="gl-swatch" style={{ background: t.color }} aria-hidden="true" />
                  <InlineText value={t.name} label={`Name of relation type ${t.name}`} required onSave={(name) => update(t, { name }, `rename relation type ${t.name}`)} />
                </div>
              </td>
              <td>
                <ColorInput value={t.color} label={`Colour of relation type ${t.name}`} onSave={(color) => update(t, { color }, `recolour ${t.name}`)} />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t.name} is symmetric`}
                  checked={t.symmetric}
                  onChange={(e) => void update(t, { symmetric: e.target.checked }, `make ${t.name} ${e.target.checked ? 'symmetric' : 'directed'}`)}
                />
              </td>
              <td>
                <KindChecks
                  label={`Kinds allowed at the source of ${t.name}`}
                  value={t.fromKinds}
                  onChange={(fromKinds) => void update(t, { fromKinds }, `change allowed sources of ${t.name}`)}
                />
                <LabelNote ids={t.fromLabelIds} names={labelNames} />
              </td>
              <td>
                <KindChecks label={`Kinds allowed at the target of ${t.name}`} value={t.toKinds} onChange={(toKinds) => void update(t, { toKinds }, `change allowed targets of ${t.name}`)} />
                <LabelNote ids={t.toLabelIds} names={labelNames} />
              </td>
              <td className="gl-row-actions">
                <button type="button" className="gl-icon-button gl-danger" aria-label={`Delete relation type ${t.name}`} title="Delete relation type" onClick={() => void remove(t)}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewRelationTypeForm relationTypes={relationTypes} ctx={ctx} />
    </section>
  );
}

/** Checkboxes for the label kinds allowed at one end; none ticked means any. */
function KindChecks({ label, value, onChange }: { label: string; value: LabelKind[]; onChange(kinds: LabelKind[]): void }) {
  return (
    <div role="group" aria-label={label} className="gl-kind-checks">
      {KINDS.map((k) => (
        <label key={k}>
          <input
            type="checkbox"
            checked={value.includes(k)}
            onChange={(e) => onChange(e.target.checked ? KINDS.filter((x) => x === k || value.includes(x)) : value.filter((x) => x !== k))}
          />{' '}
          {k}
        </label>
      ))}
      {value.length === 0 && <span className="gl-muted"> (any)</span>}
    </div>
  );
}

/** Labels a relation type is limited to (set by an imported tagset; shown, not edited here). */
function LabelNote({ ids, names }: { ids: string[]; names: ReadonlyMap<string, string> }) {
  if (!ids.length) return null;
  return <div className="gl-muted gl-small">only {ids.map((id) => names.get(id) ?? '?').join(', ')}</div>;
}

function NewRelationTypeForm({ relationTypes, ctx }: { relationTypes: RelationType[]; ctx: ChangeContext }) {
  const [name, setName] = useState('');
  const [color, setColor] = useState<string | null>(null);
  const [symmetric, setSymmetric] = useState(false);
  const [fromKinds, setFromKinds] = useState<LabelKind[]>([]);
  const [toKinds, setToKinds] = useState<LabelKind[]>([]);
  const [error, setError] = useState<string | null>(null);
  const shownColor = color ?? nextColor(relationTypes.map((t) => t.color));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Give the relation type a name.');
    const fields = { id: crypto.randomUUID(), name: name.trim(), color: shownColor, symmetric, fromKinds, toKinds, fromLabelIds: [], toLabelIds: [] };
    const ok = await saveChange({ ...ctx, description: `add relation type ${fields.name}`, onError: setError }, async (client) => {
      await client.relationTypes.create(fields);
    });
    if (ok) {
      setName('');
      setColor(null);
      setSymmetric(false);
      setFromKinds([]);
      setToKinds([]);
      setError(null);
    }
  }

  return (
    <form className="gl-add-form" aria-label="Add a relation type" onSubmit={(e) => void submit(e)}>
      <input type="text" aria-label="New relation type name" placeholder="New relation type name" value={name} onChange={(e) => setName(e.target.value)} />
      <input type="color" aria-label="New relation type colour" value={shownColor} onChange={(e) => setColor(e.target.value)} />
      <label>
        <input type="checkbox" checked={symmetric} onChange={(e) => setSymmetric(e.target.checked)} /> symmetric
      </label>
      <span className="gl-muted">from</span>
      <KindChecks label="Kinds allowed at the source of the new relation type" value={fromKinds} onChange={setFromKinds} />
      <span className="gl-muted">to</span>
      <KindChecks label="Kinds allowed at the target of the new relation type" value={toKinds} onChange={setToKinds} />
      <button type="submit">Add relation type</button>
      {error && (
        <p className="gl-field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
