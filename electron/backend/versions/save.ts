import { createHash } from 'node:crypto';
import { quoteOf, type AnchorOutcome, type AnchorStatus, type Block, type SourceMetadata, type TextRange, type VersionReport, type VersionSource } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { nowIso } from '../store/json.ts';
import type { StoredAnchor } from '../store/anchors.ts';
import { remapRejections } from './rejections.ts';
import type { AnchorRecord } from '../store/versions.ts';

/** The next version's text and what describes it. */
export interface NextVersion {
  text: string;
  blocks: Block[];
  /** The title the new text carries: the document's title from now on. */
  title: string;
  /** Merged over the document's metadata. */
  metadata?: SourceMetadata;
  summary: string;
  source: VersionSource;
}

export type { StoredAnchor } from '../store/anchors.ts';

/** Where an annotation goes in the new text. */
export interface Placement {
  id: string;
  status: AnchorStatus;
  /** UTF-16 ranges in the new text; null for orphans. */
  ranges: TextRange[] | null;
}

/** Who saves (default: the project's annotator), and for tests `beforeCommit`, which runs after every write, inside the transaction. */
export interface SaveHooks {
  actor?: string;
  beforeCommit?: () => void;
}

/**
 * Saves a new version of a document in ONE transaction: the version row (and
 * version 1, the text as imported, on a document's first update), the
 * document's text, blocks and hash (the full-text index follows by trigger),
 * every annotation's ranges, quote, context and anchor state, what happened
 * to each, and the suggestion rejections. `place` decides where annotations
 * go; it runs inside the transaction, on the text and annotations as they are
 * then. A failure or a crash before the commit leaves the previous version whole.
 */
export function saveVersion(
  project: Project,
  documentId: string,
  next: NextVersion,
  place: (oldText: string, anchors: StoredAnchor[]) => Placement[],
  hooks: SaveHooks = {},
): VersionReport {
  return project.transaction(() => {
    const doc = project.documents.get(documentId);
    const versions = project.versions;
    const anchors = storedAnchors(project, documentId);
    const placements = new Map(place(doc.text, anchors).map((p) => [p.id, p]));
    const now = nowIso();
    let latest = versions.latest(documentId);
    if (latest === 0) {
      versions.insert({
        documentId, version: 1, title: doc.title, text: doc.text, blocks: doc.blocks,
        summary: doc.metadata.sourcePath ? `Imported from ${doc.metadata.sourcePath}` : 'Imported',
        annotator: hooks.actor ?? project.annotator, source: 'import', createdAt: doc.createdAt,
      });
      latest = 1;
    }
    const version = latest + 1;
    versions.insert({ documentId, version, title: next.title, text: next.text, blocks: next.blocks, summary: next.summary, annotator: hooks.actor ?? project.annotator, source: next.source, createdAt: now });
    project.documents.setText(documentId, {
      title: next.title,
      text: next.text,
      blocks: next.blocks,
      metadata: { ...doc.metadata, ...next.metadata },
      contentHash: createHash('sha256').update(next.text).digest('hex'),
    });

    const labels = new Map(project.labels.list().map((l) => [l.id, l.name]));
    const records: AnchorRecord[] = [];
    const outcomes: AnchorOutcome[] = [];
    const counts = { kept: 0, moved: 0, changed: 0, orphaned: 0 };
    for (const a of anchors) {
      const p = placements.get(a.id) ?? { id: a.id, status: 'orphaned' as const, ranges: null };
      const ranges = p.status === 'orphaned' ? null : p.ranges;
      let newQuote: string | null = null;
      if (!ranges) {
        project.anchors.orphan(a.id);
      } else {
        const q = quoteOf(next.text, ranges);
        newQuote = q.quote;
        // A changed annotation stays to review until someone has looked at it, whatever later versions do.
        const state = p.status === 'changed' || a.anchor === 'changed' ? 'changed' : 'placed';
        project.anchors.move(a.id, { ranges, quote: q.quote, prefix: q.prefix, suffix: q.suffix, state });
      }
      const status = ranges ? p.status : 'orphaned';
      counts[status]++;
      records.push({ annotationId: a.id, status, oldRanges: a.ranges, newRanges: ranges, oldQuote: a.quote, newQuote });
      outcomes.push({
        id: a.id, label: labels.get(a.labelId) ?? a.labelId, status, quote: a.quote, newQuote,
        start: ranges ? ranges[0]!.start : null, end: ranges ? ranges[ranges.length - 1]!.end : null,
      });
    }
    versions.recordAnchors(documentId, version, records);
    remapRejections(project, documentId, doc.text, next.text);
    hooks.beforeCommit?.();
    return { document: documentId, version, counts, annotations: outcomes };
  });
}

/** Every annotation of the document, orphans included, in reading order. */
export function storedAnchors(project: Project, documentId: string): StoredAnchor[] {
  return project.anchors.stored(documentId);
}
