import type { VersionReport } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { readFilesForImport } from '../library/readFiles.ts';
import type { History } from '../undo/history.ts';

/** One line for a toast: "Version 2: 12 kept, 1 moved, 2 changed, 1 orphaned". */
export function reportLine(r: VersionReport): string {
  const c = r.counts;
  const review = c.changed + c.orphaned;
  return `Version ${r.version}: ${c.kept} kept, ${c.moved} moved, ${c.changed} changed, ${c.orphaned} orphaned${review ? ` — ${review} to review` : ''}.`;
}

/**
 * Makes a file the document's next version (re-anchoring its annotations) and
 * pushes the undo step: undoing restores the previous text as a new version,
 * redoing restores this one (history is never rewritten). Returns the report,
 * or null when the update failed (the message is shown; nothing changed).
 */
export async function importNewVersion(documentId: string, file: File, history: History | undefined, onChanged: () => void): Promise<VersionReport | null> {
  let report: VersionReport;
  try {
    const [payload] = await readFilesForImport([file], () => {});
    report = await api.versions.update({ documentId, file: payload! });
  } catch (err) {
    notify('error', `No new version: ${messageOf(err)}`);
    return null;
  }
  notify('info', reportLine(report));
  history?.pushForward(
    { description: `new version ${report.version}` },
    {
    undo: async () => {
      await api.versions.restore({ documentId, version: report.version - 1, summary: `Undid version ${report.version}` });
      onChanged();
    },
    redo: async () => {
      await api.versions.restore({ documentId, version: report.version, summary: `Redid version ${report.version}` });
      onChanged();
    },
    },
  );
  onChanged();
  return report;
}
