import { z } from 'zod';

/** A deleted document, kept with everything that hung on it until restored or emptied. */
export const TrashEntrySchema = z.object({
  id: z.string(),
  documentId: z.string(),
  title: z.string(),
  name: z.string(),
  annotationCount: z.number().int(),
  deletedAt: z.string(),
});
export type TrashEntry = z.infer<typeof TrashEntrySchema>;

export const trashMethods = {
  'trash.list': { args: z.object({}).strict(), result: z.array(TrashEntrySchema) },
  /**
   * Puts a deleted document back with its annotations, entity links, claims,
   * stances, relations and collections, under the same ids. What can no
   * longer be restored (a relation to a document deleted since, a claim on a
   * proposition deleted since) is left out and counted in `dropped`.
   */
  'trash.restore': {
    args: z.object({ id: z.string() }).strict(),
    result: z.object({ documentId: z.string(), dropped: z.record(z.string(), z.number().int()) }),
  },
  /** Deletes trashed documents for good: the one named, or all when none is. */
  'trash.purge': { args: z.object({ id: z.string().optional() }).strict(), result: z.object({ purged: z.number().int() }) },
} as const;
