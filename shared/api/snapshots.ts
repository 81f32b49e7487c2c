import { z } from 'zod';
import { AnnotationSchema } from '../model/annotation.ts';
import { AnnotationSnapshotSchema } from '../model/snapshot.ts';

/**
 * Delete and restore annotations with everything attached to them (entity
 * link, claim links, relations). `annotations.delete` drops those links with
 * the annotation; these keep them for undo.
 */
export const snapshotMethods = {
  /** Snapshots of annotations, without changing anything. */
  'snapshots.take': {
    args: z.object({ annotationIds: z.array(z.string()).min(1) }).strict(),
    result: z.array(AnnotationSnapshotSchema),
  },
  /** Deletes annotations and their links in one transaction; returns their snapshots for undo. */
  'snapshots.deleteAnnotations': {
    args: z.object({ annotationIds: z.array(z.string()).min(1) }).strict(),
    result: z.array(AnnotationSnapshotSchema),
  },
  /** Puts deleted annotations back under their ids with their links, all or nothing. */
  'snapshots.restore': {
    args: z.object({ snapshots: z.array(AnnotationSnapshotSchema).min(1) }).strict(),
    result: z.array(AnnotationSchema),
  },
} as const;
