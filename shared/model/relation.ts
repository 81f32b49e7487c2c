import { z } from 'zod';
import { LabelKindSchema } from './label.ts';

/** A kind of relation between two annotations, e.g. Says or Contradicts. */
export const RelationTypeSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'),
  /** A symmetric relation has no direction: A–B is the same as B–A. */
  symmetric: z.boolean(),
  /** Label kinds allowed at the source; empty allows any. */
  fromKinds: z.array(LabelKindSchema),
  /** Label kinds allowed at the target; empty allows any. */
  toKinds: z.array(LabelKindSchema),
  /** Labels allowed at the source; empty allows any. Both kinds and labels must allow an end. */
  fromLabelIds: z.array(z.string()),
  toLabelIds: z.array(z.string()),
});
export type RelationType = z.infer<typeof RelationTypeSchema>;

/** A typed, directed relation from one annotation to another, possibly in another document. */
export const RelationSchema = z.object({
  id: z.string(),
  typeId: z.string(),
  fromAnnotationId: z.string(),
  toAnnotationId: z.string(),
  /** The documents of the two ends (read-only). */
  fromDocumentId: z.string(),
  toDocumentId: z.string(),
  note: z.string(),
  /** Who made the relation (read-only; by default its from-annotation's annotator). */
  annotator: z.string().optional(),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type Relation = z.infer<typeof RelationSchema>;

/** Relation types every project starts with. */
export const DEFAULT_RELATION_TYPES: readonly Omit<RelationType, 'id'>[] = [
  { name: 'Represents', color: '#4e79a7', symmetric: false, fromKinds: ['entity'], toKinds: ['entity'], fromLabelIds: [], toLabelIds: [] },
  { name: 'Says', color: '#f28e2b', symmetric: false, fromKinds: ['entity'], toKinds: ['claim'], fromLabelIds: [], toLabelIds: [] },
  { name: 'Supports', color: '#59a14f', symmetric: false, fromKinds: [], toKinds: ['claim'], fromLabelIds: [], toLabelIds: [] },
  { name: 'Contradicts', color: '#e15759', symmetric: true, fromKinds: ['claim'], toKinds: ['claim'], fromLabelIds: [], toLabelIds: [] },
];
