import { z } from 'zod';

/** What a change did to its row. */
export const ChangeOpSchema = z.enum(['insert', 'update', 'delete']);
export type ChangeOp = z.infer<typeof ChangeOpSchema>;

/** A JSON object of column values, as the row held them (JSON columns stay JSON text). */
const ColumnsSchema = z.record(z.string(), z.unknown());

/**
 * One recorded change (provenance, issue 16): who made it, when, to what,
 * the row's columns before and after, and the API method or CLI command.
 */
export const ChangeEntrySchema = z.object({
  /** Commit order: a larger id is a later change. */
  id: z.number().int(),
  /** When, in UTC milliseconds since 1970. */
  at: z.number().int(),
  /** The annotator the change was made under. */
  actor: z.string(),
  /** The document it belongs to; null for project-wide records (entities, propositions, labels, ...). */
  documentId: z.string().nullable(),
  /** What was changed: `annotation`, `claim_link`, `relation`, `document`, `document_status`, `entity`, ... */
  kind: z.string(),
  /** Its key (composite keys joined with `/`). */
  objectId: z.string(),
  op: ChangeOpSchema,
  /** The whole row for a delete, the changed columns for an update, null for an insert. */
  before: ColumnsSchema.nullable(),
  /** The whole row for an insert, the changed columns for an update, null for a delete. */
  after: ColumnsSchema.nullable(),
  /** The API method (`annotations.create`) or CLI command (`gloss import`), when known. */
  via: z.string().nullable(),
});
export type ChangeEntry = z.infer<typeof ChangeEntrySchema>;

/** The most entries one call returns. */
export const HISTORY_PAGE_MAX = 500;

export const historyMethods = {
  /**
   * A document's changes, newest first. `cursor` (an entry's id, the
   * previous page's `nextCursor`) asks for the entries older than it;
   * `nextCursor` is null when there are none.
   */
  'history.document': {
    args: z
      .object({
        documentId: z.string().min(1),
        limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(100),
        cursor: z.number().int().positive().optional(),
      })
      .strict(),
    result: z.object({ entries: z.array(ChangeEntrySchema), nextCursor: z.number().int().nullable() }),
  },
} as const;
