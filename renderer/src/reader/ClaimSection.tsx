import type { Annotation, ClaimLink, Entity, StanceSet } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { Combobox } from '../common/Combobox.tsx';
import type { History } from '../undo/history.ts';

interface Props {
  annotation: Annotation;
  claims: ClaimLink[];
  stances: StanceSet;
  entities: Map<string, Entity>;
  history: History;
  reload(): Promise<void>;
}

type ClaimChanges = Partial<Pick<ClaimLink, 'stance' | 'attribution' | 'hedged' | 'reported' | 'note'>>;

/** A claim's links to propositions, each with stance, attribution, hedged and reported flags and a note. */
export function ClaimSection({ annotation, claims, stances, entities, history, reload }: Props) {
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
      await reload();
    } catch (err) {
      notify('error', messageOf(err));
    }
  };

  const link = (ref: { propositionId: string } | { propositionText: string }) =>
    run(async () => {
      const done = await api.claims.link({ annotationId: annotation.id, ...ref });
      const claim = done.claim;
      history.push({
        description: `link claim to “${done.proposition.text.slice(0, 40)}”`,
        undo: async () => {
          await api.claims.unlink({ id: claim.id });
          if (done.createdProposition) await api.propositions.delete({ id: done.proposition.id });
          await reload();
        },
        redo: async () => {
          if (done.createdProposition) await api.propositions.create({ id: done.proposition.id, text: done.proposition.text });
          await api.claims.link({ id: claim.id, annotationId: annotation.id, propositionId: done.proposition.id, stance: claim.stance });
          await reload();
        },
      });
    });

  const update = (claim: ClaimLink, changes: ClaimChanges, description: string) =>
    run(async () => {
      await api.claims.update({ id: claim.id, ...changes });
      const before: ClaimChanges = {};
      for (const k of Object.keys(changes) as (keyof ClaimChanges)[]) (before as Record<string, unknown>)[k] = claim[k];
      history.push({
        description,
        undo: async () => {
          await api.claims.update({ id: claim.id, ...before });
          await reload();
        },
        redo: async () => {
          await api.claims.update({ id: claim.id, ...changes });
          await reload();
        },
      });
    });

  const unlink = (claim: ClaimLink) =>
    run(async () => {
      const gone = await api.claims.unlink({ id: claim.id });
      history.push({
        description: 'unlink claim',
        undo: async () => {
          await api.claims.link({
            id: gone.id,
            annotationId: gone.annotationId,
            propositionId: gone.propositionId,
            stance: gone.stance,
            attribution: gone.attribution,
            hedged: gone.hedged,
            reported: gone.reported,
            note: gone.note,
          });
          await reload();
        },
        redo: async () => {
          await api.claims.unlink({ id: gone.id });
          await reload();
        },
      });
    });

  return (
    <section className="gl-editor-section" aria-label="Claim">
      <h3>Claim</h3>
      {claims.map((c) => (
        <div key={c.id} className="gl-claim-card" aria-label={`Claim on ${c.propositionText}`} role="group">
          <div className="gl-claim-prop">{c.propositionText}</div>
          <div className="gl-row">
            <label className="gl-field-inline">
              Stance
              <select className={`gl-stance gl-stance-${c.stance}`} value={c.stance} onChange={(e) => void update(c, { stance: e.target.value }, `stance ${e.target.value}`)}>
                {(stances.values.includes(c.stance) ? stances.values : [...stances.values, c.stance]).map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label className="gl-field-inline">
              <input type="checkbox" checked={c.hedged} onChange={(e) => void update(c, { hedged: e.target.checked }, 'hedged')} /> hedged
            </label>
            <label className="gl-field-inline">
              <input type="checkbox" checked={c.reported} onChange={(e) => void update(c, { reported: e.target.checked }, 'reported')} /> reported
            </label>
          </div>
          <div className="gl-row">
            <label className="gl-field-inline gl-grow">
              Said by
              <input
                type="text"
                placeholder={c.attribution.entityId ? entities.get(c.attribution.entityId)?.name ?? 'an entity' : 'the author'}
                defaultValue={c.attribution.text}
                key={`${c.id}:${c.attribution.text}`}
                onBlur={(e) => e.target.value !== c.attribution.text && void update(c, { attribution: { entityId: c.attribution.entityId, text: e.target.value } }, 'attribution')}
              />
            </label>
          </div>
          <Combobox
            label="Attribute to entity"
            placeholder={c.attribution.entityId ? `Said by ${entities.get(c.attribution.entityId)?.name ?? 'entity'} — change…` : 'Attribute to an entity…'}
            search={async (q) => (await api.entities.search({ query: q, limit: 8 })).map((h) => ({ id: h.entity.entity.id, label: h.entity.entity.name, detail: h.entity.entity.type }))}
            onPick={(o) => void update(c, { attribution: { entityId: o.id, text: c.attribution.text } }, `attribute to ${o.label}`)}
          />
          <label className="gl-field">
            Claim note
            <input type="text" defaultValue={c.note} key={`${c.id}:note:${c.note}`} onBlur={(e) => e.target.value !== c.note && void update(c, { note: e.target.value }, 'claim note')} />
          </label>
          <button type="button" className="gl-link-button" onClick={() => void unlink(c)}>
            Unlink from this proposition
          </button>
        </div>
      ))}
      <Combobox
        label="Link to proposition"
        placeholder={claims.length ? 'Also bears on… (search or type a new proposition)' : 'Which proposition? Search or type a new one…'}
        search={async (q) =>
          (await api.propositions.search({ query: q, limit: 8 }))
            .filter((h) => !claims.some((c) => c.propositionId === h.proposition.id))
            .map((h) => ({ id: h.proposition.id, label: h.proposition.text, detail: `${h.claimCount} claims in ${h.documentCount} documents` }))
        }
        onPick={(o) => void link({ propositionId: o.id })}
        onCreate={(text) => void link({ propositionText: text })}
      />
    </section>
  );
}
