import { reanchor } from '../anchoring/index.ts';
import type { Project } from '../project.ts';
import { cachedStatement } from '../store/statements.ts';

/**
 * Moves a document's rejected suggestions to the new text: a rejection whose
 * text is kept or found again stays rejected there; one whose text changed or
 * is gone is dropped (the suggestion, if it comes back, is a new one).
 */
export function remapRejections(project: Project, documentId: string, oldText: string, newText: string): void {
  const rows = cachedStatement(project.db, 'SELECT label_id, start_offset, end_offset, quote, rejected_at FROM suggestion_rejections WHERE document_id = ?').all(documentId) as {
    label_id: string;
    start_offset: number;
    end_offset: number;
    quote: string;
    rejected_at: string;
  }[];
  if (!rows.length) return;
  const results = reanchor(
    oldText,
    newText,
    rows.map((r, i) => ({ id: String(i), ranges: [{ start: r.start_offset, end: r.end_offset }], quote: r.quote, prefix: '', suffix: '' })),
  );
  cachedStatement(project.db, 'DELETE FROM suggestion_rejections WHERE document_id = ?').run(documentId);
  const insert = cachedStatement(
    project.db,
    'INSERT OR IGNORE INTO suggestion_rejections (document_id, label_id, start_offset, end_offset, quote, rejected_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  results.forEach((r, i) => {
    const row = rows[i]!;
    if ((r.status === 'kept' || r.status === 'moved') && r.ranges) insert.run(documentId, row.label_id, r.ranges[0]!.start, r.ranges[0]!.end, row.quote, row.rejected_at);
  });
}
