import { createHash } from 'node:crypto';
import { quoteOf, type AnchorOutcome, type AnchorStatus, type Block, type SourceMetadata, type TextRange, type VersionReport, type VersionSource } from '../../../shared/index.ts';
import type { Project } from '../project.ts';
import { nowIso, parseJson } from '../store/json.ts';
import { cachedStatement } from '../store/statements.ts';
import { remapRejections } from './rejections.ts';
import { VersionStore, type AnchorRecord } from './store.ts';

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

/** An annotation of the document as stored, before the new version. */
export interface StoredAnchor {
  id: string;
  labelId: string;
  ranges: TextRange[];
  quote: string;
  prefix: string;
  suffix: string;
  anchor: 'placed' | 'changed' | 'orphaned';
}

/** Where an annotation goes in the new text. */
export interface Placement {
  id: string;
  status: AnchorStatus;
  /** UTF-16 ranges in the new text; null for orphans. */
  ranges: TextRange[] | null;
}

/** Hooks for tests: `beforeCommit` runs after every write, inside the transaction. */
export interface SaveHooks {
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
    const versions = new VersionStore(project.db);
    const anchors = storedAnchors(project, documentId);
    const placements = new Map(place(doc.text, anchors).map((p) => [p.id, p]));
    const now = nowIso();
    let latest = versions.latest(documentId);
    if (latest === 0) {
      versions.insert({
        documentId, version: 1, title: doc.title, text: doc.text, blocks: doc.blocks,
        summary: doc.metadata.sourcePath ? `Imported from ${doc.metadata.sourcePath}` : 'Imported',
        annotator: project.annotator, source: 'import', createdAt: doc.createdAt,
      });
      latest = 1;
    }
    const version = latest + 1;
    versions.insert({ documentId, version, title: next.title, text: next.text, blocks: next.blocks, summary: next.summary, annotator: project.annotator, source: next.source, createdAt: now });
    project.documents.setText(documentId, {
      title: next.title,
      text: next.text,
      blocks: next.blocks,
      metadata: { ...doc.metadata, ...next.metadata },
      contentHash: createHash('sha256').update(next.text).digest('hex'),
    });

    const orphan = cachedStatement(project.db, "UPDATE annotations SET anchor = 'orphaned' WHERE id = ?");
    const move = cachedStatement(
      project.db,
      'UPDATE annotations SET ranges = ?, start_offset = ?, end_offset = ?, quote = ?, prefix = ?, suffix = ?, anchor = ? WHERE id = ?',
    );
    const labels = new Map(project.labels.list().map((l) => [l.id, l.name]));
    const records: AnchorRecord[] = [];
    const outcomes: AnchorOutcome[] = [];
    const counts = { kept: 0, moved: 0, changed: 0, orphaned: 0 };
    for (const a of anchors) {
      const p = placements.get(a.id) ?? { id: a.id, status: 'orphaned' as const, ranges: null };
      const ranges = p.status === 'orphaned' ? null : p.ranges;
      let newQuote: string | null = null;
      if (!ranges) {
        orphan.run(a.id);
      } else {
        const q = quoteOf(next.text, ranges);
        newQuote = q.quote;
        // A changed annotation stays to review until someone has looked at it, whatever later versions do.
        const state = p.status === 'changed' || a.anchor === 'changed' ? 'changed' : 'placed';
        move.run(JSON.stringify(ranges), ranges[0]!.start, ranges[ranges.length - 1]!.end, q.quote, q.prefix, q.suffix, state, a.id);
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
  const rows = cachedStatement(
    project.db,
    'SELECT id, label_id, ranges, quote, prefix, suffix, anchor FROM annotations WHERE document_id = ? ORDER BY start_offset, end_offset DESC, rowid',
  ).all(documentId) as { id: string; label_id: string; ranges: string; quote: string; prefix: string; suffix: string; anchor: StoredAnchor['anchor'] }[];
  return rows.map((r) => ({ id: r.id, labelId: r.label_id, ranges: parseJson<TextRange[]>(r.ranges), quote: r.quote, prefix: r.prefix, suffix: r.suffix, anchor: r.anchor }));
}
