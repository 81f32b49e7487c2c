import { z } from 'zod';
import { ClaimMatchSchema, CompareExportFormatSchema, CompareResultSchema } from '../model/compare.ts';
import { ExportedFileSchema } from '../model/tagset.ts';

/** The documents to compare, in column order; duplicates are ignored. */
const DocumentIdsSchema = z.array(z.string()).min(1, 'give at least one document to compare').max(200);

export const compareMethods = {
  /**
   * Compares documents side by side: the proposition × document stance
   * matrix (with `contested` rows), shared and unique entities, and passages
   * reused across documents. Offsets are UTF-16.
   */
  'compare.run': {
    args: z.object({ documentIds: DocumentIdsSchema }).strict(),
    result: CompareResultSchema,
  },
  /**
   * For a claim annotation, proposes the most similar sentences in the other
   * documents (TF-IDF cosine over the compared documents, plus shared linked
   * entities), best first, at most `limit` per document. The claim's own
   * document is not searched.
   */
  'compare.matchClaim': {
    args: z
      .object({ annotationId: z.string(), documentIds: DocumentIdsSchema, limit: z.number().int().positive().max(50).default(3) })
      .strict(),
    result: ClaimMatchSchema,
  },
  /**
   * The comparison as a file: `csv` (one row per claim or document-level
   * stance: proposition, document, stance, quote, code point offsets) or
   * `html` (a self-contained report with inline CSS and print styles, no scripts).
   */
  'compare.export': {
    args: z.object({ documentIds: DocumentIdsSchema, format: CompareExportFormatSchema }).strict(),
    result: ExportedFileSchema,
  },
} as const;
