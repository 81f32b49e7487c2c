// REFI-QDA .qdpx export and import on real SQLite files: the project.qde
// validates against the REFI-QDA schema (xmllint --schema, libxml2), offsets
// are code points, Gloss → .qdpx → Gloss keeps what the format can carry,
// and bad input is named by file and line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import { Project } from '../../electron/backend/project.ts';
import { GlossError } from '../../shared/index.ts';
import { buildRichProject, canonical, TRICKY_TEXT } from '../support/interop-fixture.ts';
import { SHARED_DIR } from '../support/paths.ts';
import { freshProjectPerTest } from '../support/project.ts';

const XSD = path.join(SHARED_DIR, 'interop', 'refi-qda', 'Project.xsd');

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function exportQdpx(): Uint8Array {
  const a = exportDocuments(project, 'qdpx');
  if (a.kind !== 'file' || typeof a.data === 'string') throw new Error('expected a binary file');
  return a.data;
}

/** Runs xmllint against the REFI-QDA schema; returns whether it validates and what it said. */
function xmllint(file: string): { ok: boolean; output: string } {
  const r = spawnSync('/usr/bin/xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe('.qdpx export', () => {
  it('project.qde validates against the REFI-QDA schema', () => {
    buildRichProject(project);
    const entries = unzipSync(exportQdpx());
    expect(Object.keys(entries)).toContain('project.qde');
    const qde = path.join(dir, 'project.qde');
    fs.writeFileSync(qde, entries['project.qde']!);
    const result = xmllint(qde);
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  it('a schema violation is caught by the same check (the check is real)', () => {
    buildRichProject(project);
    const xml = Buffer.from(unzipSync(exportQdpx())['project.qde']!).toString('utf8').replace(/isCodable="true"/, 'isCodable="maybe"');
    const qde = path.join(dir, 'broken.qde');
    fs.writeFileSync(qde, xml);
    expect(xmllint(qde).ok).toBe(false);
  });

  it('holds the sources’ plain text, codes with colours, selections in code points, codings, notes and users', () => {
    const { d1 } = buildRichProject(project);
    const entries = unzipSync(exportQdpx());
    const xml = Buffer.from(entries['project.qde']!).toString('utf8');
    expect(Buffer.from(entries[`sources/${d1}.txt`]!).toString('utf8')).toBe(TRICKY_TEXT);
    expect(xml).toMatch(/<Code guid="[^"]+" name="Location" isCodable="true" color="#59a14f">/);
    expect(xml).toMatch(/<User guid="[^"]+" name="ana"\/>/);
    const start = [...TRICKY_TEXT.slice(0, TRICKY_TEXT.indexOf('🇺🇸'))].length;
    expect(xml).toContain(`name="🇺🇸" startPosition="${start}" endPosition="${start + 2}"`);
    expect(xml).toContain('<PlainTextContent>unnamed — “the minister”</PlainTextContent>');
    expect(xml).toMatch(/<Case guid="[^"]+" name="Pakistan">/);
    expect(xml).toMatch(/<Link guid="[^"]+" name="Says" direction="OneWay"/);
  });
});

describe('.qdpx round trip', () => {
  it('Gloss → .qdpx → Gloss keeps documents, labels, annotations, attributes, notes, users, entities, claims and relations', async () => {
    buildRichProject(project);
    const before = canonical(project);
    const file = path.join(dir, 'export.qdpx');
    fs.writeFileSync(file, exportQdpx());
    const fresh = await Project.open(path.join(dir, 'fresh.gloss'));
    try {
      await importFiles(fresh, readImportPaths([file]));
      const after = canonical(fresh);
      // What REFI-QDA cannot carry: block types (rebuilt from lines), a discontinuous span (one selection per range),
      // attributes that are false (a code is applied or not), claim details beyond proposition and stance,
      // document stances, events, equivalences, normalizations and typed notes.
      const trueOnly = (attrs: Record<string, string | boolean>) => Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== false));
      const firstRange = (end: string) => end.replace(/,.*$/, '');
      const carried = (docs: ReturnType<typeof canonical>) =>
        docs.map((d) => ({
          name: d.name,
          title: d.title,
          text: d.text,
          metadata: d.metadata,
          annotations: d.annotations
            .flatMap((a) =>
              a.ranges.map((r) => ({ ...a, ranges: [r], quote: d.text.slice(r.start, r.end), attributes: trueOnly(a.attributes), claims: a.claims.map((c) => ({ proposition: c.proposition, stance: c.stance })) })),
            )
            .map((a) => JSON.stringify(a))
            .sort(),
          relations: d.relations.map((r) => ({ ...r, from: firstRange(r.from), to: firstRange(r.to) })),
        }));
      expect(carried(after)).toEqual(carried(before));
    } finally {
      fresh.close();
    }
  });
});

describe('bad .qdpx input: a clear error naming file and line, nothing stored', () => {
  function qdpx(qde: string, sources: Record<string, string> = {}): string {
    const file = path.join(dir, 'bad.qdpx');
    const files: Record<string, Uint8Array> = { 'project.qde': strToU8(qde) };
    for (const [k, v] of Object.entries(sources)) files[`sources/${k}`] = strToU8(v);
    fs.writeFileSync(file, zipSync(files));
    return file;
  }
  const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const project_ = (body: string) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="x">\n<CodeBook><Codes><Code guid="${G(1)}" name="Person" isCodable="true"/></Codes></CodeBook>\n<Sources>\n${body}\n</Sources>\n</Project>\n`;

  const cases: [string, () => string, RegExp][] = [
    ['not a zip', () => {
      const f = path.join(dir, 'bad.qdpx');
      fs.writeFileSync(f, 'PK\u0003\u0004 broken');
      return f;
    }, /bad\.qdpx: not a valid zip archive/],
    ['a selection past the end of the text', () => qdpx(project_(`<TextSource guid="${G(2)}" name="a" plainTextPath="internal://${G(2)}.txt">\n<PlainTextSelection guid="${G(3)}" startPosition="2" endPosition="99"><Coding guid="${G(4)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>\n</TextSource>`), { [`${G(2)}.txt`]: 'Hello world' }), /project\.qde: line 6: selection .*: position 99 is past the end of the text of "a" \(11 characters\)/],
    ['an unknown code', () => qdpx(project_(`<TextSource guid="${G(2)}" name="a">\n<PlainTextContent>Hello</PlainTextContent>\n<PlainTextSelection guid="${G(3)}" startPosition="0" endPosition="5"><Coding guid="${G(4)}"><CodeRef targetGUID="${G(9)}"/></Coding></PlainTextSelection>\n</TextSource>`)), /project\.qde: line 7: unknown reference: code .* is not in the codebook/],
    ['XML that is not well-formed', () => qdpx('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="x">\n<Sources>\n</Project>\n'), /bad\.qdpx\/project\.qde: line 3: not well-formed XML \(an element here is not closed by its own end tag\)/],
    ['a missing source text', () => qdpx(project_(`<TextSource guid="${G(2)}" name="a" plainTextPath="internal://missing.txt"/>`)), /project\.qde: line 5: unknown reference: internal:\/\/missing\.txt is not in the archive/],
  ];
  for (const [what, make, message] of cases) {
    it(what, async () => {
      const file = make();
      const err = await importFiles(project, readImportPaths([file])).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GlossError);
      expect((err as Error).message).toMatch(message);
      expect(project.documents.list()).toEqual([]);
    });
  }
});
