// The same commands on both engines: a project file and a PostgreSQL
// database (a real server started in a temporary folder) given the same
// work through the CLI must print the same results and write the same files,
// ids and clock aside (documents get new ids on import). What the team and
// re-anchoring checks compare: merge, agreement, update, export.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { buildRichProject, canonical } from '../support/interop-fixture.ts';
import { CORPUS_DIR, GLOSS_BIN, REPO_ROOT, SHARED_DIR } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tmp.ts';
import { normalizeIds, placeholder } from '../support/normalize.ts';

const BRAT = path.join(SHARED_DIR, 'interop', 'brat', 'NCBI-disease');
const FIRST = fs.readdirSync(BRAT).filter((n) => n.endsWith('.txt')).sort()[0]!.replace(/\.txt$/, '');

let pg: TestPostgres;
let dir: string;
let cleanup: () => void;

function gloss(db: string, args: string[], annotator?: string) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db, ...(annotator ? ['--annotator', annotator] : [])], {
    cwd: REPO_ROOT, encoding: 'utf8', input: '', timeout: 120_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss'), GLOSS_ANNOTATOR: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Ids in order of first appearance, and timestamps, replaced by placeholders;
 * the project's own name (file or database) by one word: what is left must
 * be the same on both engines.
 */
function normalize(text: string, db: string): string {
  const ids = new Map<string, string>();
  return normalizeIds(
    text
      .split(db).join('<PROJECT>')
      .replace(/postgres:\/\/[^\s"']+/g, '<PROJECT>')
      // Ids a format derives from ours (Label Studio's region ids are hashes of them), by first appearance with the UUIDs.
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|("(?:id|parentID|from_id|to_id)":\s*")([^"<]+)"/g, (m, key: string | undefined, id: string | undefined) =>
        key === undefined ? placeholder(ids, m) : `${key}${placeholder(ids, id!)}"`,
      ),
    ids,
  );
}

/** Runs the same command on both projects; expects success and the same output. */
function same(dbs: readonly [string, string], args: (db: string) => string[], annotator?: string, leaveOut?: RegExp): string {
  const [a, b] = dbs.map((db) => {
    const r = gloss(db, args(db), annotator);
    expect(r.status, `${args(db).join(' ')} on ${db}: ${r.stderr}`).toBe(0);
    const out = normalize(r.stdout, db);
    return leaveOut ? out.replace(leaveOut, '') : out;
  }) as [string, string];
  expect(b).toEqual(a);
  return a;
}

/** Every file under `root` (a file or a folder), normalized, keyed by its relative path; zip archives (qdpx) by their entries. */
function filesOf(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string, rel: string) => {
    if (fs.statSync(p).isDirectory()) {
      for (const n of fs.readdirSync(p).sort()) visit(path.join(p, n), rel ? `${rel}/${n}` : n);
      return;
    }
    if (p.endsWith('.qdpx')) {
      const x = path.join(path.dirname(p), `${path.basename(p)}.unzipped`);
      fs.mkdirSync(x, { recursive: true });
      expect(spawnSync('unzip', ['-oq', p, '-d', x]).status).toBe(0);
      // Entries named by a document's id (sources/ID.txt) are keyed by their content instead: the ids differ between engines.
      for (const [k, v] of Object.entries(filesOf(x))) out[`${rel}!${k.replace(/[0-9a-f-]{36}/g, () => createHash('sha256').update(v).digest('hex').slice(0, 12))}`] = v;
      return;
    }
    out[rel] = fs.readFileSync(p, 'utf8');
  };
  visit(root, '');
  return out;
}

beforeAll(async () => {
  pg = await startPostgres();
  ({ dir, cleanup } = tempDir());
}, 120_000);
afterAll(async () => {
  await pg?.stop();
  cleanup?.();
});

