import { z } from 'zod';

// The full shape of the JSONL records Gloss reads: its own export (see
// serialize.ts) and doccano's. Offsets are code points; extra fields pass.

const Int = z.number().int();
const Value = z.union([z.string(), z.boolean()]);
const Range = z.object({ start: Int, end: Int });

const Entity = z
  .object({ id: z.string(), name: z.string().optional(), type: z.string().optional(), externalId: z.string().nullable().optional(), aliases: z.array(z.string()).optional(), description: z.string().optional() })
  .passthrough();
const Proposition = z.object({ id: z.string(), text: z.string(), note: z.string().optional() }).passthrough();

const Claim = z
  .object({
    proposition: Proposition,
    stance: z.string().optional(),
    hedged: z.boolean().optional(),
    reported: z.boolean().optional(),
    note: z.string().optional(),
    attribution: z.object({ entity: Entity.nullable().optional(), text: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const Annotation = z
  .object({
    id: z.string().optional(),
    label: z.string().min(1),
    labelKind: z.enum(['entity', 'claim', 'other']).optional(),
    start: Int.optional(),
    end: Int.optional(),
    ranges: z.array(Range).min(1).optional(),
    attributes: z.record(z.string(), Value).optional(),
    note: z.string().optional(),
    annotator: z.string().optional(),
    created: z.string().optional(),
    modified: z.string().optional(),
    entity: Entity.optional(),
    claims: z.array(Claim).optional(),
  })
  .passthrough()
  .refine((a) => a.ranges !== undefined || (a.start !== undefined && a.end !== undefined), { message: 'an annotation needs ranges, or start and end' });

/** One line of Gloss JSONL. */
export const GlossRecordSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    title: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    text: z.string(),
    blocks: z.array(z.object({ type: z.enum(['paragraph', 'heading', 'blockquote', 'listItem', 'preformatted']), level: Int.min(1).max(6).optional(), start: Int, end: Int }).passthrough()).optional(),
    annotations: z.array(Annotation),
    relations: z
      .array(z.object({ id: z.string().optional(), type: z.string().min(1), from: z.string(), to: z.string(), toDocument: z.string().optional(), note: z.string().optional(), fromRole: z.string().optional(), toRole: z.string().optional(), attributes: z.record(z.string(), Value).optional() }).passthrough())
      .optional(),
    events: z.array(z.object({ id: z.string(), type: z.string(), trigger: z.string(), args: z.array(z.object({ role: z.string(), ref: z.string() })).optional(), attributes: z.record(z.string(), Value).optional(), note: z.string().optional() }).passthrough()).optional(),
    equivalences: z.array(z.object({ type: z.string(), members: z.array(z.string()) }).passthrough()).optional(),
    normalizations: z.array(z.object({ target: z.string(), type: z.string(), resource: z.string(), externalId: z.string(), text: z.string().optional() }).passthrough()).optional(),
    notes: z.array(z.object({ target: z.string(), type: z.string(), text: z.string() }).passthrough()).optional(),
    stances: z.array(z.object({ proposition: Proposition, stance: z.string(), justification: z.string().optional() }).passthrough()).optional(),
  })
  .passthrough();

/** One line of doccano JSONL: sequence labelling (`label`) or relation extraction (`entities`, `relations`). */
export const DoccanoRecordSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    text: z.string(),
    label: z.array(z.tuple([Int, Int, z.string()])).optional(),
    labels: z.array(z.tuple([Int, Int, z.string()])).optional(),
    entities: z.array(z.object({ id: z.union([z.string(), z.number()]), label: z.string(), start_offset: Int, end_offset: Int }).passthrough()).optional(),
    relations: z.array(z.object({ id: z.union([z.string(), z.number()]).optional(), from_id: z.union([z.string(), z.number()]), to_id: z.union([z.string(), z.number()]), type: z.string() }).passthrough()).optional(),
  })
  .passthrough()
  .refine((r) => r.label !== undefined || r.labels !== undefined || r.entities !== undefined, { message: 'neither a Gloss record ("annotations") nor doccano JSONL ("label" or "entities")' });
