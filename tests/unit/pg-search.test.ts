// Document search on PostgreSQL against the SQLite engine's FTS5, on the
// same documents: the real articles and brat's corpora in ../shared plus a
// few texts with accents, combining marks, emoji and right-to-left script.
// Every query of the search language (words, phrases, prefixes, OR, NOT,
// title:/text:) must find the same documents on both engines.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/import/index.ts';
import { lineBlocks } from '../../electron/backend/import/blocks.ts';
import { Project } from '../../electron/backend/project.ts';
import { migratePostgres } from '../../electron/backend/store/pg/migrate.ts';
import { PgDocumentStore } from '../../electron/backend/store/pg/documents.ts';
import { searchTokens } from '../../shared/index.ts';
import { CORPUS_DIR, SHARED_DIR } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';

let server: TestPostgres;
let client: pg.Client;
let project: Project;
let tmp: ReturnType<typeof tempDir>;
let pgDocs: PgDocumentStore;

const EXTRA: Record<string, string> = {
  'accents.txt': 'Café society in São Paulo\n\nZürich and Malmö signed a naïve résumé of the accord; the CAFÉ closed.',
  'combining.txt': 'Decomposed letters\n\nThe cafe\u0301 on the corner and the re\u0301sume\u0301 of Jose\u0301.',
  // Longer than PostgreSQL keeps word positions for (16,383): phrases near the end are checked on the text.
  'long.txt': `A long report\n\n${'filler words again and again '.repeat(5000)}zebra crossing near the okapi. The quagga zebra was seen.\n`,
  'emoji-rtl.txt': 'Flags and scripts 🇵🇰\n\nPakistan 🇵🇰 signed; العربية نص قصير and עברית too. 👍🏽 lithium.',
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.txt') ? [path.join(dir, e.name)] : []));
}

beforeAll(async () => {
  server = await startPostgres();
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await migratePostgres(client, server.url);
  pgDocs = new PgDocumentStore(client);

  tmp = tempDir();
  project = await Project.open(path.join(tmp.dir, 'search.gloss'));
  const files = [...walk(CORPUS_DIR), ...walk(path.join(SHARED_DIR, 'interop', 'brat'))];
  const sources = files.map((f) => ({ name: path.relative(SHARED_DIR, f), bytes: fs.readFileSync(f) }));
  for (const [name, text] of Object.entries(EXTRA)) sources.push({ name, bytes: Buffer.from(text, 'utf8') });
  await importSources(project, sources);
  for (const summary of project.documents.list()) {
    const d = project.documents.get(summary.id);
    await pgDocs.insert({ id: d.id, name: d.name, title: d.title, text: d.text, blocks: d.blocks, metadata: d.metadata, contentHash: d.contentHash });
  }
}, 120_000);

afterAll(async () => {
  project?.close();
  tmp?.cleanup();
  await client?.end();
  await server?.stop();
});

/** Queries of every form, made from the documents' own words (deterministically), plus fixed ones. */
function queries(): string[] {
  const out = new Set<string>([
    'cafe', 'CAFÉ', 'sao paulo', '"sao paulo"', 'zurich accord', 'zurich -accord', 'zurich NOT accord', 'resume', 'jose',
    'pakistan', 'pakistan OR lithium', '(pakistan OR lithium) signed', 'title:flags', 'text:flags', 'title:pakistan', 'العربية', 'עברית',
    '"quagga zebra"', '"zebra quagga"', '"zebra crossing"', '"crossing zebra"', 'okapi -"quagga zebra"', 'okapi -"zebra quagga"', '"again filler"', '"filler again"',
    'lith*', 'mine*', 'rare earth', '"rare earth"', 'rare earth minerals', 'critical minerals -pakistan', 'no-such-word-anywhere', 'x',
  ]);
  const docs = project.documents.list().map((s) => project.documents.get(s.id));
  docs.forEach((d, i) => {
    const words = searchTokens(d.text).filter((w) => w.length > 3);
    if (words.length < 10) return;
    const a = words[(i * 7) % words.length]!;
    const b = words[(i * 13 + 5) % words.length]!;
    const k = (i * 11) % (words.length - 1);
    out.add(a);
    out.add(`"${words[k]} ${words[k + 1]}"`);
    out.add(`${a.slice(0, 4)}*`);
    out.add(`${a} OR ${b}`);
    out.add(`${a} -${b}`);
    out.add(`title:${searchTokens(d.title)[0] ?? a}`);
  });
  return [...out];
}

