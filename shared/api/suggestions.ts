import { z } from 'zod';
import { AnnotationSchema, AttributeValueSchema } from '../model/annotation.ts';

/** What a suggestion proposes: an entity mention or a claim sentence. */
export const SuggestionKindSchema = z.enum(['entity', 'claim']);
export type SuggestionKind = z.infer<typeof SuggestionKindSchema>;

/**
 * Which local engine proposed a suggestion: the compromise NLP library
 * (people, places, organisations), Gloss's own rules for people after a
 * title ("Secretary of State Marco Rubio"), money, percentages and dates,
 * or the claim rules (reporting verbs and quotations).
 */
export const SuggestionSourceSchema = z.enum(['compromise', 'person-rules', 'place-rules', 'money-rules', 'percent-rules', 'date-rules', 'claim-rules', 'imported']);
export type SuggestionSource = z.infer<typeof SuggestionSourceSchema>;

/**
 * A proposed annotation that is not stored until the user accepts it.
 * Offsets are UTF-16 code units into the document's text; `quote` equals
 * `text.slice(start, end)`.
 */
export const SuggestionSchema = z.object({
  /** Stable for the same document, label and range: a hash of the four. */
  id: z.string(),
  documentId: z.string(),
  kind: SuggestionKindSchema,
  labelId: z.string(),
  labelName: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  source: SuggestionSourceSchema,
  /** Why it was proposed, for a tooltip: "person (compromise)", "reporting verb “said”". */
  reason: z.string(),
  /** Attribute values the annotation gets on accept (e.g. `reported` on a claim). */
  attributes: z.record(z.string(), AttributeValueSchema),
  /**
   * How sure the engine is, in [0, 1]: by source (pattern rules above the
   * statistical tagger above claim rules), raised when the same words recur.
   * A heuristic for sorting and "accept all above", not a probability.
   */
  confidence: z.number().min(0).max(1),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** A suggestion named by its document, label and range (what reject and unreject remember). */
export const SuggestionRangeSchema = z
  .object({
    documentId: z.string(),
    labelId: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .strict()
  .refine((r) => r.end > r.start, { message: 'a range must be non-empty: end > start' });
export type SuggestionRange = z.infer<typeof SuggestionRangeSchema>;

const SuggestionDecisionSchema = z.object({ ok: z.literal(true), suggestionId: z.string() });

export const suggestionMethods = {
  /** Suggestions for a document, by start offset; those rejected or already annotated with the same label are left out. */
  'suggestions.list': {
    args: z.object({ documentId: z.string(), kinds: z.array(SuggestionKindSchema).min(1).optional() }).strict(),
    result: z.array(SuggestionSchema),
  },
  /** Stores a suggestion as a normal annotation (undo: `annotations.delete`). */
  'suggestions.accept': {
    args: z.union([z.object({ documentId: z.string(), suggestionId: z.string() }).strict(), SuggestionRangeSchema]),
    result: AnnotationSchema,
  },
  /** Remembers in the project file that this suggestion is unwanted, so it does not come back. */
  'suggestions.reject': { args: SuggestionRangeSchema, result: SuggestionDecisionSchema },
  /** Forgets a rejection (undo of reject). */
  'suggestions.unreject': { args: SuggestionRangeSchema, result: SuggestionDecisionSchema },
} as const;
