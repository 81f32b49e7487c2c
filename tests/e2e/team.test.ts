// Team annotation in the app, against `gloss serve` in Chromium: the
// annotator in the top bar (asked on first run), layers in the reader, the
// Agreement page's heat map and disagreements, curation and document status.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../shared/index.ts';
import { httpApi, type ApiCall } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

describe('team annotation in the app', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let doc: DocumentSummary;
  const call: ApiCall = (method, args) => httpApi(served.url)(method, args);

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'team.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', CORPUS_DIR, '--db', db], { stdio: 'ignore' });
    served = await serveProject(db);
    doc = (await call('documents.list', {})).find((d) => d.name === 'pakistan-on-the-sidelines')!;
    const { text } = await call('documents.get', { id: doc.id });
    const labels = await call('labels.list', {});
    const id = (name: string) => labels.find((l) => l.name === name)!.id;
    const at = (phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });
    // Both tag Marco Rubio and India alike; they differ on Japan (label) and Mexico (only ann-a).
    for (const annotator of ['ann-a', 'ann-b']) {
      await call('annotations.create', { documentId: doc.id, ranges: [at('Marco Rubio')], labelId: id('Person'), annotator });
      await call('annotations.create', { documentId: doc.id, ranges: [at('India')], labelId: id('Location'), annotator });
      await call('annotations.create', { documentId: doc.id, ranges: [at('Japan')], labelId: id(annotator === 'ann-a' ? 'Location' : 'Organization'), annotator });
    }
    await call('annotations.create', { documentId: doc.id, ranges: [at('Mexico')], labelId: id('Location'), annotator: 'ann-a' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(served.url);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('asks who is annotating on first run, and the name shows in the top bar', async () => {
    await page.getByText('Who is annotating?').waitFor();
    await page.getByLabel('Annotator name').fill('lead');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Annotator: lead (change)' }).waitFor();
    expect((await call('team.info', {})).annotator).toBe('lead');
  });

  it('sets my status on a document in the library', async () => {
    await page.getByRole('button', { name: 'Library' }).click();
    await page.getByLabel(`My status on ${doc.title}`).selectOption('done');
    await expect.poll(async () => (await call('team.statuses', {})).find((s) => s.documentId === doc.id && s.annotator === 'lead')?.status).toBe('done');
  });

  it('shows the pairwise heat map and lists the disagreements, which open in the reader', async () => {
    await page.getByRole('button', { name: 'Agreement' }).click();
    const cell = page.getByRole('button', { name: /^ann-a and ann-b: Span F1 \(overlap\) 0\.\d+; show disagreements$/ });
    await cell.waitFor();
    const list = page.getByRole('list', { name: 'Disagreements between ann-a and ann-b' });
    await list.waitFor();
    const items = await list.getByRole('listitem').allTextContents();
    expect(items.some((t) => t.includes('label') && t.includes('Japan'))).toBe(true);
    expect(items.some((t) => t.includes('missing') && t.includes('Mexico'))).toBe(true);
    await list.getByRole('listitem').filter({ hasText: 'Mexico' }).getByRole('button', { name: 'Open in reader' }).click();
    await page.waitForURL(/#\/doc\//);
  });

  it('filters the reader by annotator layer, each highlight marked with its annotator', async () => {
    const marked = page.locator('.gl-hl.gl-layer');
    await expect.poll(() => marked.count()).toBeGreaterThanOrEqual(7);
    await page.getByRole('radio', { name: 'Chosen' }).check();
    await page.getByRole('checkbox', { name: 'ann-b' }).uncheck();
    await expect.poll(() => page.locator('.gl-hl[title$="· ann-b"]').count()).toBe(0);
    expect(await page.locator('.gl-hl[title$="· ann-a"]').count()).toBeGreaterThan(0);
    await page.getByRole('radio', { name: 'All annotators' }).check();
    await expect.poll(() => page.locator('.gl-hl[title$="· ann-b"]').count()).toBeGreaterThan(0);
  });

  it('curates: what all agree on in one step, then one version of a disagreement by key', async () => {
    await page.goto(`${served.url}#/curation/${doc.id}`);
    await page.getByRole('button', { name: 'Accept all 2 agreed span(s)' }).click();
    const curated = async () => (await call('annotations.list', { documentId: doc.id })).filter((a) => a.annotator === 'curation').map((a) => a.quote).sort();
    await expect.poll(curated).toEqual(['India', 'Marco Rubio']);
    const first = page.getByRole('list', { name: 'Disagreements to curate' }).getByRole('listitem').first();
    await first.focus();
    await page.keyboard.press('1');
    await expect.poll(async () => (await curated()).length).toBe(3);
    // Undo takes it back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await curated()).length).toBe(2);
  });
});
