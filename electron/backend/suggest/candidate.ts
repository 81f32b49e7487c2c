import type { SuggestionSource } from '../../../shared/index.ts';

/** The entity types the engine recognises; each maps to a project label by name (see labels.ts). */
export type EntityType = 'person' | 'organization' | 'place' | 'money' | 'percent' | 'date';

/** A half-open range `[start, end)` of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** What the engine found in a text, before it is matched to a project's labels. */
export interface Candidate extends Span {
  type: EntityType | 'claim';
  source: SuggestionSource;
  reason: string;
  /** Claims only: a reporting verb or a quotation attributes the claim to someone. */
  reported?: boolean;
}
