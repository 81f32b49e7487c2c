import { useState, type FormEvent } from 'react';
import type { ChangeContext } from '../tagset/saveChange.ts';
import { AliasEditor } from './AliasEditor.tsx';
import { createEntity } from './entityChanges.ts';

interface Props {
  ctx: ChangeContext;
  onCreated(id: string): void;
}

/** Creates an entity from a name, a type, aliases and an external id. */
export function NewEntityForm({ ctx, onCreated }: Props) {
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [aliases, setAliases] = useState<string[]>([]);
  const [externalId, setExternalId] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError('Give the entity a name.');
    const id = await createEntity(ctx, { name: name.trim(), type: type.trim(), aliases, externalId: externalId.trim() || null, description: '' });
    if (id) {
      setName('');
      setType('');
      setAliases([]);
      setExternalId('');
      setError(null);
      onCreated(id);
    }
  }

  return (
    <form className="gl-add-form gl-new-entity" aria-label="Add an entity" onSubmit={(e) => void submit(e)}>
      <input type="text" aria-label="New entity name" placeholder="New entity name" value={name} onChange={(e) => setName(e.target.value)} />
      <input type="text" aria-label="New entity type" placeholder="type, e.g. Location" list="gl-entity-types" value={type} onChange={(e) => setType(e.target.value)} />
      <AliasEditor aliases={aliases} owner="the new entity" onChange={(next) => setAliases(next)} />
      <input type="text" aria-label="New entity external id" placeholder="Wikidata QID, e.g. Q843" value={externalId} onChange={(e) => setExternalId(e.target.value)} />
      <button type="submit">Create entity</button>
      {error && (
        <p className="gl-field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
