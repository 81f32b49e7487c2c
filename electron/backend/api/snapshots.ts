import { deleteAnnotations, restoreSnapshots, takeSnapshot } from '../research/snapshots.ts';
import type { HandlerMap } from './handler.ts';

export const snapshotHandlers: HandlerMap<'snapshots'> = {
  'snapshots.take': ({ annotationIds }, { project }) => annotationIds.map((id) => takeSnapshot(project, id)),
  'snapshots.deleteAnnotations': ({ annotationIds }, { project }) => deleteAnnotations(project, annotationIds),
  'snapshots.restore': ({ snapshots }, { project }) => restoreSnapshots(project, snapshots),
};
