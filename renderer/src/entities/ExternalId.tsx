import { useState } from 'react';
import { InlineText } from '../tagset/InlineText.tsx';

/** A Wikidata item id such as Q843. */
const QID = /^Q[1-9]\d*$/;

interface Props {
  value: string | null;
  owner: string;
  onSave(next: string | null): Promise<boolean>;
}

/**
 * An entity's external id. A Wikidata QID shows as a link to its item (opened
 * only if the user follows it: nothing is fetched); an edit button turns it
 * back into a field.
 */
export function ExternalId({ value, owner, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  if (value && !editing) {
    return (
      <span className="gl-external-id">
        {QID.test(value) ? (
          <a href={`https://www.wikidata.org/wiki/${value}`} target="_blank" rel="noreferrer noopener" title={`Wikidata item ${value}`}>
            {value}
          </a>
        ) : (
          <span>{value}</span>
        )}
        <button type="button" className="gl-icon-button" aria-label={`Edit external id of ${owner}`} title="Edit" onClick={() => setEditing(true)}>
          ✎
        </button>
      </span>
    );
  }
  return (
    <span className="gl-external-id" onBlur={() => setEditing(false)}>
      <InlineText
        value={value ?? ''}
        label={`External id of ${owner}`}
        placeholder="e.g. Q843"
        className="gl-narrow"
        autoFocus={editing}
        onSave={(next) => onSave(next || null)}
      />
    </span>
  );
}
