import { z } from 'zod';
import { TextRangeSchema } from '../model/annotation.ts';
import { LabelKindSchema } from '../model/label.ts';

const OffsetsSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

/** One annotation found by `search.annotations`, with what it was matched on. */
export const AnnotationSearchHitSchema = z.object({
  annotation: z.object({
    id: z.string(),
    documentId: z.string(),
    labelId: z.string(),
    ranges: z.array(TextRangeSchema),
    quote: z.string(),
    note: z.string(),
  }),
  label: z.object({ id: z.string(), name: z.string(), kind: LabelKindSchema, color: z.string() }),
  document: z.object({ id: z.string(), title: z.string(), name: z.string(), outlet: z.string().optional(), published: z.string().optional() }),
  entity: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The propositions its claims link to, with each claim's stance and note. */
  propositions: z.array(z.object({ id: z.string(), text: z.string(), stance: z.string(), note: z.string() })),
  /** Where the query's first word falls in the quote (UTF-16), for highlighting; null when it matched another field. */
  quoteMatch: OffsetsSchema.nullable(),
});
export type AnnotationSearchHit = z.infer<typeof AnnotationSearchHitSchema>;

export const AnnotationSearchResultSchema = z.object({
  /** How many annotations match (hits holds at most `limit`). */
  total: z.number().int(),
  hits: z.array(AnnotationSearchHitSchema),
});
export type AnnotationSearchResult = z.infer<typeof AnnotationSearchResultSchema>;

/**
 * Search beyond document text. The query language is document search's
 * (phrases, OR, NOT/-, prefix*, parentheses), with fields quote:, note:,
 * entity:, proposition: and label:. A malformed query is a `validation`
 * error with a message for the user.
 */
export const searchMethods = {
  /** Annotations whose quote, note, entity or proposition matches; `label` (id or name) limits them, and alone lists them. */
  'search.annotations': {
    args: z
      .object({
        query: z.string().default(''),
        label: z.string().optional(),
        documentIds: z.array(z.string()).optional(),
        limit: z.number().int().positive().max(5000).default(200),
      })
      .strict(),
    result: AnnotationSearchResultSchema,
  },
  /** Where a document search query first matches a document's text (UTF-16 offsets), to scroll the reader there; null when only the title matched. */
  'search.locate': {
    args: z.object({ documentId: z.string(), query: z.string() }).strict(),
    result: OffsetsSchema.nullable(),
  },
} as const;
