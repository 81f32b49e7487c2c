import { z } from 'zod';
import {
  ClaimAttributionSchema,
  ClaimLinkSchema,
  DocumentStanceSchema,
  PropositionOverviewSchema,
  PropositionSchema,
  PropositionSearchHitSchema,
  PropositionSnapshotSchema,
  PropositionSummarySchema,
  StanceSchema,
} from '../model/proposition.ts';

const PropositionTextSchema = z.string().trim().min(1, 'a proposition cannot be empty');

/**
 * Names a proposition by id, or by text: an existing proposition with the
 * same text (ignoring case, accents and spacing) is reused, else one is created.
 */
const PropositionRefFields = {
  propositionId: z.string().optional(),
  propositionText: PropositionTextSchema.optional(),
};
const refGiven = (a: { propositionId?: string | undefined; propositionText?: string | undefined }) =>
  (a.propositionId === undefined) !== (a.propositionText === undefined);
const refMessage = { message: 'give propositionId or propositionText (one of them)' };

export const propositionMethods = {
  'propositions.list': { args: z.object({}).strict(), result: z.array(PropositionSummarySchema) },
  'propositions.get': { args: z.object({ id: z.string() }).strict(), result: PropositionSummarySchema },
  /** Fuzzy search over proposition texts, best first; an empty query lists all, newest first. */
  'propositions.search': {
    args: z.object({ query: z.string(), limit: z.number().int().positive().max(1000).default(20) }).strict(),
    result: z.array(PropositionSearchHitSchema),
  },
  /** Creates a proposition; a conflict error names the existing one when the text is already taken. */
  'propositions.create': {
    args: z.object({ id: z.string().uuid().optional(), text: PropositionTextSchema, note: z.string().default('') }).strict(),
    result: PropositionSchema,
  },
  'propositions.update': {
    args: z.object({ id: z.string(), text: PropositionTextSchema.optional(), note: z.string().optional() }).strict(),
    result: PropositionSchema,
  },
  /** Deletes a proposition with its claim links and document stances; returns what undo needs. */
  'propositions.delete': { args: z.object({ id: z.string() }).strict(), result: PropositionSnapshotSchema },
  /** Undoes a delete or a merge: puts the proposition, its claim links and its document stances back. */
  'propositions.restore': { args: z.object({ snapshot: PropositionSnapshotSchema }).strict(), result: PropositionSchema },
  /**
   * Merges propositions that say the same thing: claim links and document
   * stances move to the target (where the target already has one for the same
   * annotation or document, the target's is kept) and the sources are deleted.
   * Undo: `propositions.restore` each snapshot.
   */
  'propositions.merge': {
    args: z.object({ targetId: z.string(), sourceIds: z.array(z.string()).min(1) }).strict(),
    result: z.object({ proposition: PropositionSchema, merged: z.array(PropositionSnapshotSchema) }),
  },
  /** Every proposition (or those named) with each document's claims and stance: the propositions panel. */
  'propositions.overview': {
    args: z.object({ ids: z.array(z.string()).optional() }).strict(),
    result: z.array(PropositionOverviewSchema),
  },
} as const;

export const claimMethods = {
  /**
   * Links a claim annotation to a proposition with a stance (default: the
   * project's default stance). With `propositionText`, creates the proposition
   * in place unless one with that text exists. Undo: `claims.unlink`, then
   * `propositions.delete` when `createdProposition`.
   */
  'claims.link': {
    args: z
      .object({
        /** Lets undo restore an unlinked claim under its old id. */
        id: z.string().uuid().optional(),
        annotationId: z.string(),
        ...PropositionRefFields,
        stance: StanceSchema.optional(),
        attribution: ClaimAttributionSchema.default({ entityId: null, text: '' }),
        hedged: z.boolean().default(false),
        reported: z.boolean().default(false),
        note: z.string().default(''),
      })
      .strict()
      .refine(refGiven, refMessage),
    result: z.object({ claim: ClaimLinkSchema, proposition: PropositionSchema, createdProposition: z.boolean() }),
  },
  'claims.update': {
    args: z
      .object({
        id: z.string(),
        propositionId: z.string().optional(),
        stance: StanceSchema.optional(),
        attribution: ClaimAttributionSchema.optional(),
        hedged: z.boolean().optional(),
        reported: z.boolean().optional(),
        note: z.string().optional(),
      })
      .strict(),
    result: ClaimLinkSchema,
  },
  /** Removes a claim link (the annotation stays); returns it for undo. */
  'claims.unlink': { args: z.object({ id: z.string() }).strict(), result: ClaimLinkSchema },
  'claims.forAnnotation': { args: z.object({ annotationId: z.string() }).strict(), result: z.array(ClaimLinkSchema) },
  /** Every claim link in a document, in reading order. */
  'claims.listByDocument': { args: z.object({ documentId: z.string() }).strict(), result: z.array(ClaimLinkSchema) },
} as const;

export const stanceMethods = {
  /**
   * Sets a document's stance toward a proposition (one per document and
   * proposition). Undo: `stances.setDocument` with `previous`, or
   * `stances.clearDocument` when there was none (and `propositions.delete`
   * when `createdProposition`).
   */
  'stances.setDocument': {
    args: z
      .object({
        id: z.string().uuid().optional(),
        documentId: z.string(),
        ...PropositionRefFields,
        stance: StanceSchema,
        justification: z.string().default(''),
      })
      .strict()
      .refine(refGiven, refMessage),
    result: z.object({
      stance: DocumentStanceSchema,
      previous: DocumentStanceSchema.nullable(),
      createdProposition: z.boolean(),
    }),
  },
  /** Removes a document's stance toward a proposition; returns it for undo. */
  'stances.clearDocument': {
    args: z.object({ documentId: z.string(), propositionId: z.string() }).strict(),
    result: DocumentStanceSchema,
  },
  'stances.listByDocument': { args: z.object({ documentId: z.string() }).strict(), result: z.array(DocumentStanceSchema) },
} as const;
