import { z } from 'zod';
import { TextRangeSchema } from './annotation.ts';

// The side-by-side comparison of 2 to 4 documents: a proposition × document
// stance matrix, the entities they share, the passages they reuse, and claim
// matching. Every offset is UTF-16 code units into the document's text (the
// renderer's), like annotation ranges.

/** A compared document, in the order the caller gave (the columns). */
export const CompareDocumentSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  /** Length of the text in UTF-16 code units. */
  length: z.number().int(),
});
export type CompareDocument = z.infer<typeof CompareDocumentSchema>;

/**
 * Where a stance falls for the contested test. With the project's stance set,
 * the first value is `positive` and the second `negative` (favor/against by
 * default; agree/disagree for agree/disagree/discuss); any other value is `other`.
 */
export const StancePolaritySchema = z.enum(['positive', 'negative', 'other']);
export type StancePolarity = z.infer<typeof StancePolaritySchema>;

/** The stance values the comparison was read with, and which count as opposite. */
export const CompareStanceSetSchema = z.object({
  values: z.array(z.string()),
  /** The set's first value, or null for an empty set. */
  positive: z.string().nullable(),
  /** The set's second value, or null when the set has fewer than two. */
  negative: z.string().nullable(),
});
export type CompareStanceSet = z.infer<typeof CompareStanceSetSchema>;

/** One claim of a document on a proposition: what a matrix cell shows and scrolls to. */
export const StanceEvidenceSchema = z.object({
  annotationId: z.string(),
  claimLinkId: z.string(),
  stance: z.string(),
  polarity: StancePolaritySchema,
  quote: z.string(),
  ranges: z.array(TextRangeSchema),
  hedged: z.boolean(),
  reported: z.boolean(),
  /** Who makes the claim: an entity id, free text, or neither (the author). */
  attribution: z.object({ entityId: z.string().nullable(), text: z.string() }),
});
export type StanceEvidence = z.infer<typeof StanceEvidenceSchema>;

/** The value of `stance` when a document's claims on one proposition disagree and it sets no overall stance. */
export const MIXED_STANCE = 'mixed';

/** One cell of the matrix: what one document says about one proposition. */
export const StanceCellSchema = z.object({
  /** The document's id. */
  document: z.string(),
  /**
   * The cell's stance: the document-level stance when one is set; otherwise
   * the stance of its claims when they agree, `"mixed"` when they do not;
   * null when the document says nothing about the proposition.
   */
  stance: z.string().nullable(),
  /** The positions the document takes, used for `contested`: its document-level stance, else its claims' stances. */
  polarities: z.array(StancePolaritySchema),
  /** The document-level stance, if any, and its justification. */
  documentStance: z.string().nullable(),
  justification: z.string(),
  /** The distinct stances of its claims, in the project's stance order. */
  claimStances: z.array(z.string()),
  /** The evidence quotes, in reading order (one per claim). */
  quotes: z.array(z.string()),
  /** The claims, in reading order. */
  evidence: z.array(StanceEvidenceSchema),
});
export type StanceCell = z.infer<typeof StanceCellSchema>;

/** One row of the matrix. */
export const ComparePropositionSchema = z.object({
  id: z.string(),
  text: z.string(),
  note: z.string(),
  /** True when one compared document takes the positive stance and another the negative one. */
  contested: z.boolean(),
  /** How many of the compared documents bear on the proposition. */
  documentCount: z.number().int(),
  /** One cell per compared document, in column order (empty cells have `stance: null`). */
  stances: z.array(StanceCellSchema),
});
export type CompareProposition = z.infer<typeof ComparePropositionSchema>;

/** An entity's mentions in one compared document. */
export const EntityDocumentMentionsSchema = z.object({
  document: z.string(),
  count: z.number().int(),
  /** The mention annotations, in reading order. */
  annotationIds: z.array(z.string()),
});
export type EntityDocumentMentions = z.infer<typeof EntityDocumentMentionsSchema>;

