import { z } from 'zod';

// The shape of what a Gloss W3C export carries in its collection
// (`gloss:documents`, `gloss:labels`, `gloss:relationTypes`); positions are
// code points. Annotations themselves are checked as they are read.

const Int = z.number().int().nonnegative();

export const GlossDocumentSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    title: z.string().optional(),
    text: z.string(),
    metadata: z.record(z.string(), z.string()).optional(),
    blocks: z.array(z.object({ type: z.enum(['paragraph', 'heading', 'blockquote', 'listItem', 'preformatted']), level: z.number().int().min(1).max(6).optional(), start: Int, end: Int }).passthrough()).optional(),
  })
  .passthrough();

export const GlossLabelSchema = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['entity', 'claim', 'other']).optional(),
    color: z.string().optional(),
    attributes: z.array(z.object({ name: z.string().min(1), type: z.enum(['boolean', 'enum', 'text']), values: z.array(z.string()).optional() }).passthrough()).optional(),
  })
  .passthrough();

export const GlossRelationTypeSchema = z.object({ name: z.string().min(1), color: z.string().optional(), symmetric: z.boolean().optional() }).passthrough();
