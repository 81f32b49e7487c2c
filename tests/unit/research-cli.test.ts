// `gloss entities` and `gloss propositions` as a user runs them: a real
// process on a project file built with the backend from the real corpus.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import { propagate, propagationCandidates } from '../../electron/backend/research/propagation.ts';
import { Project } from '../../electron/backend/project.ts';
import { CORPUS_DIR, GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
let db: string;
const ids: Record<string, string> = {};

function gloss(args: string[]) {
  const r = spawnSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), GLOSS_DB: path.join(dir, 'unused.gloss') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  db = path.join(dir, 'project.gloss');
  const project = await Project.open(db);
  try {
    const docs = await importSources(project, readSources([CORPUS_DIR]));
    const doc = (name: string) => docs.find((d) => d.name === name)!;
    const label = (name: string) => project.labels.findByName(name)!.id;
    const annotate = (documentId: string, phrase: string, labelName: string) => {
      const text = project.documents.text(documentId);
      const start = text.indexOf(phrase);
      return project.annotations.create({ documentId, ranges: [{ start, end: start + phrase.length }], labelId: label(labelName), annotator: 'tester' }, text);
    };
    const partners = doc('pakistan-among-key-partners');
    const sidelines = doc('pakistan-on-the-sidelines');
    Object.assign(ids, { partners: partners.id, sidelines: sidelines.id });
    const first = annotate(partners.id, 'Pakistan', 'Location');
    const pakistan = project.entities.create({ name: 'Pakistan', type: 'Location', aliases: ['Islamabad'], externalId: 'Q843', description: '' });
    project.entities.link([{ annotationId: first.id, entityId: pakistan.id }]);
    const found = propagationCandidates(project, { annotationId: first.id, scope: 'corpus', caseSensitive: true });
    propagate(project, pakistan.id, found.labelId, found.candidates.map((c) => ({ documentId: c.document.id, start: c.start, end: c.end })));
    ids.pakistan = pakistan.id;
    ids.mentions = String(found.candidates.length + 1);

    const favor = annotate(partners.id, 'Pakistan has emerged as a notable partner in the US strategy', 'Claim');
    const against = annotate(sidelines.id, 'Pakistan was not invited to the Global Minerals Conference', 'Claim');
    const p = project.propositions.create({ text: 'Pakistan takes part in the 2026 Critical Minerals Ministerial' });
    ids.proposition = p.id;
    const base = { propositionId: p.id, attribution: { entityId: null, text: '' }, hedged: false, reported: false, note: '' };
    project.claims.insert({ ...base, annotationId: favor.id, stance: 'favor' });
    project.claims.insert({ ...base, annotationId: against.id, stance: 'against', attribution: { entityId: null, text: 'Abdul Basit' }, reported: true });
  } finally {
    project.close();
  }
});
afterAll(() => cleanup());

describe('gloss propositions', () => {
  it('prints each proposition with its claims (document, stance, quote) as one JSON value', () => {
    const r = gloss(['propositions', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: ids.proposition, text: 'Pakistan takes part in the 2026 Critical Minerals Ministerial', claimCount: 2, stanceCounts: { favor: 1, against: 1 } });
    expect(out[0].claims.map((c: { document: unknown; stance: string; quote: string }) => [c.document, c.stance, c.quote])).toEqual([
      [{ id: ids.partners, name: 'pakistan-among-key-partners', title: 'Pakistan among key partners in Washington’s global push for critical minerals' }, 'favor', 'Pakistan has emerged as a notable partner in the US strategy'],
      [{ id: ids.sidelines, name: 'pakistan-on-the-sidelines', title: 'Pakistan on the Sidelines of US Mineral Diplomacy' }, 'against', 'Pakistan was not invited to the Global Minerals Conference'],
    ]);
    expect(out[0].claims[1]).toMatchObject({ attribution: { entityId: null, text: 'Abdul Basit' }, reported: true });
  });

  it('prints a readable list', () => {
    const r = gloss(['propositions']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `${ids.proposition}\tPakistan takes part in the 2026 Critical Minerals Ministerial\t2 claim(s) (1 favor, 1 against)\n` +
        '\tfavor\tpakistan-among-key-partners\t“Pakistan has emerged as a notable partner in the US strategy”\n' +
        '\tagainst\tpakistan-on-the-sidelines\t“Pakistan was not invited to the Global Minerals Conference” (reported)\n',
    );
  });
});

describe('gloss entities', () => {
  it('prints the registry with mention counts per document as one JSON value', () => {
    const r = gloss(['entities', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: ids.pakistan, name: 'Pakistan', type: 'Location', aliases: ['Islamabad'], externalId: 'Q843', mentionCount: Number(ids.mentions) });
    expect(out[0].documents.map((d: { name: string }) => d.name)).toEqual(['pakistan-among-key-partners', 'pakistan-on-the-sidelines', 'rare-earth-diplomacy-white-house']);
    expect(out[0].documents.reduce((n: number, d: { mentions: number }) => n + d.mentions, 0)).toBe(Number(ids.mentions));
    const text = gloss(['entities']);
    expect(text.stdout.split('\n')[0]).toBe(`${ids.pakistan}\tPakistan (also: Islamabad) [Q843]\tLocation\t${ids.mentions} mention(s) in 3 document(s)`);
  });
});
