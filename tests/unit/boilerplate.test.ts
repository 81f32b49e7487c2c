// Boilerplate (keyword lines, reference lists, citations) is left out of
// suggestions and of claim matching; an accepted mention named like an
// entity is linked to it. Real SQLite files, the real suggestion engine.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/backend/api/dispatch.ts';
import { importSources, readSources } from '../../electron/backend/import/index.ts';
import type { Project } from '../../electron/backend/project.ts';
import { boilerplateRanges, isHeadingLine } from '../../electron/backend/text/boilerplate.ts';
import { freshProjectPerTest } from '../support/project.ts';

const ARTICLE = [
  'Minerals deal draws scrutiny',
  '',
  'Secretary of State Marco Rubio said on Monday that Pakistan would join the talks in Washington.',
  '',
  'Officials in Islamabad said the agreement covered rare earths worth $500 million.',
  '',
  'Keywords: Pakistan, Washington, rare earths, Marco Rubio',
  '',
  'References',
  '',
  '[1] Smith, J. (2024). Pakistan and the United States in Washington. Journal of Minerals, 3.',
  '2. Brown, A. Critical minerals after 2020. doi: 10.1234/abcd',
].join('\n');

describe('boilerplate', () => {
  let project: Project;
  let dir: string;
  freshProjectPerTest((p, d) => {
    project = p;
    dir = d;
  });
  const call = async (method: string, args: unknown) => {
    const r = (await createDispatcher(project)(method as never, args as never)) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!r.ok) throw new Error(r.error!.message);
    return r.result as never;
  };
  const load = async () => {
    fs.writeFileSync(path.join(dir, 'article.txt'), ARTICLE);
    const [doc] = await importSources(project, readSources([path.join(dir, 'article.txt')]));
    return doc!;
  };

  it('finds keyword lines and the reference list, and nothing in the prose', () => {
    const found = boilerplateRanges(ARTICLE).map((r) => ARTICLE.slice(r.start, r.end));
    expect(found[0]).toBe('Keywords: Pakistan, Washington, rare earths, Marco Rubio');
    expect(found[1]!.startsWith('References')).toBe(true);
    expect(found[1]!.endsWith('doi: 10.1234/abcd')).toBe(true);
    expect(found).toHaveLength(2);
    expect(boilerplateRanges('Plain prose.\nMore prose about keywords: none here.')).toEqual([]);
  });

  it('tells headings (a whole line not ending as a sentence does) from sentences', () => {
    const text = 'A Title Line\nNEW AGREEMENTS AND GLOBAL COORDINATION\nPakistan was not invited. It said so.\n“We will talk,” he said';
    const at = (t: string) => [text.indexOf(t), text.indexOf(t) + t.length] as const;
    expect(isHeadingLine(text, ...at('A Title Line'))).toBe(true);
    expect(isHeadingLine(text, ...at('NEW AGREEMENTS AND GLOBAL COORDINATION'))).toBe(true);
    expect(isHeadingLine(text, ...at('Pakistan was not invited.'))).toBe(false);
    expect(isHeadingLine(text, ...at('“We will talk,” he said'))).toBe(false); // quoted speech, even without a final stop
    expect(isHeadingLine(text, ...at('It said so.'))).toBe(false);
  });

  it('suggests nothing in keyword lines or reference lists', async () => {
    const doc = await load();
    const list: { start: number; quote: string }[] = await call('suggestions.list', { documentId: doc.id });
    const prose = ARTICLE.indexOf('Keywords:');
    expect(list.some((s) => s.quote === 'Pakistan')).toBe(true);
    expect(list.filter((s) => s.start >= prose)).toEqual([]);
  });

  it('links an accepted mention to the one entity with that name or alias', async () => {
    const doc = await load();
    const entity: { id: string } = await call('entities.create', { name: 'Islamic Republic of Pakistan', aliases: ['Pakistan'], type: 'Location' });
    const list: { id: string; quote: string; labelName: string }[] = await call('suggestions.list', { documentId: doc.id });
    const pakistan = list.find((s) => s.quote === 'Pakistan')!;
    const accepted: { id: string } = await call('suggestions.accept', { documentId: doc.id, suggestionId: pakistan.id });
    expect(project.entities.entityOf(accepted.id)).toBe(entity.id);
    // No entity of that name: accepted, not linked.
    const other = list.find((s) => s.quote === 'Islamabad')!;
    const plain: { id: string } = await call('suggestions.accept', { documentId: doc.id, suggestionId: other.id });
    expect(project.entities.entityOf(plain.id)).toBeNull();
  });

  it('scores suggestions: pattern rules above the tagger, repeated names above single ones, quotations above bare reporting verbs', async () => {
    const doc = await load();
    const list: { quote: string; source: string; confidence: number; kind: string; reason: string }[] = await call('suggestions.list', { documentId: doc.id });
    const money = list.find((s) => s.source === 'money-rules')!;
    expect(money.confidence).toBeGreaterThanOrEqual(0.9);
    for (const s of list) {
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThan(1);
    }
    const tagged = list.filter((s) => s.source === 'compromise');
    const counts = new Map<string, number>();
    for (const s of tagged) counts.set(s.quote, (counts.get(s.quote) ?? 0) + 1);
    for (const s of tagged) expect(s.confidence).toBe(counts.get(s.quote)! > 1 ? Math.min(0.8, 0.6 + 0.1 * (counts.get(s.quote)! - 1)) : 0.6);
  });
});
