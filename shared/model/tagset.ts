import { z } from 'zod';
import { AttributeDefinitionSchema, HotkeySchema, LabelKindSchema, LabelSchema } from './label.ts';
import { RelationTypeSchema, type RelationType } from './relation.ts';
import { StanceSetSchema } from './proposition.ts';

/** The whole annotation scheme of a project: labels, relation types and stance values. */
export const TagsetSchema = z.object({
  labels: z.array(LabelSchema),
  relationTypes: z.array(RelationTypeSchema),
  stances: StanceSetSchema,
});
export type Tagset = z.infer<typeof TagsetSchema>;

/** A label in the portable tagset format: ids are optional, so files can be written by hand. */
export const PortableLabelSchema = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'a label needs a name'),
  /** Left out: "entity" for a new label; an existing label keeps its kind. */
  kind: LabelKindSchema.optional(),
  color: LabelSchema.shape.color.optional(),
  hotkey: HotkeySchema.nullable().default(null),
  attributes: z.array(AttributeDefinitionSchema).default([]),
});
export type PortableLabel = z.infer<typeof PortableLabelSchema>;

/** A relation type in the portable format: allowed labels are named, not referenced by id. */
export const PortableRelationTypeSchema = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'a relation type needs a name'),
  color: RelationTypeSchema.shape.color.optional(),
  symmetric: z.boolean().default(false),
  fromKinds: RelationTypeSchema.shape.fromKinds.default([]),
  toKinds: RelationTypeSchema.shape.toKinds.default([]),
  fromLabels: z.array(z.string()).default([]),
  toLabels: z.array(z.string()).default([]),
});
export type PortableRelationType = z.infer<typeof PortableRelationTypeSchema>;

/** The Gloss tagset JSON format (`*.gloss-tagset.json`). */
export const PortableTagsetSchema = z.object({
  format: z.literal('gloss-tagset').default('gloss-tagset'),
  version: z.literal(1).default(1),
  labels: z.array(PortableLabelSchema).default([]),
  relationTypes: z.array(PortableRelationTypeSchema).default([]),
  stances: StanceSetSchema.optional(),
});
export type PortableTagset = z.infer<typeof PortableTagsetSchema>;

/** A file produced by an export, ready to save or download. */
export const ExportedFileSchema = z.object({ fileName: z.string(), mediaType: z.string(), content: z.string() });
export type ExportedFile = z.infer<typeof ExportedFileSchema>;

/** How an imported tagset meets the project's: `merge` adds and updates; `replace` also removes what the file lacks. */
export const TagsetImportModeSchema = z.enum(['merge', 'replace']);
export type TagsetImportMode = z.infer<typeof TagsetImportModeSchema>;

/** Converts a project tagset to the portable shape (labels named in relation types). */
export function toPortableTagset(t: Tagset): PortableTagset {
  const names = new Map(t.labels.map((l) => [l.id, l.name]));
  const named = (ids: readonly string[]) => ids.flatMap((id) => names.get(id) ?? []);
  return {
    format: 'gloss-tagset',
    version: 1,
    labels: t.labels.map((l) => ({ id: l.id, name: l.name, kind: l.kind, color: l.color, hotkey: l.hotkey, attributes: l.attributes })),
    relationTypes: t.relationTypes.map((r: RelationType) => ({
      id: r.id,
      name: r.name,
      color: r.color,
      symmetric: r.symmetric,
      fromKinds: r.fromKinds,
      toKinds: r.toKinds,
      fromLabels: named(r.fromLabelIds),
      toLabels: named(r.toLabelIds),
    })),
    stances: t.stances,
  };
}
