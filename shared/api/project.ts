import { z } from 'zod';

/** brat is a folder (returned zipped by project.export); qdpx and spacy are binary (returned base64). */
export const ExportFormatSchema = z.enum(['jsonl', 'brat', 'w3c', 'conll', 'csv', 'qdpx', 'html', 'labelstudio', 'spacy', 'hf']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ProjectInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  annotator: z.string(),
});

/** How the reader behaves, per project (stored in the project file). */
export const ReaderSettingsSchema = z.object({
  /** A drag selects whole words (Ctrl or Cmd at release selects characters). */
  snapToWords: z.boolean().default(true),
  /** Relations drawn as arrows between their spans in the text. */
  showRelationArcs: z.boolean().default(false),
});
export type ReaderSettings = z.infer<typeof ReaderSettingsSchema>;

export const projectMethods = {
  /** The reader settings, defaults filled in. */
  'project.readerSettings': { args: z.object({}).strict(), result: ReaderSettingsSchema },
  /** Changes reader settings; returns the previous ones, for undo. */
  'project.setReaderSettings': {
    args: z.object({ snapToWords: z.boolean().optional(), showRelationArcs: z.boolean().optional() }).strict(),
    result: z.object({ settings: ReaderSettingsSchema, previous: ReaderSettingsSchema }),
  },
  'project.info': { args: z.object({}).strict(), result: ProjectInfoSchema },
  'project.export': {
    args: z.object({ format: ExportFormatSchema, documentIds: z.array(z.string()).optional(), labels: z.array(z.string()).optional(), annotator: z.string().min(1).optional() }).strict(),
    result: z.object({
      fileName: z.string(),
      mediaType: z.string(),
      content: z.string(),
      /** Set when `content` is base64: binary formats (qdpx) and folder formats, zipped (brat). */
      base64: z.boolean().optional(),
      /** What the format could not hold, e.g. relations across documents in brat. */
      warnings: z.array(z.string()).optional(),
    }),
  },
} as const;
