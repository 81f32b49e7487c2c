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

/** An undo step's id: chosen by the client for each undoable call (a UUID, say). */
export const StepIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an undo step id is 8 to 64 letters, digits, "-" or "_"');

/** One undoable call a client made, as the backend journaled it for undo. */
export const UndoStepSchema = z.object({
  id: StepIdSchema,
  /** The API method. */
  via: z.string().nullable(),
  /** When, in UTC milliseconds since 1970. */
  at: z.number().int(),
  state: z.enum(['done', 'undone']),
  /** The client (tab or window) that made it. */
  client: z.string(),
  /** How many row changes it holds. */
  changes: z.number().int(),
});
export type UndoStep = z.infer<typeof UndoStepSchema>;

/** What an undo or redo changed: the documents (null when project-wide records changed too) and how many rows. */
export const UndoOutcomeSchema = z.object({ changes: z.number().int(), documentIds: z.array(z.string()).nullable() });
export type UndoOutcome = z.infer<typeof UndoOutcomeSchema>;

/** The most steps one undo or redo takes (one user action may be several calls). */
export const UNDO_STEPS_MAX = 10_000;

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
  /**
   * Undoes the caller's own steps (the calls of one user action), newest
   * first, in one transaction. Refused with `conflict`, changing nothing,
   * when a row they changed has been changed since or putting them back
   * would change something else; `forbidden` for another annotator's step.
   */
  'history.undo': {
    args: z.object({ steps: z.array(StepIdSchema).min(1).max(UNDO_STEPS_MAX) }).strict(),
    result: UndoOutcomeSchema,
  },
  /** Does again the caller's undone steps, oldest first, with the same checks. */
  'history.redo': {
    args: z.object({ steps: z.array(StepIdSchema).min(1).max(UNDO_STEPS_MAX) }).strict(),
    result: UndoOutcomeSchema,
  },
  /** The caller's undo steps, newest first; `client` keeps one tab's or window's. */
  'history.steps': {
    args: z.object({ limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(50), client: z.string().min(1).max(200).optional() }).strict(),
    result: z.object({ steps: z.array(UndoStepSchema) }),
  },
} as const;
