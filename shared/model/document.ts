import { z } from 'zod';

/** A structural block of a document: a half-open range `[start, end)` into its text. */
export const BlockSchema = z.object({
  type: z.enum(['paragraph', 'heading', 'blockquote', 'listItem', 'preformatted']),
  level: z.number().int().min(1).max(6).optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Block = z.infer<typeof BlockSchema>;

/** Where a document came from. Every field is optional: plain text files carry none. */
export const SourceMetadataSchema = z.object({
  outlet: z.string().optional(),
  author: z.string().optional(),
  url: z.string().optional(),
  published: z.string().optional(),
  language: z.string().optional(),
  excerpt: z.string().optional(),
  sourcePath: z.string().optional(),
  format: z.string().optional(),
});
export type SourceMetadata = z.infer<typeof SourceMetadataSchema>;

/** A document as listed in the library, without its text. */
export const DocumentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  metadata: SourceMetadataSchema,
  contentHash: z.string(),
  length: z.number().int(),
  annotationCount: z.number().int(),
  createdAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

/** A full document. Annotation offsets index `text` in UTF-16 code units. */
export const DocumentSchema = DocumentSummarySchema.extend({
  text: z.string(),
  blocks: z.array(BlockSchema),
});
export type Document = z.infer<typeof DocumentSchema>;
