import { GlossError, type VersionReport } from '../../../shared/index.ts';
import { reanchor } from '../anchoring/index.ts';
import type { Project } from '../project.ts';
import { currentVersion, getVersion } from './history.ts';
import { saveVersion } from './save.ts';
import { anchorInputs } from './update.ts';

/**
 * Makes an older version's text current again as a new version (history is
 * never rewritten), re-anchoring the annotations as any update does. This is
 * also how the app undoes an update.
 */
export function restoreVersion(project: Project, documentId: string, version: number, summary?: string, actor?: string): VersionReport {
  const old = getVersion(project, documentId, version);
  const current = currentVersion(project, documentId);
  if (version === current) throw new GlossError('conflict', `version ${version} is already the current text; nothing changed`);
  if (old.text === project.documents.text(documentId)) throw new GlossError('conflict', `version ${version} has the same text as the current one; nothing changed`);
  return saveVersion(
    project,
    documentId,
    { text: old.text, blocks: old.blocks, title: old.title, summary: summary?.trim() || `Restored version ${version}`, source: 'restore' },
    (oldText, anchors) => reanchor(oldText, old.text, anchorInputs(anchors)),
    actor === undefined ? {} : { actor },
  );
}
