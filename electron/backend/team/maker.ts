import type { Project } from '../project.ts';

const KEYS = { claim_links: 'id', relations: 'id', annotation_entities: 'annotation_id' } as const;

/**
 * Records the current annotator as the maker of links made through the app
 * (which may be on another annotator's annotation). Links stored without a
 * maker take their annotation's annotator (migration 006's triggers).
 */
export function recordMaker(project: Project, table: keyof typeof KEYS, ids: readonly string[]): void {
  const stmt = project.db.prepare(`UPDATE ${table} SET annotator = ? WHERE ${KEYS[table]} = ?`);
  for (const id of ids) stmt.run(project.annotator, id);
}
