import { z } from 'zod';

/** A half-open range `[start, end)` of UTF-16 code units into a document's text. */
export const TextRangeSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((r) => r.end > r.start, { message: 'a range must be non-empty: end > start' });
export type TextRange = z.infer<typeof TextRangeSchema>;

export const AttributeValueSchema = z.union([z.string(), z.boolean()]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

export const AnnotationSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  ranges: z.array(TextRangeSchema).min(1),
  /** The covered text; ranges are joined with " … ". */
  quote: z.string(),
  /** Up to 32 characters before the first range, for re-anchoring. */
  prefix: z.string(),
  /** Up to 32 characters after the last range, for re-anchoring. */
  suffix: z.string(),
  labelId: z.string(),
  attributes: z.record(z.string(), AttributeValueSchema),
  note: z.string(),
  annotator: z.string(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  /**
   * Set when a new version of the text edited the annotation's text (`changed`,
   * drawn, needs review) or took it away (`orphaned`, not drawn, listed for
   * review); absent when it sits on its text as placed.
   */
  anchor: z.enum(['changed', 'orphaned']).optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;
