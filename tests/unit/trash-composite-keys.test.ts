// Trashing a document saves what cascades from it by whole foreign keys: a
// composite key (an anchor's document and version) is matched as a whole,
// so another document's anchors with the same version numbers are neither
// saved with it nor in the way when it is restored, on both engines.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let tmp: ReturnType<typeof tempDir>;
let postgres: TestPostgres;
beforeAll(async () => {
  tmp = tempDir();
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  tmp?.cleanup();
});

function gloss(db: string, args: string[]): string {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], { cwd: REPO_ROOT, encoding: 'utf8', input: '', env: { ...process.env, HOME: tmp.dir, GLOSS_ANNOTATOR: '' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe.each([
  ['a project file', () => path.join(tmp.dir, 'anchors.gloss')],
  ['PostgreSQL', () => postgres.createDatabase('anchors')],
] as const)('trash and restore with versions on two documents, on %s', (_engine, target) => {
  it('restores the document with its own anchors and leaves the other document’s alone', async () => {
    const db = target();
    const files = ['alpha', 'beta'].map((name) => {
      const file = path.join(tmp.dir, `${name}-${db.length}.txt`);
      fs.writeFileSync(file, `${name} talks about lithium 🇵🇰 and cobalt.\n`);
      return file;
    });
    const ids = (JSON.parse(gloss(db, ['import', ...files, '--json'])) as { id: string }[]).map((d) => d.id);
    let project = await Project.open(db);
    const label = project.labels.list().find((l) => l.name === 'Location')!;
    for (const id of ids) {
      const text = project.documents.text(id);
      const at = text.indexOf('lithium');
      project.transaction(() => project.annotations.create({ documentId: id, ranges: [{ start: at, end: at + 7 }], labelId: label.id, annotator: 'ana' }, text));
    }
    project.close();
    // Both documents get a version 2, so their anchors share the version number.
    for (const [i, id] of ids.entries()) {
      const next = path.join(tmp.dir, `next-${i}-${db.length}.txt`);
      fs.writeFileSync(next, `Now: ${fs.readFileSync(files[i]!, 'utf8')}`);
      gloss(db, ['update', id, next]);
    }
    project = await Project.open(db);
    try {
      const anchorsOf = (id: string) => project.versions.anchors(id, 2);
      const before = ids.map(anchorsOf);
      expect(before.map((a) => a.length)).toEqual([1, 1]);
      const entry = project.transaction(() => project.trash.trashDocument(ids[0]!));
      expect(anchorsOf(ids[1]!)).toEqual(before[1]);
      const restored = project.transaction(() => project.trash.restore(entry.id));
      expect(restored).toEqual({ documentId: ids[0], dropped: {} });
      expect(ids.map(anchorsOf)).toEqual(before);
    } finally {
      project.close();
    }
  });
});
