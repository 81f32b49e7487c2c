// Gloss's conventions in brat (brat's own vocabulary: spans, attributes,
// normalizations, notes):
// - a span of type Claim is a claim; its attribute Stance (a stance value,
//   any case) is the stance of its first proposition link;
// - `N… Reference T… propositions:ID<TAB>TEXT` links a claim to proposition ID;
//   typed notes on that N hold the rest of the link: `Stance` (when it differs
//   from the span's), `SaidBy` (free-text attribution), `SaidByEntity`
//   (`RESOURCE:ID NAME`, an entity), `Hedged` and `Reported` (`true`) and
//   `LinkNote`;
// - `N… Reference T… RESOURCE:ID<TAB>NAME` with any other resource links the
//   mention to the entity with that external id (`entities:KEY` to a Gloss
//   entity without one);
// - AnnotatorNotes are the notes of spans, relations and events;
// - every id read (T, R, E, A, N, #, entity and proposition keys) is kept and
//   written again; new records get ids after the highest of their kind.

/** Resource names of Gloss's own links in brat normalizations. */
export const PROPOSITIONS_RESOURCE = 'propositions';
export const ENTITIES_RESOURCE = 'entities';
export const STANCE_ATTRIBUTE = 'Stance';
export const NOTE_TYPE = 'AnnotatorNotes';
/** The part under which a normalization's own text is kept when it is not the entity's name or proposition's text (`t:` + text). */
export const TEXT_PART = 'n-text';
/** Stance values when the corpus names none (SemEval-2016 Task 6). */
export const DEFAULT_STANCES = ['favor', 'against', 'neutral'];
/** Note types on a proposition link (N) and the claim link field each holds. */
export const LINK_NOTES = { Stance: 'stance', SaidBy: 'saidBy', SaidByEntity: 'saidByEntity', Hedged: 'hedged', Reported: 'reported', LinkNote: 'note' } as const;
export type LinkNote = keyof typeof LINK_NOTES;

/** Whether a brat type is a claim by its name (a tagset can also say so with a label kind). */
export function isClaimType(type: string): boolean {
  return type.toLowerCase() === 'claim';
}
