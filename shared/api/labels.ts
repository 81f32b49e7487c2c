import { z } from 'zod';
import { AttributeDefinitionSchema, HotkeySchema, LabelKindSchema, LabelSchema } from '../model/label.ts';

const LabelFieldsSchema = z.object({
  name: z.string().trim().min(1, 'a label needs a name'),
  kind: LabelKindSchema,
  color: LabelSchema.shape.color,
  hotkey: HotkeySchema.nullable().default(null),
  attributes: z.array(AttributeDefinitionSchema).default([]),
});

export const labelMethods = {
  'labels.list': { args: z.object({}).strict(), result: z.array(LabelSchema) },
  'labels.create': { args: LabelFieldsSchema.strict(), result: LabelSchema },
  'labels.update': {
    args: LabelFieldsSchema.partial().extend({ id: z.string() }).strict(),
    result: LabelSchema,
  },
  'labels.delete': { args: z.object({ id: z.string() }).strict(), result: z.object({ deleted: z.string() }) },
} as const;
