import type { DocumentStatus, DocumentStatusValue } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/** Every annotator's status on every document they have one for (not started has no row). */
export function listStatuses(project: Project): DocumentStatus[] {
  return project.team.statuses();
}

/** Sets an annotator's status on a document; returns the previous one. */
export function setStatus(project: Project, documentId: string, annotator: string, status: DocumentStatusValue): DocumentStatusValue {
  project.documents.text(documentId); // a clear not_found for an unknown document
  return project.transaction(() => {
    const prev = project.team.statusOf(documentId, annotator);
    if (status === 'not_started') project.team.clearStatus(documentId, annotator);
    else project.team.putStatus(documentId, annotator, status, new Date().toISOString());
    return prev ?? 'not_started';
  });
}
