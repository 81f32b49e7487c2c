import { z } from 'zod';

// The shape of a Label Studio JSON export (a list of tasks), as far as Gloss
// reads it. Everything else a task, annotation or result carries passes
// through untouched and is written back on export.

const Id = z.union([z.number(), z.string()]);

/** One item of an annotation's `result`: a region's label, choices or text, or a relation. */
export const LsResultSchema = z
  .object({
    id: z.string().optional(),
    type: z.string(),
    from_name: z.string().optional(),
    to_name: z.string().optional(),
    value: z.record(z.string(), z.unknown()).optional(),
    from_id: z.string().optional(),
    to_id: z.string().optional(),
    direction: z.string().optional(),
    labels: z.array(z.string()).optional(),
  })
  .passthrough();
export type LsResult = z.infer<typeof LsResultSchema>;

/** Who completed an annotation: a user id, or (in some exports) the user. */
export const LsUserSchema = z.union([Id, z.object({ id: Id.optional(), email: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional(), username: z.string().optional() }).passthrough(), z.null()]);

export const LsAnnotationSchema = z
  .object({
    id: Id.optional(),
    completed_by: LsUserSchema.optional(),
    result: z.array(LsResultSchema).default([]),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  })
  .passthrough();
export type LsAnnotation = z.infer<typeof LsAnnotationSchema>;

export const LsPredictionSchema = z
  .object({
    id: Id.optional(),
    model_version: z.string().nullable().optional(),
    score: z.number().nullable().optional(),
    result: z.array(LsResultSchema),
  })
  .passthrough();
export type LsPrediction = z.infer<typeof LsPredictionSchema>;

export const LsTaskSchema = z
  .object({
    id: Id.optional(),
    data: z.record(z.string(), z.unknown()),
    annotations: z.array(LsAnnotationSchema).optional(),
    // Some exports list predictions by id only: those are kept as they are, and not offered.
    predictions: z.array(z.unknown()).optional(),
  })
  .passthrough();
export type LsTask = z.infer<typeof LsTaskSchema>;

/** A region result's character range, when it has one (code points, as Label Studio counts them). */
export function regionRange(r: LsResult): { start: number; end: number } | undefined {
  const v = r.value;
  return v && typeof v.start === 'number' && typeof v.end === 'number' ? { start: v.start, end: v.end } : undefined;
}

/** The labels a region result gives, under the key its type names (`labels`, `hypertextlabels`…). */
export function regionLabels(r: LsResult): string[] | undefined {
  if (!r.type.toLowerCase().endsWith('labels')) return undefined;
  const v = r.value?.[r.type];
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** A display name for `completed_by`: an email or name when the export has one, else `user N`. */
export function userName(u: z.infer<typeof LsUserSchema> | undefined): string {
  if (u === null || u === undefined) return '';
  if (typeof u === 'number') return `user ${u}`;
  if (typeof u === 'string') return u;
  const full = [u.first_name, u.last_name].filter(Boolean).join(' ');
  return u.email || u.username || full || (u.id !== undefined ? `user ${u.id}` : '');
}