describe('the CLI on a project file and on PostgreSQL', { timeout: 300_000 }, () => {
  it('a rich project (emoji, flags, combining marks, right-to-left text, claims, stances, relations, events): the same listings, comparison, search and exports', async () => {
    const dbs = [path.join(dir, 'rich.gloss'), pg.createDatabase('rich')] as const;
    for (const db of dbs) {
      const project = await Project.open(db);
      try {
        project.transaction(() => buildRichProject(project));
      } finally {
        project.close();
      }
    }
    // What the store holds, read back through each engine.
    const views = [];
    for (const db of dbs) {
      const project = await Project.open(db);
      try {
        views.push(canonical(project));
      } finally {
        project.close();
      }
    }
    expect(views[1]).toEqual(views[0]);

    expect(same(dbs, () => ['list'])).toMatch(/dawn-article/);
    same(dbs, () => ['list', '--json']);
    expect(same(dbs, () => ['entities'])).toMatch(/Pakistan/);
    expect(same(dbs, () => ['propositions', '--json'])).toMatch(/key partner/);
    same(dbs, () => ['compare', '--json']);
    for (const query of ['sidelined OR "key partner"', 'Zoë', 'pak*', 'باكستان', 'officials -denied', 'title:Sidelined']) {
      const hits = dbs.map((db) => {
        const r = gloss(db, ['search', query, '--json']);
        expect(r.status, r.stderr).toBe(0);
        // The snippet is each engine's own drawing of the match (FTS5's snippet() on SQLite): the hits and their order must agree.
        return normalize(JSON.stringify((JSON.parse(r.stdout) as { name: string; title: string }[]).map((h) => [h.name, h.title])), db);
      });
      expect(hits[1], query).toEqual(hits[0]);
    }
    expect(same(dbs, () => ['search', 'Pakistan', '--annotations', '--label', 'Location', '--json'])).toMatch(/Pakistan/);

    // (spaCy's DocBin is compressed binary holding the ids: not compared here; its content is the same records as jsonl's.)
    for (const format of ['brat', 'w3c', 'jsonl', 'conll', 'csv', 'qdpx', 'labelstudio', 'hf', 'html']) {
      const outs = dbs.map((db, i) => {
        const out = path.join(dir, `rich-${i}.${format}`);
        const r = gloss(db, ['export', '--format', format, '--out', out]);
        expect(r.status, `${format} on ${db}: ${r.stderr}`).toBe(0);
        return Object.fromEntries(Object.entries(filesOf(out)).map(([k, v]) => [k.replace(/[0-9a-f-]{36}/g, 'ID'), normalize(v, db)]));
      });
      expect(Object.keys(outs[0]!).length, format).toBeGreaterThan(0);
      expect(outs[1], format).toEqual(outs[0]);
    }
  });

  it('two annotators merged in, then agreement, a new version and exports: the same figures', async () => {
    const annA = path.join(dir, 'ann.gloss');
    const annB = path.join(dir, 'bob.gloss');
    expect(gloss(annA, ['import', BRAT], 'ann').status).toBe(0);
    expect(gloss(annB, ['import', BRAT], 'bob').status).toBe(0);
    // Bob leaves out a third of the spans and relabels some, so that the annotators disagree.
    {
      const p = await Project.open(annB);
      try {
        const labels = p.labels.list();
        const person = labels.find((l) => l.name === 'Person')!;
        p.transaction(() => {
          let i = 0;
          for (const d of p.documents.list()) {
            for (const a of p.annotations.listByDocument(d.id)) {
              if (i % 3 === 0) p.annotations.delete(a.id);
              else if (i % 7 === 0) p.annotations.update(a.id, { labelId: person.id }, () => p.documents.text(d.id));
              i++;
            }
          }
        });
      } finally {
        p.close();
      }

      const dbs = [path.join(dir, 'team.gloss'), pg.createDatabase('team')] as const;
      // The file is copied before a merge; PostgreSQL's backup is pg_dump's, so that line is left out.
      expect(same(dbs, () => ['merge', annA, annB], undefined, /\n.*backup.*/gi)).toMatch(/ann \d+, bob \d+/);
      // Merging again adds nothing, on both.
      expect(same(dbs, () => ['merge', annA, annB, '--json'], undefined, /"backup": .*/g)).toMatch(/"annotations"/);
      const agreement = same(dbs, () => ['agreement', '--json']);
      const report = JSON.parse(agreement) as { pairs?: unknown[] };
      expect(JSON.stringify(report)).toMatch(/"ann"/);
      same(dbs, () => ['agreement']);
      same(dbs, () => ['agreement', '--labels', 'Person,Organization', '--annotators', 'ann,bob']);

      // A new version of a document: the same re-anchoring on both.
      const first = fs.readFileSync(path.join(BRAT, `${FIRST}.txt`), 'utf8');
      const edited = path.join(dir, 'first-v2.txt');
      const words = first.split(' ');
      // A new first line, a word changed in every twenty, one paragraph moved to the end.
      const changed = words.map((w, i) => (i % 20 === 7 ? `${w}s` : w)).join(' ');
      const [head, ...rest] = changed.split('\n');
      fs.writeFileSync(edited, `A new first line.\n${rest.join('\n')}\n${head}\n`);
      expect(same(dbs, () => ['update', FIRST, edited, '--json'])).toMatch(/kept|moved|changed/);
      same(dbs, () => ['list']);
      // The log's own numbering and clock differ; who, what, before and after must not.
      expect(same(dbs, () => ['history', FIRST, '--json', '--limit', '500'], undefined, /"(id|at)": \d+,/g)).toMatch(/"via": "gloss update"/);
      for (const format of ['brat', 'w3c', 'jsonl', 'conll']) {
        const outs = dbs.map((db, i) => {
          const out = path.join(dir, `team-${i}.${format}`);
          const r = gloss(db, ['export', '--format', format, '--out', out, '--annotator', 'bob']);
          expect(r.status, `${format} on ${db}: ${r.stderr}`).toBe(0);
          return Object.fromEntries(Object.entries(filesOf(out)).map(([k, v]) => [k.replace(/[0-9a-f-]{36}/g, 'ID'), normalize(v, db)]));
        });
        expect(outs[1], format).toEqual(outs[0]);
      }
    }
  });

  it('bad input: the same clear error on both, and nothing imported', () => {
    const bad = path.join(dir, 'bad');
    fs.mkdirSync(bad);
    fs.copyFileSync(path.join(CORPUS_DIR, fs.readdirSync(CORPUS_DIR).find((n) => n.endsWith('.txt'))!), path.join(bad, 'good.txt'));
    fs.writeFileSync(path.join(bad, 'broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const dbs = [path.join(dir, 'bad.gloss'), pg.createDatabase('bad')] as const;
    const errors = dbs.map((db) => {
      const r = gloss(db, ['import', bad]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/broken\.txt/);
      return normalize(r.stderr, db);
    });
    expect(errors[1]).toEqual(errors[0]);
    for (const db of dbs) expect(gloss(db, ['list', '--json']).stdout.trim()).toBe('[]');
  });

  it('an unreachable or missing database: a clear message naming it without its password, and a non-zero exit', () => {
    const missing = pg.url.replace(/\/gloss$/, '/no_such_db');
    const r = gloss(missing, ['list']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no_such_db/);
    const refused = gloss('postgres://someone:secret@127.0.0.1:1/gloss', ['list']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/cannot be reached/);
    expect(refused.stderr).not.toMatch(/secret/);
  });
});
