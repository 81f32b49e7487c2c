import { createHash } from 'node:crypto';
import type { ImportFormat, VersionCandidate } from '../../../shared/index.ts';
import { documentName } from '../import/index.ts';
import { formatOfFile, type SourceFile } from '../interop/sources.ts';
import type { Project } from '../project.ts';
import { parseVersionFile } from './update.ts';

/**
 * Documents that files about to be imported may be new versions of: a
 * document with the file's name, or with the title the file's text carries,
 * whose text differs. The app asks before importing such a file whether it
 * is a new version. Files that cannot be read are left to the import itself,
 * which reports them.
 */
export async function versionCandidates(project: Project, files: readonly SourceFile[], format: ImportFormat = 'auto'): Promise<VersionCandidate[]> {
  const docs = project.documents.list();
  if (!docs.length) return [];
  const out: VersionCandidate[] = [];
  for (const f of files) {
    const concrete = format === 'auto' ? formatOfFile(f.name) : format;
    if (!concrete || !['txt', 'md', 'html', 'pdf', 'docx'].includes(concrete)) continue;
    let parsed;
    try {
      parsed = await parseVersionFile(f, concrete);
    } catch {
      continue;
    }
    const hash = createHash('sha256').update(parsed.text).digest('hex');
    const name = documentName(f.name);
    const byName = docs.find((d) => d.name === name);
    const byTitle = parsed.title ? docs.find((d) => d.title === parsed.title) : undefined;
    const hit = byName ?? byTitle;
    if (hit && hit.contentHash !== hash) out.push({ file: f.name, documentId: hit.id, name: hit.name, title: hit.title, by: byName ? 'name' : 'title' });
  }
  return out;
}
