import { reanchor } from '../anchoring/index.ts';
import type { Project } from '../project.ts';
import type { RejectionRow } from '../store/suggestion-rejections.ts';

/**
 * Moves a document's rejected suggestions to the new text: a rejection whose
 * text is kept or found again stays rejected there; one whose text changed or
 * is gone is dropped (the suggestion, if it comes back, is a new one).
 */
export function remapRejections(project: Project, documentId: string, oldText: string, newText: string): void {
  const rows = project.suggestionRejections.listOf(documentId);
  if (!rows.length) return;
  const results = reanchor(
    oldText,
    newText,
    rows.map((r, i) => ({ id: String(i), ranges: [{ start: r.start, end: r.end }], quote: r.quote, prefix: '', suffix: '' })),
  );
  const kept: RejectionRow[] = [];
  results.forEach((r, i) => {
    const row = rows[i]!;
    if ((r.status === 'kept' || r.status === 'moved') && r.ranges) kept.push({ ...row, start: r.ranges[0]!.start, end: r.ranges[0]!.end });
  });
  project.suggestionRejections.replaceAll(documentId, kept);
}
