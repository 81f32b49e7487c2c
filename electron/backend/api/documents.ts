import { GlossError } from '../../../shared/index.ts';
import { importFiles } from '../interop/import.ts';
import type { HandlerMap } from './handler.ts';

export const documentHandlers: HandlerMap<'documents'> = {
  'documents.list': (_args, { project }) => project.documents.list(),
  'documents.get': ({ id }, { project }) => project.documents.get(id),
  'documents.search': ({ query, limit }, { project }) => project.documents.search(query, limit),
  'documents.import': ({ files, format }, { project }) => {
    const sources = files.map((f) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(f.base64)) throw new GlossError('validation', `${f.name}: file content is not valid base64`);
      return { name: f.name, bytes: new Uint8Array(Buffer.from(f.base64, 'base64')) };
    });
    // Every format, documents and annotated corpora alike; a brat folder arrives as files named "folder/x.txt", "folder/x.ann".
    return importFiles(project, sources, format).then((r) => r.documents);
  },
  'documents.delete': ({ id }, { project }) => {
    project.documents.delete(id);
    return { deleted: id };
  },
};
