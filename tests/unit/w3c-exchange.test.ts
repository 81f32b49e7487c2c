// W3C Web Annotation for real clients (issue 13, items 7–8): quote contexts
// that Hypothesis's anchoring (diff-match-patch, patterns of at most 32
// UTF-16 code units) accepts around emoji, never splitting a surrogate pair;
// and an embedded JSON-LD context that defines every term Gloss writes, so
// that a processor in safe mode drops nothing. No JSON-LD library is
// installed, so every key of the export is checked against the contexts.
import DiffMatchPatch from 'diff-match-patch';
import { describe, expect, it } from 'vitest';
import { exportDocuments } from '../../electron/backend/interop/export.ts';
import { GLOSS_CONTEXT } from '../../electron/backend/interop/w3c/vocab.ts';
import type { Project } from '../../electron/backend/project.ts';
import { buildRichProject } from '../support/interop-fixture.ts';
import { freshProjectPerTest } from '../support/project.ts';

let project: Project;
freshProjectPerTest((p) => {
  project = p;
});

/**
 * The terms of http://www.w3.org/ns/anno.jsonld that Gloss writes (the
 * published context defines each of them).
 */
const ANNO_TERMS = new Set([
  'id', 'type', 'body', 'target', 'source', 'selector', 'purpose', 'value', 'format', 'motivation', 'created', 'modified', 'creator', 'name',
  'generator', 'label', 'total', 'generated', 'first', 'next', 'last', 'items', 'partOf', 'startIndex', 'exact', 'prefix', 'suffix', 'start', 'end',
]);

function exportJson(): Record<string, unknown> {
  const a = exportDocuments(project, 'w3c');
  if (a.kind !== 'file') throw new Error('expected a file');
  return JSON.parse(a.data as string) as Record<string, unknown>;
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    visit(obj);
    for (const [k, v] of Object.entries(obj)) {
      if (k === '@context') continue;
      const def = (GLOSS_CONTEXT as Record<string, unknown>)[k] as { '@type'?: string } | undefined;
      if (def?.['@type'] === '@json') continue; // a JSON literal: its keys are data, not terms
      walk(v, visit);
    }
  }
}

describe('W3C contexts for JavaScript clients', () => {
  it('prefix and suffix hold at most 32 UTF-16 code units, split no surrogate pair, and diff-match-patch anchors with them', () => {
    buildRichProject(project);
    const long = `${'👩🏽‍💼🇵🇰'.repeat(12)} Pakistan ${'𝐖𝐚𝐬𝐡𝐢𝐧𝐠𝐭𝐨𝐧 '.repeat(6)}`;
    const id = crypto.randomUUID();
    project.documents.insert({ id, name: 'emoji', title: 'Emoji', text: long, blocks: [], metadata: {}, contentHash: 'h' });
    const at = long.indexOf('Pakistan');
    project.annotations.create({ documentId: id, ranges: [{ start: at, end: at + 8 }], labelId: project.labels.findByName('Location')!.id, attributes: {}, note: '', annotator: 't' }, long);
    const selectors: { exact: string; prefix: string; suffix: string }[] = [];
    walk(exportJson(), (o) => {
      if (o.type === 'TextQuoteSelector') selectors.push(o as never);
    });
    expect(selectors.length).toBeGreaterThan(10);
    const dmp = new DiffMatchPatch();
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const s of selectors) {
      for (const part of [s.prefix, s.suffix]) {
        expect(part.length).toBeLessThanOrEqual(32);
        expect(lone.test(part), JSON.stringify(part)).toBe(false);
        if (part) expect(() => dmp.match_main(long + TRICKY, part, 0)).not.toThrow();
      }
    }
    const emoji = selectors.find((s) => s.exact === 'Pakistan' && s.prefix.includes('🇵🇰'))!;
    expect(emoji.prefix.length).toBeGreaterThanOrEqual(31);
    expect(long.slice(at - emoji.prefix.length, at)).toBe(emoji.prefix);
  });
});

const TRICKY = 'Pakistan 🇵🇰 was a key partner';

describe('the Gloss JSON-LD context', () => {
  it('defines every key Gloss writes (anno.jsonld defines the rest); structured values are JSON literals', () => {
    buildRichProject(project);
    const json = exportJson();
    const contexts: unknown[] = [];
    const undefinedKeys = new Set<string>();
    walk(json, (o) => {
      if (o['@context']) contexts.push(o['@context']);
      for (const k of Object.keys(o)) if (k !== '@context' && !ANNO_TERMS.has(k) && !(k in GLOSS_CONTEXT)) undefinedKeys.add(k);
    });
    expect([...undefinedKeys]).toEqual([]);
    expect(contexts.length).toBeGreaterThan(10);
    for (const c of contexts) expect(c).toEqual(['http://www.w3.org/ns/anno.jsonld', GLOSS_CONTEXT]);
    // Every gloss: key the export holds is one the context defines, and the document text travels in gloss:documents.
    expect(JSON.stringify(json)).toContain('"gloss:documents"');
    const docs = json['gloss:documents'] as { text: string; blocks: unknown[] }[];
    expect(docs[0]!.text.length).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(GLOSS_CONTEXT)) if (k.startsWith('gloss:')) expect((v as { '@id': string })['@id']).toBe(`urn:gloss:ns:${k.slice(6)}`);
  });
});
