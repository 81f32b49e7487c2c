import type { Label } from '../../../shared/index.ts';
import type { EntityType } from './candidate.ts';

/**
 * The label names each entity type goes to, first match wins, compared
 * without regard to case. A type whose label the project lacks is not
 * suggested: percentages appear only once the project has a "Percent"
 * (or "Percentage") label, since Gloss never creates labels on its own.
 */
const LABEL_NAMES: Record<EntityType, readonly string[]> = {
  person: ['Person', 'People', 'PER'],
  organization: ['Organization', 'Organisation', 'ORG'],
  place: ['Location', 'Place', 'GPE', 'LOC'],
  money: ['Money', 'MONEY'],
  percent: ['Percent', 'Percentage', 'PERCENT'],
  date: ['Date', 'DATE'],
};

/** Which of the project's labels each kind of candidate is suggested with. */
export interface LabelMap {
  entity: Partial<Record<EntityType, Label>>;
  /** The project's claim label: of the labels of kind `claim`, the one named "Claim" if any, else the first. */
  claim: Label | undefined;
}

/** Matches entity types and claims to the project's labels by name and kind. */
export function mapLabels(labels: readonly Label[]): LabelMap {
  const byName = new Map(labels.map((l) => [l.name.toLowerCase(), l]));
  const entity: LabelMap['entity'] = {};
  for (const [type, names] of Object.entries(LABEL_NAMES) as [EntityType, readonly string[]][]) {
    const label = names.map((n) => byName.get(n.toLowerCase())).find((l) => l !== undefined);
    if (label) entity[type] = label;
  }
  const claims = labels.filter((l) => l.kind === 'claim');
  return { entity, claim: claims.find((l) => l.name.toLowerCase() === 'claim') ?? claims[0] };
}
