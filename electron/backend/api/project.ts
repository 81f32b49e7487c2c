import { exportJsonl } from '../export/jsonl.ts';
import type { HandlerMap } from './handler.ts';

export const projectHandlers: HandlerMap<'project'> = {
  'project.info': (_args, { project }) => ({ path: project.path, schemaVersion: project.schemaVersion, annotator: project.annotator }),
  'project.export': ({ format, documentIds }, { project }) => {
    switch (format) {
      case 'jsonl':
        return { fileName: 'gloss-export.jsonl', mediaType: 'application/x-ndjson', content: [...exportJsonl(project, documentIds)].join('') };
    }
  },
};
