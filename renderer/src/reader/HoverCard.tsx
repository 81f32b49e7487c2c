import type { Annotation, ClaimLink, Entity, Label } from '../../../shared/index.ts';

interface Props {
  annotation: Annotation;
  label: Label | undefined;
  entity: Entity | undefined;
  claims: readonly ClaimLink[];
  /** Where the pointer is, in viewport coordinates. */
  at: { left: number; top: number };
}

/** What a highlight is, shown while the pointer rests on it: label, entity, stance and proposition, note. */
export function HoverCard({ annotation, label, entity, claims, at }: Props) {
  return (
    <div className="gl-hover-card" role="tooltip" style={{ left: at.left + 12, top: at.top + 16, ['--hl' as string]: label?.color ?? '#999' }}>
      <span className="gl-chip">{label?.name ?? 'Unknown label'}</span>
      {entity && (
        <span>
          Entity: <strong>{entity.name}</strong>
          {entity.type ? ` · ${entity.type}` : ''}
        </span>
      )}
      {claims.map((c) => (
        <span key={c.id}>
          <span className={`gl-stance-badge gl-stance-${c.stance}`}>{c.stance}</span> {c.propositionText}
          {c.attribution.text ? ` — ${c.attribution.text}` : ''}
        </span>
      ))}
      {annotation.note && <span className="gl-muted">Note: {annotation.note}</span>}
    </div>
  );
}
