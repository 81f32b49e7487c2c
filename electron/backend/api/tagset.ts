import { applyTagset, currentPortableTagset, currentTagset } from '../tagset/apply.ts';
import { bratConfToTagset, tagsetToBratConf } from '../interop/brat/tagset.ts';
import { tagsetFromJson, tagsetToJson } from '../tagset/json.ts';
import type { HandlerMap } from './handler.ts';

export const tagsetHandlers: HandlerMap<'tagset'> = {
  'tagset.get': (_args, { project }) => currentTagset(project),
  'tagset.setStanceValues': ({ values, defaultValue, rename }, { project }) => project.claims.setStanceSet(values, defaultValue, rename),
  'tagset.exportBrat': (_args, { project }) => {
    const { annotationConf, visualConf, warnings } = tagsetToBratConf(currentPortableTagset(project));
    return {
      files: [
        { fileName: 'annotation.conf', mediaType: 'text/plain; charset=utf-8', content: annotationConf },
        { fileName: 'visual.conf', mediaType: 'text/plain; charset=utf-8', content: visualConf },
      ],
      warnings,
    };
  },
  'tagset.importBrat': ({ annotationConf, visualConf, mode }, { project }) => {
    const { tagset, warnings } = bratConfToTagset(annotationConf, visualConf);
    return applyTagset(project, tagset, mode, warnings);
  },
  'tagset.exportJson': (_args, { project }) => ({
    files: [{ fileName: 'tagset.gloss-tagset.json', mediaType: 'application/json', content: tagsetToJson(currentPortableTagset(project)) }],
    warnings: [],
  }),
  'tagset.importJson': ({ content, mode }, { project }) => applyTagset(project, tagsetFromJson(content), mode),
};
