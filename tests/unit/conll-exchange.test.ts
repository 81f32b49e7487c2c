// CoNLL for sequence taggers (issue 13, item 9; issue 15, item 12), read back
// the way seqeval reads IOB2: on CoNLL-2002's own data every entity comes back
// whole (no name cut at an initial: "Louis D. Boccardi"); a span inside a
// word keeps its own token; -DOCSTART- names the document; entities inside a
// claim keep their tags in their own column; a label filter in the CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import type { Project } from '../../electron/backend/project.ts';
import { GLOSS_BIN, SHARED_DIR } from '../support/paths.ts';
import { freshProjectPerTest } from '../support/project.ts';

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

interface Sentence {
  tokens: string[];
  columns: string[][];
}

/** Reads CoNLL as taggers do: documents at -DOCSTART-, sentences at blank lines, whitespace-separated columns. */
function readConll(text: string): { id: string; sentences: Sentence[] }[] {
  const docs: { id: string; sentences: Sentence[] }[] = [];
  let cur: Sentence | undefined;
  for (const line of text.split('\n')) {
    const f = line.split(/\s+/).filter(Boolean);
    if (f[0] === '-DOCSTART-') {
      docs.push({ id: f[1]!, sentences: [] });
      cur = undefined;
    } else if (!f.length) cur = undefined;
    else {
      if (!cur) docs.at(-1)!.sentences.push((cur = { tokens: [], columns: f.slice(1).map(() => []) }));
      cur.tokens.push(f[0]!);
      f.slice(1).forEach((t, i) => cur!.columns[i]!.push(t));
    }
  }
  return docs;
}

/** seqeval's IOB2 chunks of one column: `TYPE text` with the tokens joined without spaces. */
function entities(s: Sentence, column: number): string[] {
  const out: string[] = [];
  let open: { type: string; tokens: string[] } | undefined;
  const close = () => open && out.push(`${open.type} ${open.tokens.join('')}`);
  s.columns[column]!.forEach((tag, i) => {
    const [bio, type] = tag === 'O' ? ['O', ''] : [tag[0], tag.slice(2)];
    if (bio === 'B' || bio === 'O' || (bio === 'I' && open?.type !== type)) {
      close();
      open = bio === 'O' ? undefined : { type: type!, tokens: [] };
    }
    open?.tokens.push(s.tokens[i]!);
  });
  close();
  return out;
}

describe('CoNLL on CoNLL-2002 data', () => {
  it('every entity of the brat files comes back whole, with no sentence break inside a name', async () => {
    const src = path.join(SHARED_DIR, 'interop', 'brat', 'CoNLL-ST_2002-esp');
    await importFiles(project, readImportPaths([src]));
    const a = exportDocuments(project, 'conll');
    const docs = readConll(a.kind === 'file' ? String(a.data) : '');
    const ids = project.documents.list().map((d) => d.id);
    expect(docs.map((d) => d.id)).toEqual(ids);
    const got = docs.flatMap((d) => d.sentences.flatMap((s) => entities(s, 0))).sort();
    const expected = fs
      .readdirSync(src)
      .filter((f) => f.endsWith('.ann'))
      .flatMap((f) => fs.readFileSync(path.join(src, f), 'utf8').split('\n').filter((l) => l.startsWith('T')))
      .map((l) => {
        const [, head, text] = l.split('\t');
        return `${head!.split(' ')[0]} ${text!.replace(/\s+/g, '')}`;
      })
      .sort();
    expect(got).toEqual(expected);
    expect(got).toContain('PER LouisD.Boccardi');
    const sentenceOf = (name: string) => docs.flatMap((d) => d.sentences).filter((s) => s.tokens.join(' ').includes(name));
    expect(sentenceOf('Louis D . Boccardi')).toHaveLength(1);
  });
});

describe('CoNLL layers, tokens and filters', () => {
  const TEXT = 'Pakistan’s envoy, Mr. Khan, said the U.S. Army left. Officials disagreed.';

  function build(): string {
    const id = crypto.randomUUID();
    project.documents.insert({ id, name: 'layers', title: 'Layers', text: TEXT, blocks: [{ type: 'paragraph', start: 0, end: TEXT.length }], metadata: { language: 'en' }, contentHash: 'h' });
    const span = (s: string, label: string) => {
      const i = TEXT.indexOf(s);
      project.annotations.create({ documentId: id, ranges: [{ start: i, end: i + s.length }], labelId: project.labels.findByName(label)!.id, attributes: {}, note: '', annotator: 't' }, TEXT);
    };
    span('Pakistan', 'Location');
    span('Khan', 'Person');
    span('U.S. Army', 'Organization');
    span('Mr. Khan, said the U.S. Army left', 'Claim');
    return id;
  }

  it('splits tokens at span boundaries, keeps entities inside a claim in their own column, and goes on after titles', () => {
    const id = build();
    const a = exportDocuments(project, 'conll');
    const [doc] = readConll(a.kind === 'file' ? String(a.data) : '');
    expect(doc!.id).toBe(id);
    expect(doc!.sentences).toHaveLength(2);
    const rows = doc!.sentences[0]!.tokens.map((t, i) => `${t} ${doc!.sentences[0]!.columns[0]![i]} ${doc!.sentences[0]!.columns[1]![i]}`);
    expect(rows.slice(0, 2)).toEqual(['Pakistan B-Location O', '’s O O']);
    expect(rows).toContain('Mr O B-Claim');
    expect(rows).toContain('Khan B-Person I-Claim');
    expect(entities(doc!.sentences[0]!, 0)).toEqual(['Location Pakistan', 'Person Khan', 'Organization U.S.Army']);
    expect(entities(doc!.sentences[0]!, 1)).toEqual(['Claim Mr.Khan,saidtheU.S.Armyleft']);
  });

  it('a label filter in the CLI keeps only the labels named, and refuses an unknown one', () => {
    build();
    const db = project.path;
    project.close();
    const out = path.join(dir, 'x.conll');
    const run = (args: string[]) => spawnSync(process.execPath, [GLOSS_BIN, ...args], { encoding: 'utf8' });
    const ok = run(['export', '--format', 'conll', '--labels', 'Person,Claim', '--out', out, '--db', db]);
    expect(ok.status, ok.stderr).toBe(0);
    const tags = new Set(fs.readFileSync(out, 'utf8').split('\n').flatMap((l) => l.split('\t').slice(1)));
    expect([...tags].sort()).toEqual(['B-Claim', 'B-Person', 'I-Claim', 'O']);
    const bad = run(['export', '--format', 'conll', '--labels', 'Persn', '--out', out, '--db', db]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/no label named "Persn"/);
  });
});
