import { z } from 'zod';
import { AnnotationSchema, AttributeValueSchema, TextRangeSchema } from '../model/annotation.ts';

export const annotationMethods = {
  'annotations.list': {
    args: z.object({ documentId: z.string() }).strict(),
    result: z.array(AnnotationSchema),
  },
  'annotations.create': {
    args: z
      .object({
        /** Lets undo restore a deleted annotation under its old id. */
        id: z.string().uuid().optional(),
        documentId: z.string(),
        ranges: z.array(TextRangeSchema).min(1),
        labelId: z.string(),
        attributes: z.record(z.string(), AttributeValueSchema).default({}),
        note: z.string().default(''),
        annotator: z.string().optional(),
      })
      .strict(),
    result: AnnotationSchema,
  },
  'annotations.update': {
    args: z
      .object({
        id: z.string(),
        labelId: z.string().optional(),
        attributes: z.record(z.string(), AttributeValueSchema).optional(),
        note: z.string().optional(),
        ranges: z.array(TextRangeSchema).min(1).optional(),
      })
      .strict(),
    result: AnnotationSchema,
  },
  'annotations.delete': {
    args: z.object({ id: z.string() }).strict(),
    result: AnnotationSchema,
  },
} as const;