describe('document search on PostgreSQL', () => {
  it('finds the same documents as FTS5 for every form of query', async () => {
    const qs = queries();
    expect(qs.length).toBeGreaterThan(100);
    const differences: string[] = [];
    let nonEmpty = 0;
    for (const q of qs) {
      const expected = project.documents.search(q, 1000).map((h) => h.document.id).sort();
      const actual = (await pgDocs.search(q, 1000)).map((h) => h.document.id).sort();
      if (expected.length) nonEmpty++;
      if (JSON.stringify(expected) !== JSON.stringify(actual)) differences.push(`${q}: FTS5 ${expected.length}, PostgreSQL ${actual.length}`);
    }
    expect(differences).toEqual([]);
    expect(nonEmpty).toBeGreaterThan(qs.length / 2);
  });

  it('folds accents, decomposed letters and case as FTS5 does', async () => {
    const ids = async (q: string) => (await pgDocs.search(q)).map((h) => h.document.name);
    expect(await ids('cafe')).toEqual(expect.arrayContaining(['accents', 'combining']));
    expect(await ids('resume')).toEqual(expect.arrayContaining(['accents', 'combining']));
    expect(await ids('zurich -accord')).toEqual([]);
  });

  it('marks the matched words in the snippet, on the original text', async () => {
    const [hit] = await pgDocs.search('sao paulo');
    expect(hit!.snippet).toContain('\uE000São\uE001 \uE000Paulo\uE001');
    const prefix = (await pgDocs.search('malm*')).find((h) => h.document.name === 'accents');
    expect(prefix!.snippet).toContain('\uE000Malmö\uE001');
  });

  it('ranks a title match above the same word in the text', async () => {
    await pgDocs.insert({ id: 'title-hit', name: 'title-hit', title: 'Quagga report', text: 'Nothing here.', blocks: lineBlocks('Nothing here.'), metadata: { format: 'txt' }, contentHash: createHash('sha256').update('a').digest('hex') });
    await pgDocs.insert({ id: 'text-hit', name: 'text-hit', title: 'Other report', text: 'A quagga was seen.', blocks: lineBlocks('A quagga was seen.'), metadata: { format: 'txt' }, contentHash: createHash('sha256').update('b').digest('hex') });
    expect((await pgDocs.search('quagga')).map((h) => h.document.id).filter((id) => id.endsWith('-hit'))).toEqual(['title-hit', 'text-hit']);
    await client.query("DELETE FROM documents WHERE id IN ('title-hit', 'text-hit')");
  });

  it('lists and reads documents as the SQLite engine does', async () => {
    const strip = <T extends { createdAt: string }>(s: T): T => ({ ...s, createdAt: '' });
    const fromSqlite = project.documents.list().map(strip).sort((a, b) => a.id.localeCompare(b.id));
    const fromPg = (await pgDocs.list()).map(strip).sort((a, b) => a.id.localeCompare(b.id));
    expect(fromPg).toEqual(fromSqlite);
    const one = fromSqlite.find((d) => d.name === 'emoji-rtl')!;
    expect({ ...(await pgDocs.get(one.id)), createdAt: '' }).toEqual({ ...project.documents.get(one.id), createdAt: '' });
  });

  it('refuses a malformed query with the same message as the SQLite engine', async () => {
    let sqliteMessage = '';
    try {
      project.documents.search('lithium OR');
    } catch (err) {
      sqliteMessage = (err as Error).message;
    }
    expect(sqliteMessage).not.toBe('');
    await expect(pgDocs.search('lithium OR')).rejects.toThrow(sqliteMessage);
  });
});
