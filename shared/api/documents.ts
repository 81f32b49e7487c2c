import { z } from 'zod';
import { DocumentSchema, DocumentSummarySchema } from '../model/document.ts';

/**
 * `auto` decides per file (a folder of .txt/.ann pairs is brat). txt, md, html,
 * pdf and docx are documents; brat, jsonl, w3c and qdpx also carry annotations.
 */
export const ImportFormatSchema = z.enum(['auto', 'txt', 'md', 'html', 'pdf', 'docx', 'brat', 'jsonl', 'w3c', 'qdpx', 'labelstudio']);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** A file sent for import by a client that cannot read paths (the browser). */
export const ImportFileSchema = z.object({
  /** The file's name or relative path, used in messages and as the document name. */
  name: z.string().min(1),
  /** The raw bytes, base64-encoded, so encoding errors are detected by the backend. */
  base64: z.string(),
});
export type ImportFile = z.infer<typeof ImportFileSchema>;

export const SearchHitSchema = z.object({
  document: DocumentSummarySchema,
  /** A snippet of the matching text, with matches wrapped in U+E000 … U+E001. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const documentMethods = {
  'documents.list': { args: z.object({}).strict(), result: z.array(DocumentSummarySchema) },
  'documents.get': { args: z.object({ id: z.string() }).strict(), result: DocumentSchema },
  'documents.search': {
    args: z.object({ query: z.string(), limit: z.number().int().positive().max(1000).optional() }).strict(),
    result: z.array(SearchHitSchema),
  },
  'documents.import': {
    args: z.object({ files: z.array(ImportFileSchema).min(1), format: ImportFormatSchema.default('auto') }).strict(),
    result: z.array(DocumentSummarySchema),
  },
  'documents.delete': { args: z.object({ id: z.string() }).strict(), result: z.object({ deleted: z.string() }) },
} as const;
