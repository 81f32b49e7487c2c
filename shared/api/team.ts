import { z } from 'zod';
import { AgreementReportSchema } from '../model/agreement.ts';
import { AnnotationSchema } from '../model/annotation.ts';
import { ClaimLinkSchema } from '../model/proposition.ts';

/** An annotator's status on a document; `not_started` is the default. */
export const DocumentStatusValueSchema = z.enum(['not_started', 'in_progress', 'done']);
export type DocumentStatusValue = z.infer<typeof DocumentStatusValueSchema>;

export const DocumentStatusSchema = z.object({ documentId: z.string(), annotator: z.string(), status: DocumentStatusValueSchema });
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

export const TeamInfoSchema = z.object({
  /** Who new annotations, links and stances are recorded under. */
  annotator: z.string(),
  /** False until the user has chosen a name (the app asks on first run, offering the OS user). */
  chosen: z.boolean(),
  /** Every annotator with annotations in the project, by name, with their counts. */
  annotators: z.array(z.object({ name: z.string(), annotations: z.number().int() })),
});
export type TeamInfo = z.infer<typeof TeamInfoSchema>;

/** One difference between two annotators' layers in a document (UTF-16 offsets). */
export const DisagreementSchema = z.object({
  documentId: z.string(),
  /** missing: only A has it; extra: only B; boundary: same label, different extent; label: same extent, different label; stance: same span, different stance or proposition. */
  kind: z.enum(['missing', 'extra', 'boundary', 'label', 'stance']),
  a: AnnotationSchema.nullable(),
  b: AnnotationSchema.nullable(),
  /** Label names, for lists that do not load the tagset. */
  aLabel: z.string().nullable(),
  bLabel: z.string().nullable(),
  detail: z.string(),
});
export type Disagreement = z.infer<typeof DisagreementSchema>;

const MergeResultSchema = z.object({
  files: z.array(z.string()),
  documents: z.object({ created: z.number(), matched: z.number() }),
  annotations: z.record(z.string(), z.number()),
  counts: z.record(z.string(), z.number()),
  conflicts: z.array(z.string()),
  warnings: z.array(z.string()),
  backup: z.string().nullable(),
});

const Names = z.array(z.string().min(1)).optional();

export const teamMethods = {
  'team.info': { args: z.object({}).strict(), result: TeamInfoSchema },
  /** Saves the annotator's name in the project; new work is recorded under it. */
  'team.setAnnotator': { args: z.object({ name: z.string().min(1).max(100) }).strict(), result: TeamInfoSchema },
  /** Agreement figures (see shared/model/agreement.ts); defaults: all documents, all annotators but `curation`, all labels. */
  'team.agreement': { args: z.object({ documentIds: Names, annotators: Names, labels: Names }).strict(), result: AgreementReportSchema },
  /** Where annotator `b`'s layer differs from `a`'s, document by document in reading order. */
  'team.disagreements': {
    args: z.object({ a: z.string().min(1), b: z.string().min(1), documentIds: Names, labels: Names }).strict(),
    result: z.array(DisagreementSchema),
  },
  'team.statuses': { args: z.object({}).strict(), result: z.array(DocumentStatusSchema) },
  /** Sets the current annotator's status on a document; returns the one it replaced, for undo. */
  'team.setStatus': {
    args: z.object({ documentId: z.string(), status: DocumentStatusValueSchema, annotator: z.string().min(1).optional() }).strict(),
    result: z.object({ previous: DocumentStatusValueSchema }),
  },
  /**
   * Copies annotations (with their claim links and entity link) into the
   * `curation` layer, the gold corpus. One already there with the same label
   * and ranges is not copied again, but gains the claim links it lacks (on
   * propositions it is not linked to yet), so accepting two versions that differ
   * by proposition keeps both. Returns the copies made and the links added
   * (undo: unlink those, then delete the copies).
   */
  'team.curate': {
    args: z.object({ annotationIds: z.array(z.string()).min(1) }).strict(),
    result: z.object({ annotations: z.array(AnnotationSchema), links: z.array(ClaimLinkSchema) }),
  },
  /**
   * Assigns documents to an account (or, with `remove`, takes them back). An
   * annotator with assignments sees only those in the library; one without
   * sees every document. Returns how many assignments changed.
   */
  'team.assign': {
    args: z.object({ documentIds: z.array(z.string()).min(1), to: z.string().min(1).max(100), remove: z.boolean().default(false) }).strict(),
    result: z.object({ changed: z.number().int() }),
  },
  /** Every assignment, by account then document (an annotator sees their own). */
  'team.assignments': { args: z.object({}).strict(), result: z.array(z.object({ documentId: z.string(), user: z.string() })) },
  /** Merges other Gloss projects (sent as base64) into this one; see `gloss merge`. */
  'team.merge': {
    args: z.object({ files: z.array(z.object({ name: z.string().min(1), content: z.string() })).min(1) }).strict(),
    result: MergeResultSchema,
  },
} as const;
