import { z } from 'zod';
import { AnnotationSchema } from '../model/annotation.ts';
import {
  EntityLinkSchema,
  EntityMentionSchema,
  EntitySchema,
  EntitySearchHitSchema,
  EntitySnapshotSchema,
  EntitySummarySchema,
  PropagationCandidateSchema,
} from '../model/entity.ts';

const EntityFieldsSchema = z.object({
  name: z.string().trim().min(1, 'an entity needs a name'),
  type: z.string().trim().default(''),
  aliases: z.array(z.string()).default([]),
  externalId: z.string().trim().nullable().default(null),
  description: z.string().default(''),
});

/** Where to look for propagation candidates. */
export const PropagationScopeSchema = z.enum(['document', 'corpus']);
export type PropagationScope = z.infer<typeof PropagationScopeSchema>;

export const entityMethods = {
  /** Every entity with mention counts per document; with `documentId`, only the entities that document mentions. */
  'entities.list': {
    args: z.object({ documentId: z.string().optional() }).strict(),
    result: z.array(EntitySummarySchema),
  },
  'entities.get': { args: z.object({ id: z.string() }).strict(), result: EntitySummarySchema },
  /**
   * Fuzzy search over names and aliases (case- and diacritic-insensitive;
   * prefixes, words and small typos match), best first. An empty query lists
   * the most mentioned entities.
   */
  'entities.search': {
    args: z.object({ query: z.string(), limit: z.number().int().positive().max(1000).default(20) }).strict(),
    result: z.array(EntitySearchHitSchema),
  },
  /**
   * Creates an entity. With `annotationId`, links that mention to it at once
   * (create in place); the type then defaults to the mention's label name.
   */
  'entities.create': {
    args: EntityFieldsSchema.extend({
      /** Lets undo restore a deleted entity under its old id. */
      id: z.string().uuid().optional(),
      annotationId: z.string().optional(),
    }).strict(),
    result: EntitySchema,
  },
  'entities.update': {
    args: z
      .object({
        id: z.string(),
        name: EntityFieldsSchema.shape.name.optional(),
        type: z.string().trim().optional(),
        aliases: z.array(z.string()).optional(),
        externalId: z.string().trim().nullable().optional(),
        description: z.string().optional(),
      })
      .strict(),
    result: EntitySchema,
  },
  /** Deletes an entity and unlinks its mentions (the annotations stay); returns what undo needs. */
  'entities.delete': { args: z.object({ id: z.string() }).strict(), result: EntitySnapshotSchema },
  /** Undoes a delete or a merge: recreates the entity under its id and relinks its mentions and attributions. */
  'entities.restore': { args: z.object({ snapshot: EntitySnapshotSchema }).strict(), result: EntitySchema },
  /**
   * Merges `sourceIds` into `targetId`: their mentions and attributions move to
   * the target, their names and aliases become its aliases, and they are deleted.
   * Undo: `entities.update` the target back to `previous`, then restore each snapshot.
   */
  'entities.merge': {
    args: z.object({ targetId: z.string(), sourceIds: z.array(z.string()).min(1) }).strict(),
    result: z.object({ entity: EntitySchema, previous: EntitySchema, merged: z.array(EntitySnapshotSchema) }),
  },
  /**
   * Links mentions to entities (`entityId: null` unlinks), all or nothing. A
   * mention has at most one entity. Undo: call again with `previousEntityId`.
   */
  'entities.link': {
    args: z.object({ links: z.array(EntityLinkSchema).min(1) }).strict(),
    result: z.array(EntityLinkSchema.extend({ previousEntityId: z.string().nullable() })),
  },
  /** Which annotations of a document are linked to which entities, and those entities. */
  'entities.linksByDocument': {
    args: z.object({ documentId: z.string() }).strict(),
    result: z.object({ links: z.array(EntityLinkSchema), entities: z.array(EntitySchema) }),
  },
  /** Every mention of an entity across the corpus (or in one document), in reading order. */
  'entities.mentions': {
    args: z.object({ entityId: z.string(), documentId: z.string().optional() }).strict(),
    result: z.array(EntityMentionSchema),
  },
  /**
   * Whole-word occurrences of the entity's name and aliases (case-sensitive
   * unless told otherwise) not yet tagged as the entity, for the preview list.
   * Give `annotationId` (a mention just tagged: its entity, label and
   * document are used) or `entityId`. `labelId` defaults to the mention's
   * label, else the label most of the entity's mentions have.
   */
  'entities.propagationCandidates': {
    args: z
      .object({
        annotationId: z.string().optional(),
        entityId: z.string().optional(),
        labelId: z.string().optional(),
        scope: PropagationScopeSchema.default('document'),
        /** Required for scope `document` unless `annotationId` is given. */
        documentId: z.string().optional(),
        caseSensitive: z.boolean().default(true),
      })
      .strict()
      .refine((a) => a.annotationId !== undefined || a.entityId !== undefined, { message: 'give annotationId or entityId' }),
    result: z.object({ entityId: z.string(), labelId: z.string(), candidates: z.array(PropagationCandidateSchema) }),
  },
  /**
   * Tags the accepted candidates as mentions of the entity, in one transaction:
   * creates annotations with `labelId` (or links the existing `annotationId`).
   * Ranges already tagged as the entity with that label are skipped.
   * Undo: `snapshots.deleteAnnotations` on `created`, `entities.link` back on `linked`.
   */
  'entities.propagate': {
    args: z
      .object({
        entityId: z.string(),
        labelId: z.string(),
        candidates: z
          .array(
            z.object({
              documentId: z.string(),
              start: z.number().int().nonnegative(),
              end: z.number().int().nonnegative(),
              annotationId: z.string().nullable().optional(),
            }),
          )
          .min(1),
      })
      .strict(),
    result: z.object({
      created: z.array(AnnotationSchema),
      linked: z.array(EntityLinkSchema.extend({ previousEntityId: z.string().nullable() })),
      skipped: z.number().int(),
    }),
  },
} as const;
