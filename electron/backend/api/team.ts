import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GlossError, type TeamInfo } from '../../../shared/index.ts';
import { projectAgreement } from '../agreement/load.ts';
import type { Project } from '../project.ts';
import { curate } from '../team/curate.ts';
import { disagreements } from '../team/disagreements.ts';
import { mergeProjects } from '../team/merge.ts';
import { listStatuses, setStatus } from '../team/status.ts';
import { assignDocuments } from '../team/accounts.ts';
import type { HandlerMap } from './handler.ts';

function info(project: Project, actor: string, signedIn: boolean): TeamInfo {
  return { annotator: actor, chosen: signedIn || project.annotatorChosen, annotators: project.team.annotators() };
}

export const teamHandlers: HandlerMap<'team'> = {
  'team.info': (_args, { project, actor, caller }) => info(project, actor, caller !== undefined),
  'team.setAnnotator': ({ name }, { project, caller }) => {
    project.setAnnotator(name);
    return info(project, project.annotator, caller !== undefined);
  },
  'team.agreement': ({ documentIds, annotators, labels }, { project }) => projectAgreement(project, { documentIds, annotators, labels }),
  'team.disagreements': ({ a, b, documentIds, labels }, { project }) => disagreements(project, a, b, documentIds, labels),
  'team.statuses': (_args, { project }) => listStatuses(project),
  'team.setStatus': ({ documentId, status, annotator }, { project, actor }) => ({ previous: setStatus(project, documentId, annotator ?? actor, status) }),
  'team.assign': ({ documentIds, to, remove }, { project }) => ({ changed: assignDocuments(project, documentIds, to, remove) }),
  'team.assignments': (_args, { project }) => project.users.assignments(),
  'team.curate': ({ annotationIds }, { project }) => curate(project, annotationIds),
  'team.merge': async ({ files }, { project, actor }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloss-merge-upload-'));
    try {
      const paths = files.map((f, i) => {
        const p = path.join(dir, `${i}-${path.basename(f.name)}`);
        fs.writeFileSync(p, Buffer.from(f.content, 'base64'));
        return p;
      });
      // Messages name the files as the user picked them, not the upload copies.
      const rename = (s: string) => paths.reduce((m, p, i) => m.split(p).join(files[i]!.name), s);
      let result;
      try {
        result = await mergeProjects(project, paths, actor);
      } catch (err) {
        if (err instanceof GlossError) throw new GlossError(err.kind, rename(err.message));
        throw err;
      }
      return { ...result, files: files.map((f) => f.name), conflicts: result.conflicts.map(rename), warnings: result.warnings.map(rename) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
