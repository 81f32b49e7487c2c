import { useState } from 'react';
import type { Entity, Label, PropagationCandidate } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { saveChange, type ChangeContext } from '../tagset/saveChange.ts';

interface Props {
  entity: Entity;
  mentionCount: number;
  labels: Label[];
  ctx: ChangeContext;
  /** Each document's distinct title (same titles told apart), by id. */
  titles: ReadonlyMap<string, string>;
}

interface Found {
  labelId: string;
  candidates: PropagationCandidate[];
  /** Keys (`documentId:start:end`) of the ticked candidates. */
  ticked: Set<string>;
}

const keyOf = (c: PropagationCandidate) => `${c.document.id}:${c.start}:${c.end}`;

/** The label new mentions get: one named like the entity's type, else (without mentions to go by) the first entity label. */
function defaultLabel(entity: Entity, mentionCount: number, labels: Label[]): string {
  const byType = labels.find((l) => l.name.toLowerCase() === entity.type.trim().toLowerCase());
  if (byType) return byType.id;
  if (mentionCount > 0) return '';
  return (labels.find((l) => l.kind === 'entity') ?? labels[0])?.id ?? '';
}

/**
 * "Find unlinked mentions": every whole-word occurrence of the entity's name
 * and aliases across the corpus that is not yet tagged as it, as a preview
 * list to tick; accepting tags them all at once, and one undo takes them back.
 */
export function Propagation({ entity, mentionCount, labels, ctx, titles }: Props) {
  // null until the user picks one: the default follows the labels and the entity's type as they load and change.
  const [picked, setPicked] = useState<string | null>(null);
  const labelId = picked ?? defaultLabel(entity, mentionCount, labels);
  const [caseSensitive, setCaseSensitive] = useState(true);
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);

  async function find() {
    setBusy(true);
    try {
      const r = await api.entities.propagationCandidates({ entityId: entity.id, scope: 'corpus', caseSensitive, ...(labelId ? { labelId } : {}) });
      setFound({ labelId: r.labelId, candidates: r.candidates, ticked: new Set(r.candidates.map(keyOf)) });
      if (!labelId) setPicked(r.labelId);
    } catch (err) {
      notify('error', `Could not look for unlinked mentions: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  }

  async function accept() {
    if (!found) return;
    const chosen = found.candidates.filter((c) => found.ticked.has(keyOf(c)));
    if (!chosen.length) return;
    const args = {
      entityId: entity.id,
      labelId: found.labelId,
      candidates: chosen.map((c) => ({ documentId: c.document.id, start: c.start, end: c.end, annotationId: c.annotationId })),
    };
    setBusy(true);
    let summary = '';
    const ok = await saveChange({ ...ctx, description: `tag ${chosen.length} mentions of ${entity.name}` }, async (client) => {
      const r = await client.entities.propagate(args);
      summary = `Tagged ${r.created.length} new mention${r.created.length === 1 ? '' : 's'} of ${entity.name}${r.linked.length ? `, linked ${r.linked.length} existing` : ''}${r.skipped ? `, skipped ${r.skipped}` : ''}.`;
    });
    setBusy(false);
    if (ok) {
      setFound(null);
      notify('info', summary);
    }
  }

  const setTicked = (update: (s: Set<string>) => void) =>
    setFound((f) => {
      if (!f) return f;
      const ticked = new Set(f.ticked);
      update(ticked);
      return { ...f, ticked };
    });

  const byDocument = new Map<string, { title: string; items: PropagationCandidate[] }>();
  for (const c of found?.candidates ?? []) {
    const g = byDocument.get(c.document.id) ?? { title: titles.get(c.document.id) ?? c.document.title, items: [] };
    g.items.push(c);
    byDocument.set(c.document.id, g);
  }
  const tickedCount = found?.ticked.size ?? 0;

  return (
    <section className="gl-propagation" aria-labelledby="gl-propagation-heading">
      <h3 id="gl-propagation-heading">Unlinked mentions</h3>
      <div className="gl-propagation-controls">
        <label>
          Tag as{' '}
          <select value={labelId} onChange={(e) => setPicked(e.target.value)}>
            {mentionCount > 0 && <option value="">the label most mentions have</option>}
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} /> match case
        </label>
        <button type="button" disabled={busy} onClick={() => void find()}>
          Find unlinked mentions
        </button>
      </div>
      {found && (
        <div className="gl-candidates" role="group" aria-label="Unlinked mentions found">
          {found.candidates.length === 0 ? (
            <p className="gl-muted" role="status">
              No unlinked mention of {[entity.name, ...entity.aliases].map((f) => `“${f}”`).join(' or ')} in the corpus.
            </p>
          ) : (
            <>
              <p role="status">
                {found.candidates.length} unlinked mention{found.candidates.length === 1 ? '' : 's'} in {byDocument.size} document
                {byDocument.size === 1 ? '' : 's'}; {tickedCount} selected.
              </p>
              <div className="gl-button-row">
                <button type="button" onClick={() => setTicked((s) => found.candidates.forEach((c) => s.add(keyOf(c))))}>
                  Select all
                </button>
                <button type="button" onClick={() => setTicked((s) => s.clear())}>
                  Select none
                </button>
                <button type="button" className="gl-primary" disabled={busy || tickedCount === 0} onClick={() => void accept()}>
                  Tag {tickedCount} selected
                </button>
                <button type="button" onClick={() => setFound(null)}>
                  Cancel
                </button>
              </div>
              {[...byDocument].map(([documentId, g]) => (
                <fieldset key={documentId} className="gl-candidate-group">
                  <legend>
                    {g.title} <span className="gl-count">{g.items.length}</span>
                  </legend>
                  <ul>
                    {g.items.map((c) => {
                      const key = keyOf(c);
                      return (
                        <li key={key}>
                          <label className="gl-kwic">
                            <input
                              type="checkbox"
                              checked={found.ticked.has(key)}
                              onChange={(e) => setTicked((s) => (e.target.checked ? s.add(key) : s.delete(key)))}
                            />{' '}
                            <span className="gl-kwic-prefix">{c.prefix}</span>
                            <mark>{c.text}</mark>
                            <span className="gl-kwic-suffix">{c.suffix}</span>
                            {c.annotationId && <span className="gl-chip"> already tagged: link</span>}
                          </label>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              ))}
            </>
          )}
        </div>
      )}
    </section>
  );
}
