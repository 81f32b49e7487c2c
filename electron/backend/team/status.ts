import type { DocumentStatus, DocumentStatusValue } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/** Every annotator's status on every document they have one for (not started has no row). */
export function listStatuses(project: Project): DocumentStatus[] {
  const rows = project.db.prepare('SELECT document_id, annotator, status FROM document_status ORDER BY annotator, document_id').all() as { document_id: string; annotator: string; status: DocumentStatusValue }[];
  return rows.map((r) => ({ documentId: r.document_id, annotator: r.annotator, status: r.status }));
}

/** Sets an annotator's status on a document; returns the previous one. */
export function setStatus(project: Project, documentId: string, annotator: string, status: DocumentStatusValue): DocumentStatusValue {
  project.documents.text(documentId); // a clear not_found for an unknown document
  return project.transaction(() => {
    const prev = project.db.prepare('SELECT status FROM document_status WHERE document_id = ? AND annotator = ?').pluck().get(documentId, annotator) as DocumentStatusValue | undefined;
    if (status === 'not_started') project.db.prepare('DELETE FROM document_status WHERE document_id = ? AND annotator = ?').run(documentId, annotator);
    else {
      project.db
        .prepare(
          `INSERT INTO document_status (document_id, annotator, status, modified_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(document_id, annotator) DO UPDATE SET status = excluded.status, modified_at = excluded.modified_at`,
        )
        .run(documentId, annotator, status, new Date().toISOString());
    }
    return prev ?? 'not_started';
  });
}
