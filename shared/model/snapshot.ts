import { z } from 'zod';
import { AnnotationSchema } from './annotation.ts';
import { ClaimLinkSchema } from './proposition.ts';
import { RelationSchema } from './relation.ts';

/**
 * An annotation with everything attached to it: what deleting it removes and
 * what `snapshots.restore` puts back, so that undo loses nothing.
 */
export const AnnotationSnapshotSchema = z.object({
  annotation: AnnotationSchema,
  entityId: z.string().nullable(),
  claims: z.array(ClaimLinkSchema),
  /** Relations from or to the annotation. */
  relations: z.array(RelationSchema),
});
export type AnnotationSnapshot = z.infer<typeof AnnotationSnapshotSchema>;
