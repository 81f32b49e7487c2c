import { z } from 'zod';
import { AttributeDefinitionSchema, HotkeySchema, LabelKindSchema, LabelSchema } from '../model/label.ts';

const LabelNameSchema = z.string().trim().min(1, 'a label needs a name');

export const labelMethods = {
  'labels.list': { args: z.object({}).strict(), result: z.array(LabelSchema) },
  'labels.create': {
    args: z
      .object({
        /** Lets undo restore a deleted label under its old id. */
        id: z.string().uuid().optional(),
        name: LabelNameSchema,
        kind: LabelKindSchema,
        color: LabelSchema.shape.color,
        hotkey: HotkeySchema.nullable().default(null),
        attributes: z.array(AttributeDefinitionSchema).default([]),
      })
      .strict(),
    result: LabelSchema,
  },
  /** Changes only the fields given (no defaults: an omitted hotkey or attribute list stays as it is). */
  'labels.update': {
    args: z
      .object({
        id: z.string(),
        name: LabelNameSchema.optional(),
        kind: LabelKindSchema.optional(),
        color: LabelSchema.shape.color.optional(),
        hotkey: HotkeySchema.nullable().optional(),
        attributes: z.array(AttributeDefinitionSchema).optional(),
      })
      .strict(),
    result: LabelSchema,
  },
  'labels.delete': { args: z.object({ id: z.string() }).strict(), result: z.object({ deleted: z.string() }) },
} as const;
