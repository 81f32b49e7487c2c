import { useLayoutEffect, useRef, useState } from 'react';
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
type PropositionRef = { propositionId: string } | { propositionText: string };
/** What a claim says about who said it and how: kept when the claim is linked to another proposition. */
type Framing = Pick<ClaimLink, 'attribution' | 'hedged' | 'reported'>;

/**
 * The framing of the last claim unlinked from each annotation in this
 * session, so that unlinking and linking again (to fix a wrong proposition)
 * keeps "Said by", hedged and reported.
 */
const unlinkedFraming = new Map<string, Framing>();

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

  // A chosen proposition waits here until its stance is chosen: no silent default.
  const [pending, setPending] = useState<{ ref: PropositionRef; text: string } | null>(null);
  // A stance chosen ahead (Alt+1…), used when the proposition is picked.
  const [ahead, setAhead] = useState<string | null>(null);
  const stanceStep = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);
  // Set when the stance step closes with focus inside it (a stance chosen, or Escape), so focus
  // goes back to the proposition field instead of being dropped on the page.
  const refocusPicker = useRef(false);
  const leaveStanceStep = () => {
    if (stanceStep.current?.contains(document.activeElement)) refocusPicker.current = true;
    setPending(null);
  };

  const choose = (ref: PropositionRef, text: string) => {
    if (ahead) {
      void link(ref, ahead);
      setAhead(null);
      return;
    }
    setPending({ ref, text });
  };
  // Focus moves to the stance step as it mounts, before the next key arrives: a quick
  // "Enter, 3" must choose the stance, not land in the text behind.
  useLayoutEffect(() => {
    if (pending) stanceStep.current?.querySelector<HTMLElement>('button')?.focus();
    else if (refocusPicker.current) {
      refocusPicker.current = false;
      section.current?.querySelector<HTMLElement>('input[aria-label="Link to proposition"]')?.focus();
    }
  }, [pending]);

  const link = (ref: PropositionRef, stance: string) =>
    run(async () => {
      leaveStanceStep();
      const framing = unlinkedFraming.get(annotation.id) ?? (claims[0] && { attribution: claims[0].attribution, hedged: claims[0].hedged, reported: claims[0].reported });
      await history.record(
        (done: { proposition: { text: string } }) => ({ description: `link claim to “${done.proposition.text.slice(0, 40)}”` }),
        (client) => client.claims.link({ annotationId: annotation.id, ...ref, stance, ...framing }),
      );
    });

  const update = (claim: ClaimLink, changes: ClaimChanges, description: string) =>
    run(async () => {
      await history.record({ description }, (client) => client.claims.update({ id: claim.id, ...changes }));
    });

  const unlink = (claim: ClaimLink) =>
    run(async () => {
      const gone = await history.record({ description: 'unlink claim' }, (client) => client.claims.unlink({ id: claim.id }));
      unlinkedFraming.set(annotation.id, { attribution: gone.attribution, hedged: gone.hedged, reported: gone.reported });
    });

  return (
    <section ref={section} className="gl-editor-section" aria-label="Claim">
      <h2>Claim</h2>
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
      {pending ? (
        <div
          ref={stanceStep}
          className="gl-stance-step"
          role="group"
          aria-label={`Stance toward “${pending.text}”`}
          onKeyDown={(e) => {
            const value = /^[1-9]$/.test(e.key) ? stances.values[Number(e.key) - 1] : undefined;
            if (value) {
              e.preventDefault();
              void link(pending.ref, value);
            } else if (e.key === 'Escape') {
              e.stopPropagation();
              leaveStanceStep();
            }
          }}
        >
          <div className="gl-claim-prop">{pending.text}</div>
          <p className="gl-needs-stance" role="status">
            Needs a stance: press {stances.values.map((v, i) => `${i + 1} ${v}`).join(', ')}.
          </p>
          <div className="gl-row">
            {stances.values.map((v, i) => (
              <button key={v} type="button" className={`gl-stance-badge gl-stance-${v}`} onClick={() => void link(pending.ref, v)}>
                <kbd>{i + 1}</kbd> {v}
              </button>
            ))}
            <button type="button" className="gl-link-button" onClick={leaveStanceStep}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <Combobox
          label="Link to proposition"
          firstFocus={claims.length === 0}
          placeholder={claims.length ? 'Also bears on… (search or type a new proposition)' : 'Which proposition? Search or type a new one…'}
          hint={`Enter links an exact match or creates a new proposition; arrows choose a similar one. Stance: Alt+${stances.values
            .map((v, i) => `${i + 1} ${v}`)
            .join(', Alt+')}${ahead ? ` (chosen: ${ahead})` : ''}.`}
          onExtraKey={(e) => {
            const value = e.altKey && /^Digit[1-9]$/.test(e.code) ? stances.values[Number(e.code.slice(5)) - 1] : undefined;
            if (value) setAhead(value);
            return Boolean(value);
          }}
          search={async (q) =>
            (await api.propositions.search({ query: q, limit: 8 }))
              .filter((h) => !claims.some((c) => c.propositionId === h.proposition.id))
              .map((h) => ({ id: h.proposition.id, label: h.proposition.text, detail: `${h.claimCount} claims in ${h.documentCount} documents` }))
          }
          onPick={(o) => choose({ propositionId: o.id }, o.label)}
          onCreate={(text) => choose({ propositionText: text }, text)}
        />
      )}
    </section>
  );
}
