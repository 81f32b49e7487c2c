// The machine-learning exports (issue 13, item 5), checked with the real
// libraries: a `.spacy` DocBin read by spaCy's own DocBin().from_disk, and
// the Hugging Face JSONL read by datasets.load_dataset("json", …). The tests
// fail when python3 or the libraries reject the files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { murmurHash64A } from '../../electron/backend/interop/spacy/murmur.ts';
import { spacyStringId } from '../../electron/backend/interop/spacy/serialize.ts';
import type { Project } from '../../electron/backend/project.ts';
import { buildRichProject, TRICKY_TEXT } from '../support/interop-fixture.ts';
import { freshProjectPerTest } from '../support/project.ts';

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function python(script: string, ...args: string[]): unknown {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', env: { ...process.env, HF_HOME: path.join(dir, 'hf'), HF_DATASETS_OFFLINE: '1', PYTHONWARNINGS: 'ignore' }, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const POSSESSIVE = 'Pakistan’s minister, Louis D. Boccardi, said Pakistan’s role was vital. Critics disagreed.';

/** The rich fixture plus a document with a mention inside a word and a claim around a mention. */
function build(): void {
  buildRichProject(project);
  const id = crypto.randomUUID();
  project.documents.insert({ id, name: 'possessive', title: 'Possessive', text: POSSESSIVE, blocks: [{ type: 'paragraph', start: 0, end: POSSESSIVE.length }], metadata: {}, contentHash: 'h' });
  const label = (n: string) => project.labels.findByName(n)!.id;
  const span = (s: string, l: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = POSSESSIVE.indexOf(s, i + 1);
    project.annotations.create({ documentId: id, ranges: [{ start: i, end: i + s.length }], labelId: label(l), attributes: {}, note: '', annotator: 't' }, POSSESSIVE);
  };
  span('Pakistan', 'Location');
  span('Louis D. Boccardi', 'Person');
  span('Pakistan', 'Location', 1);
  span('Louis D. Boccardi, said Pakistan’s role was vital', 'Claim');
}

describe('spaCy DocBin', () => {
  it('hashes strings as spaCy does: MurmurHash64A of UTF-8 with seed 1; reserved symbols keep their ids', () => {
    const out = python('import json,sys; from spacy.strings import hash_string, get_string_id; print(json.dumps([str(hash_string(s)) for s in sys.argv[1:]] + [str(get_string_id("PERSON"))]))', 'Pakistan', '🇵🇰', 'a', 'Louis D. Boccardi’s', '') as string[];
    expect(['Pakistan', '🇵🇰', 'a', 'Louis D. Boccardi’s'].map((s) => murmurHash64A(new TextEncoder().encode(s), 1n).toString())).toEqual(out.slice(0, 4));
    expect(spacyStringId('PERSON').toString()).toBe(out[5]);
  });

  it('spaCy reads the file: the same text, non-overlapping mentions as doc.ents, every layer in doc.spans, offsets in code points', () => {
    build();
    const a = exportDocuments(project, 'spacy');
    if (a.kind !== 'file') throw new Error('expected a file');
    const file = path.join(dir, 'docs.spacy');
    fs.writeFileSync(file, a.data);
    const docs = python(
      `import json, sys, spacy
from spacy.tokens import DocBin
nlp = spacy.blank("en")
out = []
for doc in DocBin().from_disk(sys.argv[1]).get_docs(nlp.vocab):
    out.append({"text": doc.text, "user": {str(k): v for k, v in doc.user_data.items()},
      "ents": [[e.text, e.label_, e.start_char, e.end_char] for e in doc.ents],
      "spans": {k: [[s.text, s.label_, s.start_char, s.end_char] for s in g] for k, g in doc.spans.items()},
      "sents": [s.text for s in doc.sents]})
print(json.dumps(out))`,
      file,
    ) as { text: string; user: Record<string, string>; ents: [string, string, number, number][]; spans: Record<string, [string, string, number, number][]>; sents: string[] }[];
    const names = project.documents.list().map((d) => d.name);
    expect(docs.map((d) => d.user.name)).toEqual(names);
    const rich = docs[names.indexOf('dawn-article')]!;
    expect(rich.text).toBe(TRICKY_TEXT);
    const cp = (s: string) => [...TRICKY_TEXT.slice(0, TRICKY_TEXT.indexOf(s))].length;
    expect(rich.ents).toContainEqual(['𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧', 'Location', cp('𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧'), cp('𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧') + [...'𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧'].length]);
    // The nested Event inside "The 𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩 ended" is in spans, not in ents.
    expect(rich.spans.mentions).toContainEqual(['𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩', 'Event', cp('𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩'), cp('𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩') + [...'𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩'].length]);
    expect(rich.ents.map((e) => e[0])).not.toContain('𝔐𝔦𝔫𝔦𝔰𝔱𝔢𝔯𝔦𝔞𝔩');
    expect(rich.spans.claims!.map((s) => s[0])).toContain('Pakistan 🇵🇰 was a key partner');
    expect(a.warnings.join('\n')).toMatch(/overlapping entity mention/);

    const pos = docs[names.indexOf('possessive')]!;
    expect(pos.text).toBe(POSSESSIVE);
    const at = (q: string, nth = 0) => {
      let i = -1;
      for (let k = 0; k <= nth; k++) i = POSSESSIVE.indexOf(q, i + 1);
      return [i, i + q.length];
    };
    expect(pos.ents).toEqual([
      ['Pakistan', 'Location', ...at('Pakistan')],
      ['Louis D. Boccardi', 'Person', ...at('Louis D. Boccardi')],
      ['Pakistan', 'Location', ...at('Pakistan', 1)],
    ]);
    expect(pos.spans.claims).toEqual([['Louis D. Boccardi, said Pakistan’s role was vital', 'Claim', ...at('Louis D. Boccardi, said Pakistan’s role was vital')]]);
    expect(pos.sents).toHaveLength(2);
  });
});

describe('Hugging Face JSONL', () => {
  it('datasets.load_dataset("json") reads it: tokens split at span boundaries, offsets in code points, BIO tags per layer', () => {
    build();
    const a = exportDocuments(project, 'hf');
    if (a.kind !== 'file') throw new Error('expected a file');
    const file = path.join(dir, 'data.jsonl');
    fs.writeFileSync(file, a.data);
    const ds = python(
      `import json, sys
from datasets import load_dataset
ds = load_dataset("json", data_files=sys.argv[1], split="train")
print(json.dumps({"n": len(ds), "features": sorted(ds.features.keys()), "rows": [ds[i] for i in range(len(ds))]}))`,
      file,
    ) as { n: number; features: string[]; rows: { id: string; text: string; tokens: string[]; token_offsets: number[][]; ner_tags: string[]; claim_tags: string[] }[] };
    expect(ds.n).toBe(3);
    expect(ds.features).toEqual(['claim_tags', 'id', 'ner_tags', 'text', 'token_offsets', 'tokens']);
    for (const row of ds.rows) {
      expect(row.tokens.length).toBe(row.ner_tags.length);
      expect(row.tokens.length).toBe(row.claim_tags.length);
      // Python slices the text with the offsets and gets the token back.
      row.tokens.forEach((t, i) => expect([...row.text].slice(row.token_offsets[i]![0], row.token_offsets[i]![1]).join('')).toBe(t));
    }
    const pos = ds.rows.find((r) => r.text === POSSESSIVE)!;
    const tagged = pos.tokens.map((t, i) => `${t}/${pos.ner_tags[i]}/${pos.claim_tags[i]}`);
    expect(tagged.slice(0, 3)).toEqual(['Pakistan/B-Location/O', '’s/O/O', 'minister/O/O']);
    expect(tagged).toContain('Louis/B-Person/B-Claim');
    expect(tagged).toContain('Boccardi/I-Person/I-Claim');
    expect(tagged).toContain('Pakistan/B-Location/I-Claim');
  });

  it('a label filter keeps only the labels asked for', () => {
    build();
    const a = exportDocuments(project, 'hf', { labels: ['Person'] });
    const rows = (a.kind === 'file' ? String(a.data) : '').trim().split('\n').map((l) => JSON.parse(l) as { ner_tags: string[]; claim_tags: string[] });
    const tags = new Set(rows.flatMap((r) => [...r.ner_tags, ...r.claim_tags]));
    expect([...tags].sort()).toEqual(['B-Person', 'I-Person', 'O']);
  });
});
