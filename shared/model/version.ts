import { z } from 'zod';
import { BlockSchema } from './document.ts';
import { TextRangeSchema } from './annotation.ts';

/** How a version came to be: the first import, a newer file, an edit in the reader, or an older version restored. */
export const VersionSourceSchema = z.enum(['import', 'file', 'edit', 'restore']);
export type VersionSource = z.infer<typeof VersionSourceSchema>;

/** One version of a document's text, as its history lists it. */
export const DocumentVersionSchema = z.object({
  documentId: z.string(),
  /** 1 for the text as first imported, then 2, 3… */
  version: z.number().int().positive(),
  title: z.string(),
  /** One line saying what changed. */
  summary: z.string(),
  annotator: z.string(),
  source: VersionSourceSchema,
  createdAt: z.string(),
  /** Length of the text in characters (code points), as the library counts it. */
  length: z.number().int().nonnegative(),
  /** Whether this is the document's current text. */
  current: z.boolean(),
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;

/** A version with its text and blocks, for showing or comparing it. */
export const DocumentVersionTextSchema = DocumentVersionSchema.extend({ text: z.string(), blocks: z.array(BlockSchema) });
export type DocumentVersionText = z.infer<typeof DocumentVersionTextSchema>;

/**
 * What became of an annotation in a new version:
 * `kept` (same text where the diff maps it), `moved` (same text found elsewhere
 * by quote and context), `changed` (its text was edited; needs review),
 * `orphaned` (its text is gone or cannot be placed without guessing).
 */
export const AnchorStatusSchema = z.enum(['kept', 'moved', 'changed', 'orphaned']);
export type AnchorStatus = z.infer<typeof AnchorStatusSchema>;

/** One annotation's outcome in a new version. Offsets are UTF-16 code units into the new text. */
export const AnchorOutcomeSchema = z.object({
  id: z.string(),
  /** The label's name. */
  label: z.string(),
  status: AnchorStatusSchema,
  /** The annotation's text before the new version. */
  quote: z.string(),
  /** The text it covers in the new version; null for orphans. */
  newQuote: z.string().nullable(),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
});
export type AnchorOutcome = z.infer<typeof AnchorOutcomeSchema>;

/** What saving a new version did. */
export const VersionReportSchema = z.object({
  document: z.string(),
  version: z.number().int().positive(),
  counts: z.object({ kept: z.number().int(), moved: z.number().int(), changed: z.number().int(), orphaned: z.number().int() }),
  annotations: z.array(AnchorOutcomeSchema),
});
export type VersionReport = z.infer<typeof VersionReportSchema>;

/** An annotation that needs review after a new version: its text was edited (`changed`) or is gone (`orphaned`). */
export const ReviewItemSchema = z.object({
  annotationId: z.string(),
  labelId: z.string(),
  status: z.enum(['changed', 'orphaned']),
  /** The annotation's text before the version that changed or orphaned it. */
  oldQuote: z.string(),
  /** What it covers now; null for orphans. */
  quote: z.string().nullable(),
  /** UTF-16 ranges in the current text; null for orphans, which are not drawn. */
  ranges: z.array(TextRangeSchema).nullable(),
  /** The version that changed or orphaned it. */
  version: z.number().int().positive(),
  note: z.string(),
  /** How many claim links, relations and entity links it carries (kept whatever its status). */
  links: z.object({ claims: z.number().int(), relations: z.number().int(), entity: z.boolean() }),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

/** A stretch of a diff between two versions; offsets are UTF-16 into the older (`from`) and newer (`to`) text. */
export const DiffSegmentSchema = z.object({
  kind: z.enum(['equal', 'insert', 'delete']),
  text: z.string(),
  fromStart: z.number().int().nonnegative(),
  toStart: z.number().int().nonnegative(),
});
export type DiffSegment = z.infer<typeof DiffSegmentSchema>;

/** An annotation a change touched: its span in either version overlaps what was deleted or inserted. */
export const TouchedAnnotationSchema = z.object({
  id: z.string(),
  labelId: z.string(),
  quote: z.string(),
  /** Its status in the later version when the change was made by one update; null when unknown. */
  status: AnchorStatusSchema.nullable(),
});
export type TouchedAnnotation = z.infer<typeof TouchedAnnotationSchema>;

/** One change (a run of deletions and insertions between equal text) and the annotations it touched. */
export const DiffHunkSchema = z.object({
  fromStart: z.number().int().nonnegative(),
  fromEnd: z.number().int().nonnegative(),
  toStart: z.number().int().nonnegative(),
  toEnd: z.number().int().nonnegative(),
  deleted: z.string(),
  inserted: z.string(),
  annotations: z.array(TouchedAnnotationSchema),
});
export type DiffHunk = z.infer<typeof DiffHunkSchema>;

export const VersionDiffSchema = z.object({
  documentId: z.string(),
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  segments: z.array(DiffSegmentSchema),
  hunks: z.array(DiffHunkSchema),
});
export type VersionDiff = z.infer<typeof VersionDiffSchema>;

/** How an annotation sits in the current text: placed, placed but edited (needs review), or orphaned (not drawn). */
export const AnchorStateSchema = z.enum(['placed', 'changed', 'orphaned']);
export type AnchorState = z.infer<typeof AnchorStateSchema>;
