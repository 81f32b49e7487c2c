// Deleting an annotation that an event names as an argument, or that is in
// an equivalence set, leaves no reference to it behind (a dangling one made
// `gloss merge` and the brat export refuse the project), on a project file
// and on PostgreSQL alike.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { buildRichProject } from '../support/interop-fixture.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let postgres: TestPostgres;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  postgres = await startPostgres();
  tmp = tempDir();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  tmp?.cleanup();
});

describe.each([
  ['a project file', () => path.join(tmp.dir, 'refs.gloss')],
  ['PostgreSQL', () => postgres.createDatabase('refs')],
] as const)('deleting an annotation other records name, on %s', (_engine, target) => {
  it('takes it out of event arguments and equivalences, and the events it triggered out of both', async () => {
    const project = await Project.open(target());
    try {
      const { d1 } = project.transaction(() => buildRichProject(project));
      const [event] = project.standoff.events(d1);
      expect(event!.args.map((a) => a.role)).toEqual(['Place', 'Participant']);
      const [equivalence] = project.standoff.equivalences(d1);
      expect(equivalence!.members).toHaveLength(2);

      // An argument: the event stays, without that argument.
      project.transaction(() => project.annotations.delete(event!.args[0]!.ref));
      expect(project.standoff.events(d1)[0]!.args.map((a) => a.role)).toEqual(['Participant']);

      // A member of a set of two: the set goes (brat's * needs two); its other member stays.
      project.transaction(() => project.annotations.delete(equivalence!.members[1]!));
      expect(project.standoff.equivalences(d1)).toEqual([]);
      expect(project.annotations.listByDocument(d1).some((a) => a.id === equivalence!.members[0])).toBe(true);

      // A second event whose argument is the first: deleting the first event's trigger removes both references.
      const triggerOfFirst = project.standoff.events(d1)[0]!.triggerId;
      const other = project.annotations.listByDocument(d1).find((a) => a.id !== triggerOfFirst && !project.standoff.events(d1).some((e) => e.triggerId === a.id))!;
      const second = project.transaction(() => project.standoff.addEvent({ documentId: d1, type: 'Event', triggerId: other.id, args: [{ role: 'Cause', ref: event!.id }], attributes: {}, note: '' }));
      project.transaction(() => project.annotations.delete(triggerOfFirst));
      const left = project.standoff.events(d1);
      expect(left.map((e) => e.id)).toEqual([second]);
      expect(left[0]!.args).toEqual([]);
    } finally {
      project.close();
    }
  });
});
