import { z } from 'zod';
import { AnnotationSchema } from './annotation.ts';
import { DocumentRefSchema } from './reference.ts';

/**
 * A canonical entity in the project-wide registry: the thing that many
 * mentions (annotations) in many documents refer to.
 */
export const EntitySchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  /** A free type such as "Person" or "Location"; new entities take their first mention's label name. */
  type: z.string(),
  /** Other names the entity goes by; used by search and by propagation. */
  aliases: z.array(z.string()),
  /** An identifier in an external knowledge base, e.g. a Wikidata QID ("Q843"). */
  externalId: z.string().nullable(),
  description: z.string(),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type Entity = z.infer<typeof EntitySchema>;

/** How often an entity is mentioned in one document. */
export const EntityDocumentCountSchema = z.object({ document: DocumentRefSchema, count: z.number().int() });
export type EntityDocumentCount = z.infer<typeof EntityDocumentCountSchema>;

/** An entity with its mention counts, for the entities panel. */
export const EntitySummarySchema = z.object({
  entity: EntitySchema,
  mentionCount: z.number().int(),
  /** Documents that mention the entity, in library order. */
  documents: z.array(EntityDocumentCountSchema),
});
export type EntitySummary = z.infer<typeof EntitySummarySchema>;

/** One mention of an entity: an annotation linked to it, with its document. */
export const EntityMentionSchema = z.object({ annotation: AnnotationSchema, document: DocumentRefSchema });
export type EntityMention = z.infer<typeof EntityMentionSchema>;

/** The link between a mention (annotation) and its entity; `entityId` null means unlinked. */
export const EntityLinkSchema = z.object({ annotationId: z.string(), entityId: z.string().nullable() });
export type EntityLink = z.infer<typeof EntityLinkSchema>;

/** A fuzzy search hit. */
export const EntitySearchHitSchema = z.object({
  entity: EntitySummarySchema,
  /** The name or alias that matched best. */
  matched: z.string(),
  /** Relevance in (0, 1]; 1 is an exact match of the name or an alias. */
  score: z.number(),
});
export type EntitySearchHit = z.infer<typeof EntitySearchHitSchema>;

/**
 * A place where an entity's name or an alias occurs as a whole word and is
 * not yet tagged as that entity: offered for propagation.
 */
export const PropagationCandidateSchema = z.object({
  document: DocumentRefSchema,
  /** UTF-16 offsets into the document's text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The matched text as it appears. */
  text: z.string(),
  /** The name or alias that matched. */
  form: z.string(),
  /** Up to 32 characters of context on each side, for the preview list. */
  prefix: z.string(),
  suffix: z.string(),
  /**
   * An annotation with the target label already covering exactly this range
   * but not linked to any entity: propagating links it instead of creating one.
   */
  annotationId: z.string().nullable(),
});
export type PropagationCandidate = z.infer<typeof PropagationCandidateSchema>;

/** What deleting an entity removed, so that undo can put it back (`entities.restore`). */
export const EntitySnapshotSchema = z.object({
  entity: EntitySchema,
  /** Annotations that were linked to the entity. */
  annotationIds: z.array(z.string()),
  /** Claim links whose attribution was the entity. */
  attributedClaimIds: z.array(z.string()),
});
export type EntitySnapshot = z.infer<typeof EntitySnapshotSchema>;
