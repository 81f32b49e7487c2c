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

/** A file an import left out (with `skipBad`), and why. */
export const SkippedFileSchema = z.object({ file: z.string(), message: z.string() });
export type SkippedFile = z.infer<typeof SkippedFileSchema>;

/**
 * How a batch meets a bad file. By default it is all or nothing: the first
 * bad file stops it and nothing is stored. With `skipBad` the good files are
 * stored and the bad ones listed; with `dryRun` too, nothing is stored and
 * the answer says what would be (the app asks before importing part of a batch).
 */
export const ImportModeFields = {
  skipBad: z.boolean().default(false),
  dryRun: z.boolean().default(false),
};

/** Editable metadata: '' removes a field. */
export const MetadataChangesSchema = z
  .object({
    outlet: z.string().max(500),
    author: z.string().max(500),
    published: z.string().max(100),
    url: z.string().max(2000),
    language: z.string().max(50),
  })
  .partial()
  .strict();
export type MetadataChanges = z.input<typeof MetadataChangesSchema>;

export const documentMethods = {
  'documents.list': { args: z.object({}).strict(), result: z.array(DocumentSummarySchema) },
  'documents.get': { args: z.object({ id: z.string() }).strict(), result: DocumentSchema },
  'documents.search': {
    args: z.object({ query: z.string(), limit: z.number().int().positive().max(1000).optional() }).strict(),
    result: z.array(SearchHitSchema),
  },
  'documents.import': {
    args: z.object({ files: z.array(ImportFileSchema).min(1), format: ImportFormatSchema.default('auto'), ...ImportModeFields }).strict(),
    result: z.array(DocumentSummarySchema),
  },
  /** Changes a document's title and metadata; returns the summary before and after (for undo). */
  'documents.update': {
    args: z.object({ id: z.string(), title: z.string().trim().min(1, 'a document needs a title').max(1000).optional(), metadata: MetadataChangesSchema.optional() }).strict(),
    result: z.object({ before: DocumentSummarySchema, after: DocumentSummarySchema }),
  },
  /** Moves a document to the trash (`trash.restore` puts it back, with everything attached). */
  'documents.delete': { args: z.object({ id: z.string() }).strict(), result: z.object({ deleted: z.string(), trashId: z.string() }) },
} as const;
