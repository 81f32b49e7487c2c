import { z } from 'zod';

/** brat is a folder (returned zipped by project.export); qdpx and spacy are binary (returned base64). */
export const ExportFormatSchema = z.enum(['jsonl', 'brat', 'w3c', 'conll', 'csv', 'qdpx', 'html', 'labelstudio', 'spacy', 'hf']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ProjectInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  annotator: z.string(),
});

export const projectMethods = {
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
