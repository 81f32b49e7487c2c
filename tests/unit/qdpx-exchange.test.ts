// REFI-QDA without loss (issue 13, item 6; issue 14, item 6): a code tree
// with descriptions, guids, users and sets survives import and export with
// no code added; an empty project and one with events and equivalences
// export files that validate against Project.xsd (xmllint); a repeated guid
// is an error naming the file and line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { importFiles } from '../../electron/backend/interop/import.ts';
import { readImportPaths } from '../../electron/backend/interop/sources.ts';
import { Project } from '../../electron/backend/project.ts';
import { SHARED_DIR } from '../support/paths.ts';
import { freshProjectPerTest } from '../support/project.ts';

const XSD = path.join(SHARED_DIR, 'interop', 'refi-qda', 'Project.xsd');
const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let dir: string;
let project: Project;
freshProjectPerTest((p, d) => {
  project = p;
  dir = d;
});

function qde(p: Project = project): string {
  const a = exportDocuments(p, 'qdpx');
  if (a.kind !== 'file' || typeof a.data === 'string') throw new Error('expected a binary file');
  return Buffer.from(unzipSync(a.data)['project.qde']!).toString('utf8');
}

function validates(xml: string): void {
  const file = path.join(dir, `check-${Math.random().toString(36).slice(2)}.qde`);
  fs.writeFileSync(file, xml);
  const r = spawnSync('/usr/bin/xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  expect(`${r.stdout}${r.stderr}`).toContain('validates');
  expect(r.status).toBe(0);
}

/** A project as a QDA tool writes it: a code tree with descriptions, two users, a set; texts in sources/. */
function maxqdaProject(): string {
  const text = 'Die Regierung in Islamabad lehnte ab. Kritiker 🇵🇰 widersprachen.';
  const cp = (s: string) => [...text.slice(0, text.indexOf(s))].length;
  const sel = (g: number, s: string, code: number, user: number) =>
    `<PlainTextSelection guid="${G(g)}" name="${s}" startPosition="${cp(s)}" endPosition="${cp(s) + [...s].length}" creatingUser="${G(user)}"><Coding guid="${G(g + 100)}" creatingUser="${G(user)}"><CodeRef targetGUID="${G(code)}"/></Coding></PlainTextSelection>`;
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="MAXQDA study" origin="MAXQDA 24">
  <Users>
    <User guid="${G(1)}" name="Ana"/>
    <User guid="${G(2)}" name="Ben"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="${G(10)}" name="Akteure" isCodable="true" color="#ff0000">
        <Description>Wer handelt</Description>
        <Code guid="${G(11)}" name="Regierung" isCodable="true">
          <Description>Staatliche Stellen</Description>
        </Code>
        <Code guid="${G(12)}" name="Sonstige" isCodable="true"/>
      </Code>
      <Code guid="${G(20)}" name="Orte" isCodable="true">
        <Code guid="${G(21)}" name="Sonstige" isCodable="true"/>
        <Code guid="${G(22)}" name="Hauptstadt" isCodable="true"/>
      </Code>
      <Code guid="${G(30)}" name="Unbenutzt" isCodable="true"/>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="${G(40)}" name="Interview 1" plainTextPath="internal://${G(40)}.txt">
      ${sel(50, 'Die Regierung', 11, 1)}
      ${sel(51, 'Islamabad', 22, 2)}
      ${sel(52, 'Kritiker 🇵🇰', 12, 2)}
    </TextSource>
  </Sources>
  <Sets>
    <Set guid="${G(60)}" name="Akteure und Orte">
      <Description>für den Vergleich</Description>
      <MemberCode targetGUID="${G(11)}"/>
      <MemberCode targetGUID="${G(22)}"/>
      <MemberSource targetGUID="${G(40)}"/>
    </Set>
  </Sets>
</Project>
`;
  validates(xml);
  const file = path.join(dir, 'study.qdpx');
  fs.writeFileSync(file, zipSync({ 'project.qde': strToU8(xml), [`sources/${G(40)}.txt`]: strToU8(text) }));
  return file;
}

/** The codebook of a project.qde as a tree of `guid name [description]`. */
function codeTree(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<Code (guid="([^"]+)" name="([^"]+)"[^>]*?)(\/?)>(\s*<Description>([^<]*)<\/Description>)?|<\/Code>/g)) {
    if (m[0] === '</Code>') {
      depth--;
      continue;
    }
    out.push(`${'  '.repeat(depth)}${m[2]} ${m[3]}${m[6] ? ` [${m[6]}]` : ''}`);
    if (m[4] !== '/') depth++;
  }
  return out;
}

describe('REFI-QDA code trees, descriptions, guids, users and sets', () => {
  it('keeps the hierarchy and descriptions on import, adding no code, and writes them back with their guids', async () => {
    const file = maxqdaProject();
    await importFiles(project, readImportPaths([file]));
    const labels = project.labels.list();
    const tree = project.labels.treeFields();
    const byName = new Map(labels.map((l) => [l.name, l]));
    const parentOf = (n: string) => {
      const p = tree.get(byName.get(n)!.id)!.parentId;
      return p ? labels.find((l) => l.id === p)!.name : null;
    };
    expect(parentOf('Regierung')).toBe('Akteure');
    expect(parentOf('Hauptstadt')).toBe('Orte');
    // Two codes named "Sonstige": the second is told apart by its path.
    expect(parentOf('Sonstige')).toBe('Akteure');
    expect(parentOf('Orte / Sonstige')).toBe('Orte');
    expect(tree.get(byName.get('Regierung')!.id)).toMatchObject({ description: 'Staatliche Stellen', guid: G(11) });
    expect(labels.some((l) => l.name.includes('Akteure /'))).toBe(false);

    const xml = qde();
    validates(xml);
    const original = Buffer.from(unzipSync(fs.readFileSync(file))['project.qde']!).toString('utf8');
    expect(codeTree(xml)).toEqual(codeTree(original).map((l) => l.replace(`${G(21)} Sonstige`, `${G(21)} Orte / Sonstige`)));
    // Users, selections, the source and the set keep their guids.
    for (const g of [1, 2, 40, 50, 51, 52, 60]) expect(xml).toContain(`guid="${G(g)}"`);
    expect(xml).toMatch(new RegExp(`<Set guid="${G(60)}" name="Akteure und Orte">\\s*<Description>für den Vergleich</Description>\\s*<MemberCode targetGUID="${G(11)}"/>\\s*<MemberCode targetGUID="${G(22)}"/>\\s*<MemberSource targetGUID="${G(40)}"/>`));
    expect(xml).toMatch(new RegExp(`<PlainTextSelection guid="${G(51)}"[^>]*creatingUser="${G(2)}"`));
  });

  it('a project without annotations or documents exports a project.qde that validates', () => {
    validates(qde());
  });

  it('events and equivalences are exported as links, validate, and come back as events and equivalences', async () => {
    await importFiles(project, readImportPaths([path.join(SHARED_DIR, 'interop', 'brat', 'tutorial-news')]));
    const count = (p: Project) => {
      const s = p.standoff;
      const docs = p.documents.list();
      return { events: docs.reduce((n, d) => n + s.events(d.id).length, 0), equivalences: docs.reduce((n, d) => n + s.equivalences(d.id).length, 0), args: docs.reduce((n, d) => n + s.events(d.id).reduce((k, e) => k + e.args.length, 0), 0) };
    };
    const before = count(project);
    expect(before.events).toBeGreaterThan(0);
    expect(before.equivalences).toBeGreaterThan(0);
    const xml = qde();
    validates(xml);
    expect(xml).toMatch(/<Link [^>]*name="event:/);
    expect(xml).toMatch(/<Link [^>]*name="equivalence:/);
    const a = exportDocuments(project, 'qdpx');
    const file = path.join(dir, 'events.qdpx');
    fs.writeFileSync(file, a.kind === 'file' ? a.data : '');
    const fresh = await Project.open(path.join(dir, 'fresh.gloss'));
    try {
      await importFiles(fresh, readImportPaths([file]));
      expect(count(fresh)).toEqual(before);
    } finally {
      fresh.close();
    }
  });

  it('a guid used twice is an error naming the file and line; nothing is stored', async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x">
<CodeBook><Codes><Code guid="${G(1)}" name="Person" isCodable="true"/></Codes></CodeBook>
<Sources>
<TextSource guid="${G(2)}" name="a"><PlainTextContent>Hello</PlainTextContent>
<PlainTextSelection guid="${G(1)}" startPosition="0" endPosition="5"><Coding guid="${G(4)}"><CodeRef targetGUID="${G(1)}"/></Coding></PlainTextSelection>
</TextSource>
</Sources>
</Project>
`;
    const file = path.join(dir, 'dup.qdpx');
    fs.writeFileSync(file, zipSync({ 'project.qde': strToU8(xml) }));
    await expect(importFiles(project, readImportPaths([file]))).rejects.toThrow(new RegExp(`dup\\.qdpx/project\\.qde: line 6: the guid ${G(1)} is used twice \\(first by <Code> on line 3\\)`));
    expect(project.documents.list()).toEqual([]);
  });
});
