import { z } from 'zod';

export const LabelKindSchema = z.enum(['entity', 'claim', 'other']);
export type LabelKind = z.infer<typeof LabelKindSchema>;

/** An attribute a label's annotations may carry. */
export const AttributeDefinitionSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['boolean', 'enum', 'text']),
  values: z.array(z.string()).optional(),
});
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;

export const HotkeySchema = z.string().regex(/^[1-9]$/, 'a hotkey is one digit from 1 to 9');

export const LabelSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  kind: LabelKindSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'),
  hotkey: HotkeySchema.nullable(),
  attributes: z.array(AttributeDefinitionSchema),
});
export type Label = z.infer<typeof LabelSchema>;
