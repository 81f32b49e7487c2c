import { z } from 'zod';
import { StanceSetSchema } from '../model/proposition.ts';
import { ExportedFileSchema, TagsetImportModeSchema, TagsetSchema } from '../model/tagset.ts';

/** What an import did; warnings name what the target format could not hold. */
export const TagsetImportResultSchema = z.object({
  tagset: TagsetSchema,
  created: z.object({ labels: z.array(z.string()), relationTypes: z.array(z.string()) }),
  updated: z.object({ labels: z.array(z.string()), relationTypes: z.array(z.string()) }),
  removed: z.object({ labels: z.array(z.string()), relationTypes: z.array(z.string()) }),
  warnings: z.array(z.string()),
});
export type TagsetImportResult = z.infer<typeof TagsetImportResultSchema>;

export const TagsetExportSchema = z.object({ files: z.array(ExportedFileSchema), warnings: z.array(z.string()) });
export type TagsetExport = z.infer<typeof TagsetExportSchema>;

export const tagsetMethods = {
  /** Labels, relation types and stance values in one call, for the tagset editor. */
  'tagset.get': { args: z.object({}).strict(), result: TagsetSchema },
  /**
   * Sets the stance values (e.g. favor/against/neutral or agree/disagree/discuss).
   * `rename` maps old values to new ones on existing claims and document
   * stances; removing a value still in use is a conflict. Returns the previous
   * set for undo.
   */
  'tagset.setStanceValues': {
    args: z
      .object({
        values: z.array(z.string().trim().min(1, 'a stance value cannot be empty')).min(1, 'give at least one stance value'),
        defaultValue: z.string().trim().min(1).optional(),
        rename: z.record(z.string(), z.string()).default({}),
      })
      .strict(),
    result: z.object({ stances: StanceSetSchema, previous: StanceSetSchema }),
  },
  /** The tagset as brat `annotation.conf` and `visual.conf`. */
  'tagset.exportBrat': { args: z.object({}).strict(), result: TagsetExportSchema },
  /**
   * Reads a brat `annotation.conf` (and optionally `visual.conf`) into the
   * project's tagset, all or nothing. Labels and relation types are matched by name.
   */
  'tagset.importBrat': {
    args: z
      .object({ annotationConf: z.string(), visualConf: z.string().optional(), mode: TagsetImportModeSchema.default('merge') })
      .strict(),
    result: TagsetImportResultSchema,
  },
  /** The tagset as Gloss tagset JSON (lossless). */
  'tagset.exportJson': { args: z.object({}).strict(), result: TagsetExportSchema },
  /**
   * Reads Gloss tagset JSON, all or nothing. Matched by id, then by name.
   * Undo of an import: `importJson` the earlier `exportJson` with mode `replace`.
   */
  'tagset.importJson': {
    args: z.object({ content: z.string(), mode: TagsetImportModeSchema.default('merge') }).strict(),
    result: TagsetImportResultSchema,
  },
} as const;
