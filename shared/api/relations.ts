import { z } from 'zod';
import { LabelKindSchema } from '../model/label.ts';
import { RelationSchema, RelationTypeSchema } from '../model/relation.ts';

const RelationTypeFieldsSchema = z.object({
  name: z.string().trim().min(1, 'a relation type needs a name'),
  color: RelationTypeSchema.shape.color,
  symmetric: z.boolean().default(false),
  fromKinds: z.array(LabelKindSchema).default([]),
  toKinds: z.array(LabelKindSchema).default([]),
  fromLabelIds: z.array(z.string()).default([]),
  toLabelIds: z.array(z.string()).default([]),
});

export const relationTypeMethods = {
  'relationTypes.list': { args: z.object({}).strict(), result: z.array(RelationTypeSchema) },
  'relationTypes.create': {
    args: RelationTypeFieldsSchema.extend({ id: z.string().uuid().optional() }).strict(),
    result: RelationTypeSchema,
  },
  'relationTypes.update': {
    args: z
      .object({
        id: z.string(),
        name: RelationTypeFieldsSchema.shape.name.optional(),
        color: RelationTypeSchema.shape.color.optional(),
        symmetric: z.boolean().optional(),
        fromKinds: z.array(LabelKindSchema).optional(),
        toKinds: z.array(LabelKindSchema).optional(),
        fromLabelIds: z.array(z.string()).optional(),
        toLabelIds: z.array(z.string()).optional(),
      })
      .strict(),
    result: RelationTypeSchema,
  },
  /** Deletes an unused relation type (a conflict error says how many relations use it); returns it for undo. */
  'relationTypes.delete': { args: z.object({ id: z.string() }).strict(), result: RelationTypeSchema },
} as const;

export const relationMethods = {
  /** Relations with at least one end in the document. */
  'relations.listByDocument': { args: z.object({ documentId: z.string() }).strict(), result: z.array(RelationSchema) },
  /** Relations from or to the annotation. */
  'relations.forAnnotation': { args: z.object({ annotationId: z.string() }).strict(), result: z.array(RelationSchema) },
  /**
   * Relates two annotations (in the same or different documents). Checks that
   * both exist, that the type allows their labels, and that the relation is
   * not already there (in either direction for a symmetric type).
   */
  'relations.create': {
    args: z
      .object({
        id: z.string().uuid().optional(),
        typeId: z.string(),
        fromAnnotationId: z.string(),
        toAnnotationId: z.string(),
        note: z.string().default(''),
      })
      .strict(),
    result: RelationSchema,
  },
  'relations.update': {
    args: z
      .object({
        id: z.string(),
        typeId: z.string().optional(),
        fromAnnotationId: z.string().optional(),
        toAnnotationId: z.string().optional(),
        note: z.string().optional(),
      })
      .strict(),
    result: RelationSchema,
  },
  'relations.delete': { args: z.object({ id: z.string() }).strict(), result: RelationSchema },
} as const;
