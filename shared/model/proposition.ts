import { z } from 'zod';
import { TextRangeSchema } from './annotation.ts';
import { DocumentRefSchema } from './reference.ts';

/** Stance values a new project starts with, after SemEval-2016 Task 6. */
export const DEFAULT_STANCE_VALUES: readonly string[] = ['favor', 'against', 'neutral'];
/** The stance a new claim takes unless told otherwise. */
export const DEFAULT_STANCE = 'neutral';

/** A stance value: one of the project's stance set (see `tagset.setStanceValues`). */
export const StanceSchema = z.string().trim().min(1, 'a stance cannot be empty');

/** The project's stance values and the default for new claims. */
export const StanceSetSchema = z.object({
  values: z.array(z.string().min(1)).min(1),
  defaultValue: z.string().min(1),
});
export type StanceSet = z.infer<typeof StanceSetSchema>;

/** A canonical statement that claims in many documents bear on. */
export const PropositionSchema = z.object({
  id: z.string(),
  text: z.string().min(1),
  note: z.string(),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type Proposition = z.infer<typeof PropositionSchema>;

/** Who makes a claim: an entity, free text ("a former envoy"), or neither (the author). */
export const ClaimAttributionSchema = z.object({
  entityId: z.string().nullable().default(null),
  text: z.string().default(''),
});
export type ClaimAttribution = z.infer<typeof ClaimAttributionSchema>;

/** A claim annotation's link to one proposition, with its stance toward it. */
export const ClaimLinkSchema = z.object({
  id: z.string(),
  annotationId: z.string(),
  /** The annotation's document (read-only). */
  documentId: z.string(),
  propositionId: z.string(),
  /** The proposition's text (read-only), so lists need no second call. */
  propositionText: z.string(),
  stance: z.string(),
  attribution: z.object({ entityId: z.string().nullable(), text: z.string() }),
  hedged: z.boolean(),
  reported: z.boolean(),
  note: z.string(),
  /** Who made the link (read-only; a link made without one takes its annotation's). */
  annotator: z.string().optional(),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type ClaimLink = z.infer<typeof ClaimLinkSchema>;

/** A document's overall stance toward a proposition, without a claim span. */
export const DocumentStanceSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  propositionId: z.string(),
  /** The proposition's text (read-only). */
  propositionText: z.string(),
  stance: z.string(),
  justification: z.string(),
  /** Who took the stance (read-only). */
  annotator: z.string().optional(),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type DocumentStance = z.infer<typeof DocumentStanceSchema>;

/** Counts per stance value, e.g. `{favor: 2, against: 1}`; values with no claims are left out. */
export const StanceCountsSchema = z.record(z.string(), z.number().int());
export type StanceCounts = z.infer<typeof StanceCountsSchema>;

/** A proposition with how much the corpus says about it. */
export const PropositionSummarySchema = z.object({
  proposition: PropositionSchema,
  claimCount: z.number().int(),
  /** Documents with a claim on it or a document-level stance toward it. */
  documentCount: z.number().int(),
  /** Claim stances, counted. */
  stanceCounts: StanceCountsSchema,
});
export type PropositionSummary = z.infer<typeof PropositionSummarySchema>;

export const PropositionSearchHitSchema = PropositionSummarySchema.extend({ score: z.number() });
export type PropositionSearchHit = z.infer<typeof PropositionSearchHitSchema>;

/** One claim in the overview: the link with the passage it annotates. */
export const OverviewClaimSchema = z.object({
  claim: ClaimLinkSchema,
  quote: z.string(),
  ranges: z.array(TextRangeSchema),
  labelId: z.string(),
});
export type OverviewClaim = z.infer<typeof OverviewClaimSchema>;

/** What one document says about a proposition. */
export const OverviewDocumentSchema = z.object({
  document: DocumentRefSchema,
  documentStance: DocumentStanceSchema.nullable(),
  claims: z.array(OverviewClaimSchema),
  stanceCounts: StanceCountsSchema,
});
export type OverviewDocument = z.infer<typeof OverviewDocumentSchema>;

/** A proposition with every document's claims and stance on it: the propositions panel. */
export const PropositionOverviewSchema = PropositionSummarySchema.extend({
  /** Documents in library order. */
  documents: z.array(OverviewDocumentSchema),
});
export type PropositionOverview = z.infer<typeof PropositionOverviewSchema>;

/** What deleting a proposition removed, so that undo can put it back (`propositions.restore`). */
export const PropositionSnapshotSchema = z.object({
  proposition: PropositionSchema,
  claims: z.array(ClaimLinkSchema),
  documentStances: z.array(DocumentStanceSchema),
});
export type PropositionSnapshot = z.infer<typeof PropositionSnapshotSchema>;
