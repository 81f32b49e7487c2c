// A real project file with the critical-minerals corpus imported, and typed
// calls through the backend's dispatcher (the same entry point every
// transport uses).
import path from 'node:path';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import type { Args, DocumentSummary, Method, Result, TextRange } from '../../shared/index.ts';
import { CORPUS_DIR } from './paths.ts';

export interface CorpusProject {
  project: Project;
  file: string;
  dispatch: Dispatch;
  /** Calls a method; throws with the error's kind and message when it fails. */
  call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>>;
  /** The imported corpus documents by name. */
  docs: Record<string, DocumentSummary>;
  /** The UTF-16 range of the first occurrence of `phrase` in a document (fails when absent). */
  rangeOf(documentId: string, phrase: string): TextRange;
  close(): void;
}

/** Opens a new project at `dir/name` and imports the three corpus articles into it. */
export async function openCorpusProject(dir: string, name = 'project.gloss'): Promise<CorpusProject> {
  const file = path.join(dir, name);
  const project = await Project.open(file);
  const imported = await importSources(project, readSources([CORPUS_DIR]));
  const dispatch = createDispatcher(project);
  const call = async <M extends Method>(method: M, args: Args<M>): Promise<Result<M>> => {
    const r = await dispatch(method, args);
    if (!r.ok) throw new Error(`${method}: ${r.error.kind}: ${r.error.message}`);
    return r.result as Result<M>;
  };
  return {
    project,
    file,
    dispatch,
    call,
    docs: Object.fromEntries(imported.map((d) => [d.name, d])),
    rangeOf(documentId, phrase) {
      const start = project.documents.text(documentId).indexOf(phrase);
      if (start < 0) throw new Error(`"${phrase}" is not in document ${documentId}`);
      return { start, end: start + phrase.length };
    },
    close: () => project.close(),
  };
}
