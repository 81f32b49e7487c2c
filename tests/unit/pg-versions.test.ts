// Text versions and re-anchoring records on PostgreSQL against the SQLite
// engine: the same versions, moves, orphans and review states give the same
// reads on both, and a repeated version number is refused on both.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/import/index.ts';
import { Project } from '../../electron/backend/project.ts';
import { PgAnchorStore } from '../../electron/backend/store/pg/anchors.ts';
import { PgAnnotationStore } from '../../electron/backend/store/pg/annotations.ts';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { PgVersionStore } from '../../electron/backend/store/pg/versions.ts';
import type { AnchorRecord } from '../../electron/backend/store/versions.ts';
import { quoteOf } from '../../shared/index.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let server: TestPostgres;
let client: pg.Client;
let project: Project;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migratePostgres(client, server.url);
  tmp = tempDir();
  project = await Project.open(path.join(tmp.dir, 'v.gloss'));
  const name = fs.readdirSync(CORPUS_DIR).find((n) => n.endsWith('.txt'))!;
  await importSources(project, [{ name, bytes: fs.readFileSync(path.join(CORPUS_DIR, name)) }]);
  const d = project.documents.get(project.documents.ids()[0]!);
  await new PgDocumentStore(client).insert({ id: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata, contentHash: d.contentHash });
  for (const row of project.db.prepare('SELECT id, name, kind, color, hotkey, attributes, position FROM labels').all() as Record<string, unknown>[]) {
    await client.query('INSERT INTO labels (id, name, kind, color, hotkey, attributes, position) VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(row));
  }
}, 120_000);

afterAll(async () => {
  project?.close();
  tmp?.cleanup();
  await client?.end();
  await server?.stop();
});

describe('versions and anchors on PostgreSQL', () => {
  it('record and read back the same versions, anchors and review states as SQLite', async () => {
    const versions = new PgVersionStore(client);
    const anchors = new PgAnchorStore(client);
    const annotations = new PgAnnotationStore(client);
    const doc = project.documents.get(project.documents.ids()[0]!);
    const label = project.labels.list()[0]!.id;
    const ids: string[] = [];
    // Annotations at increasing places, two sharing a start (the order's tie-breaks matter).
    for (const [i, start] of [40, 10, 10, 90, 200, 150, 60].entries()) {
      const input = { id: crypto.randomUUID(), documentId: doc.id, ranges: [{ start, end: start + 5 + i }], labelId: label, annotator: 'ana' };
      project.annotations.create(input, doc.text);
      await annotations.create(input, doc.text);
      ids.push(input.id);
    }
    const v1 = { documentId: doc.id, version: 1, title: doc.title, text: doc.text, blocks: doc.blocks, summary: 'as imported', annotator: 'ana', source: 'import' as const, createdAt: 't1' };
    const text2 = `Inserted line 🇵🇰.\n${doc.text}`;
    const v2 = { ...v1, version: 2, text: text2, summary: 'a line added', source: 'file' as const, createdAt: 't2' };
    for (const v of [v1, v2]) {
      project.versions.insert(v);
      await versions.insert(v);
    }
    expect(() => project.versions.insert(v2)).toThrow(`document ${doc.id} already has a version 2`);
    await expect(versions.insert(v2)).rejects.toThrow(`document ${doc.id} already has a version 2`);

    const shift = text2.length - doc.text.length;
    const records: AnchorRecord[] = ids.map((id, i) => {
      const old = project.annotations.get(id);
      const status = i === 3 ? 'orphaned' : i === 1 || i === 5 ? 'changed' : 'moved';
      const newRanges = status === 'orphaned' ? null : old.ranges.map((r) => ({ start: r.start + shift, end: r.end + shift }));
      return { annotationId: id, status, oldRanges: old.ranges, newRanges, oldQuote: old.quote, newQuote: newRanges ? quoteOf(text2, newRanges).quote : null };
    });
    project.versions.recordAnchors(doc.id, 2, records);
    await versions.recordAnchors(doc.id, 2, records);
    for (const r of records) {
      if (r.status === 'orphaned') {
        project.anchors.orphan(r.annotationId);
        await anchors.orphan(r.annotationId);
      } else {
        const q = quoteOf(text2, r.newRanges!);
        const move = { ranges: r.newRanges!, quote: q.quote, prefix: q.prefix, suffix: q.suffix, state: r.status === 'changed' ? ('changed' as const) : ('placed' as const) };
        project.anchors.move(r.annotationId, move);
        await anchors.move(r.annotationId, move);
      }
    }
    project.anchors.setState(ids[5]!, 'placed');
    await anchors.setState(ids[5]!, 'placed');

    expect(await versions.list(doc.id)).toEqual(project.versions.list(doc.id));
    expect(await versions.latest(doc.id)).toBe(project.versions.latest(doc.id));
    expect(await versions.latest('none')).toBe(0);
    expect(await versions.get(doc.id, 2)).toEqual(project.versions.get(doc.id, 2));
    expect(await versions.get(doc.id, 9)).toBeUndefined();
    expect(await versions.anchors(doc.id, 2)).toEqual(project.versions.anchors(doc.id, 2));
    for (const id of ids) {
      expect(await versions.lastReviewRecord(id)).toEqual(project.versions.lastReviewRecord(id));
      expect(await anchors.stateOf(id)).toEqual(project.anchors.stateOf(id));
    }
    expect(await anchors.stored(doc.id)).toEqual(project.anchors.stored(doc.id));
    expect(await anchors.reviewRows(doc.id)).toEqual(project.anchors.reviewRows(doc.id));
    expect(await anchors.orphanCount(doc.id)).toBe(project.anchors.orphanCount(doc.id));
    expect(await anchors.orphanIds(doc.id)).toEqual(project.anchors.orphanIds(doc.id));
    expect(await anchors.stateOf('no-such-annotation')).toBeUndefined();
    // The lists that leave orphans out agree too.
    expect((await annotations.listByDocument(doc.id)).map((a) => a.id)).toEqual(project.annotations.listByDocument(doc.id).map((a) => a.id));
  });
});
