import { z } from 'zod';

/** A named set of documents (a tag): a document may be in several. */
export const CollectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Its documents' ids, in library order. */
  documentIds: z.array(z.string()),
  createdAt: z.string(),
});
export type Collection = z.infer<typeof CollectionSchema>;

const Name = z.string().trim().min(1, 'a collection needs a name').max(200);

export const collectionMethods = {
  'collections.list': { args: z.object({}).strict(), result: z.array(CollectionSchema) },
  /** Creates a collection; `id` lets undo re-create it under its old id, `documentIds` fills it at once. */
  'collections.create': {
    args: z.object({ id: z.string().uuid().optional(), name: Name, documentIds: z.array(z.string()).default([]) }).strict(),
    result: CollectionSchema,
  },
  'collections.rename': { args: z.object({ id: z.string(), name: Name }).strict(), result: CollectionSchema },
  /** Deletes a collection (its documents stay); returns it for undo. */
  'collections.delete': { args: z.object({ id: z.string() }).strict(), result: CollectionSchema },
  /** Adds documents (already members are left as they are); answers with the ids actually added, for undo. */
  'collections.addDocuments': {
    args: z.object({ id: z.string(), documentIds: z.array(z.string()).min(1) }).strict(),
    result: z.object({ collection: CollectionSchema, added: z.array(z.string()) }),
  },
  /** Removes documents from a collection (not from the project); answers with the ids actually removed. */
  'collections.removeDocuments': {
    args: z.object({ id: z.string(), documentIds: z.array(z.string()).min(1) }).strict(),
    result: z.object({ collection: CollectionSchema, removed: z.array(z.string()) }),
  },
} as const;
