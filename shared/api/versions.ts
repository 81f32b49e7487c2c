import { z } from 'zod';
import { BlockSchema } from '../model/document.ts';
import { TextRangeSchema } from '../model/annotation.ts';
import {
  AnchorStateSchema,
  DocumentVersionSchema,
  DocumentVersionTextSchema,
  ReviewItemSchema,
  VersionDiffSchema,
  VersionReportSchema,
} from '../model/version.ts';
import { ImportFileSchema, ImportFormatSchema } from './documents.ts';

/** A summary line, as the history shows it. */
const SummarySchema = z.string().max(300).optional();

/** An existing document that an imported file may be a new version of. */
export const VersionCandidateSchema = z.object({
  /** The file's name, as sent. */
  file: z.string(),
  documentId: z.string(),
  name: z.string(),
  title: z.string(),
  /** Why it matched: the file's name is the document's name, or its title is the document's title. */
  by: z.enum(['name', 'title']),
});
export type VersionCandidate = z.infer<typeof VersionCandidateSchema>;

export const versionMethods = {
  /** A document's versions, oldest first. A document never updated has one: its text as imported. */
  'versions.list': { args: z.object({ documentId: z.string() }).strict(), result: z.array(DocumentVersionSchema) },
  'versions.get': {
    args: z.object({ documentId: z.string(), version: z.number().int().positive() }).strict(),
    result: DocumentVersionTextSchema,
  },
  /** The diff between any two versions, with the annotations each change touched. */
  'versions.diff': {
    args: z.object({ documentId: z.string(), from: z.number().int().positive(), to: z.number().int().positive() }).strict(),
    result: VersionDiffSchema,
  },
  /**
   * Makes a file's text the document's next version and re-anchors its
   * annotations, all in one transaction. Bad input changes nothing.
   */
  'versions.update': {
    args: z.object({ documentId: z.string(), file: ImportFileSchema, format: ImportFormatSchema.default('auto'), summary: SummarySchema }).strict(),
    result: VersionReportSchema,
  },
  /**
   * Saves text edited in the reader as the next version. The editor has mapped
   * every annotation through its edits: `ranges` null means its text was
   * deleted (orphaned); ranges whose text differs from the quote are recorded
   * as changed. Annotations not listed are re-anchored by the backend.
   */
  'versions.saveEdited': {
    args: z
      .object({
        documentId: z.string(),
        /** The version the edits started from: refused if the document has moved on since. */
        baseVersion: z.number().int().positive().optional(),
        text: z.string(),
        blocks: z.array(BlockSchema).optional(),
        annotations: z.array(z.object({ id: z.string(), ranges: z.array(TextRangeSchema).min(1).nullable() }).strict()),
        summary: SummarySchema,
      })
      .strict(),
    result: VersionReportSchema,
  },
  /** Makes an older version's text current again, as a new version (so it can be undone in turn). */
  'versions.restore': {
    args: z.object({ documentId: z.string(), version: z.number().int().positive(), summary: SummarySchema }).strict(),
    result: VersionReportSchema,
  },
  /** Annotations of a document that need review: changed or orphaned by a version. */
  'versions.review': { args: z.object({ documentId: z.string() }).strict(), result: z.array(ReviewItemSchema) },
  /**
   * Sets how an annotation sits in the text: `placed` marks a changed one as
   * reviewed (or places an orphan again, with `ranges`); returns the state
   * before, so that undo can put it back.
   */
  'versions.setAnchor': {
    args: z.object({ annotationId: z.string(), anchor: AnchorStateSchema, ranges: z.array(TextRangeSchema).min(1).optional() }).strict(),
    result: z.object({ anchor: AnchorStateSchema, ranges: z.array(TextRangeSchema) }),
  },
  /** Documents that files about to be imported may be new versions of: same name or title, different text. */
  'versions.candidates': {
    args: z.object({ files: z.array(ImportFileSchema).min(1), format: ImportFormatSchema.default('auto') }).strict(),
    result: z.array(VersionCandidateSchema),
  },
} as const;
