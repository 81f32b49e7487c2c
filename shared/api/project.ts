import { z } from 'zod';

export const ExportFormatSchema = z.enum(['jsonl']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ProjectInfoSchema = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  annotator: z.string(),
});

export const projectMethods = {
  'project.info': { args: z.object({}).strict(), result: ProjectInfoSchema },
  'project.export': {
    args: z.object({ format: ExportFormatSchema, documentIds: z.array(z.string()).optional() }).strict(),
    result: z.object({ fileName: z.string(), mediaType: z.string(), content: z.string() }),
  },
} as const;
