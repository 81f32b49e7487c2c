import { GlossError, type DocumentVersion, type DocumentVersionText } from '../../../shared/index.ts';
import type { Project } from '../project.ts';

/** The document's current version number: 1 until its text first changes. */
export function currentVersion(project: Project, documentId: string): number {
  return project.versions.latest(documentId) || 1;
}

/**
 * A document's versions, oldest first. One never updated has a single
 * version, its text as imported (read from the document: nothing is stored
 * for it until the text first changes).
 */
export function listVersions(project: Project, documentId: string): DocumentVersion[] {
  const doc = project.documents.get(documentId);
  const stored = project.versions.list(documentId);
  if (!stored.length) {
    return [{
      documentId, version: 1, title: doc.title, summary: doc.metadata.sourcePath ? `Imported from ${doc.metadata.sourcePath}` : 'Imported',
      annotator: project.annotator, source: 'import', createdAt: doc.createdAt, length: doc.length, current: true,
    }];
  }
  const latest = stored[stored.length - 1]!.version;
  return stored.map((v) => ({ ...v, current: v.version === latest }));
}

/** One version with its text. */
export function getVersion(project: Project, documentId: string, version: number): DocumentVersionText {
  const doc = project.documents.get(documentId);
  const store = project.versions;
  const latest = store.latest(documentId);
  if (latest === 0 && version === 1) {
    const [v] = listVersions(project, documentId);
    return { ...v!, text: doc.text, blocks: doc.blocks };
  }
  const v = store.get(documentId, version);
  if (!v) throw new GlossError('not_found', `"${doc.title}" has no version ${version} (it has ${Math.max(latest, 1)})`);
  return { ...v, current: version === latest };
}