/** An entity mentioned in at least one compared document. */
export const CompareEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  externalId: z.string().nullable(),
  /** Mentions across the compared documents. */
  total: z.number().int(),
  /** Only the documents that mention it, in column order. */
  documents: z.array(EntityDocumentMentionsSchema),
});
export type CompareEntity = z.infer<typeof CompareEntitySchema>;

/** Shared entities and those only one document mentions. */
export const CompareEntitiesSchema = z.object({
  /** Mentioned by two or more compared documents; most documents, then most mentions first. */
  shared: z.array(CompareEntitySchema),
  /** Per compared document (column order), the entities no other compared document mentions; most mentions first. */
  unique: z.array(z.object({ document: z.string(), entities: z.array(CompareEntitySchema) })),
});
export type CompareEntities = z.infer<typeof CompareEntitiesSchema>;

/** Where a reused passage occurs in one document. */
export const PassageOccurrenceSchema = z.object({
  document: z.string(),
  /** UTF-16 offsets: from the first to the last word of the passage. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  /** Words in the occurrence. */
  words: z.number().int(),
});
export type PassageOccurrence = z.infer<typeof PassageOccurrenceSchema>;

/**
 * A passage that appears verbatim or nearly so in two or more compared
 * documents (wire copy, a press statement), aligned across them.
 */
export const ReusedPassageSchema = z.object({
  /** Stable within one result: `p1`, `p2`, … in order of the first document's occurrence. */
  id: z.string(),
  /** Token-level similarity in (0, 1] (Dice over aligned words); 1 is verbatim up to case, spacing and punctuation. The lowest over the pairs. */
  similarity: z.number(),
  /** At most one occurrence per document, in column order. */
  occurrences: z.array(PassageOccurrenceSchema).min(2),
});
export type ReusedPassage = z.infer<typeof ReusedPassageSchema>;

/** The whole comparison. */
export const CompareResultSchema = z.object({
  documents: z.array(CompareDocumentSchema),
  stanceSet: CompareStanceSetSchema,
  /** The matrix rows: propositions any compared document bears on; most documents first, then in creation order. */
  propositions: z.array(ComparePropositionSchema),
  entities: CompareEntitiesSchema,
  reusedPassages: z.array(ReusedPassageSchema),
});
export type CompareResult = z.infer<typeof CompareResultSchema>;

/** A passage of another document proposed as making the same claim. */
export const ClaimCandidateSchema = z.object({
  document: z.string(),
  /** UTF-16 offsets of the sentence. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  /**
   * Ranking score in [0, 1]: lexical similarity (damped for sentences of under five content words, such as
   * headings), three quarters of it plus a quarter for the claim's entities the sentence mentions when the claim mentions any.
   */
  score: z.number(),
  /** TF-IDF cosine similarity with the claim, in [0, 1]. */
  lexical: z.number(),
  /** Entities mentioned both in the claim and in this sentence. */
  sharedEntityIds: z.array(z.string()),
  /** Claim annotations already covering part of the sentence, so the UI can link one instead of creating another. */
  annotationIds: z.array(z.string()),
  /** Propositions those annotations are already linked to. */
  propositionIds: z.array(z.string()),
});
export type ClaimCandidate = z.infer<typeof ClaimCandidateSchema>;

export const ClaimMatchSchema = z.object({
  annotationId: z.string(),
  /** The claim's own document (never searched). */
  document: z.string(),
  quote: z.string(),
  /** Propositions the claim is already linked to: the UI offers these first. */
  propositionIds: z.array(z.string()),
  /** Best first; at most `limit` per other document. */
  candidates: z.array(ClaimCandidateSchema),
});
export type ClaimMatch = z.infer<typeof ClaimMatchSchema>;

/** Formats of `compare.export`. */
export const CompareExportFormatSchema = z.enum(['csv', 'html']);
export type CompareExportFormat = z.infer<typeof CompareExportFormatSchema>;
