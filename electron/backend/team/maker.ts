import type { Project } from '../project.ts';
import type { MakerTable } from '../store/team.ts';

/**
 * Records the call's actor (by default the project's annotator) as the maker of links made through the app
 * (which may be on another annotator's annotation). Links stored without a
 * maker take their annotation's annotator (migration 006's triggers).
 */
export function recordMaker(project: Project, table: MakerTable, ids: readonly string[], actor: string = project.annotator): void {
  project.team.recordMaker(table, ids, actor);
}
