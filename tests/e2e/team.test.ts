// Team annotation in the app, against `gloss serve` in Chromium: the
// annotator in the top bar (asked on first run), layers in the reader, the
// Agreement page's heat map and disagreements, curation and document status.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../shared/index.ts';
import { httpApi, type ApiCall } from '../support/api.ts';
import { describeFindings, seriousViolations } from '../support/axe.ts';
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
    // Both mark the FORGE sentence as a claim on one proposition, with different stances.
    const forge = 'The summit also proposed a Forum on Resource Geostrategic Engagement (FORGE) to coordinate allied efforts';
    let proposition: string | undefined;
    for (const [annotator, stance] of [['ann-a', 'favor'], ['ann-b', 'against']] as const) {
      const claim = await call('annotations.create', { documentId: doc.id, ranges: [at(forge)], labelId: id('Claim'), annotator });
      const linked = await call('claims.link', { annotationId: claim.id, ...(proposition ? { propositionId: proposition } : { propositionText: 'Allies coordinate through FORGE' }), stance });
      proposition = linked.proposition.id;
    }
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
    await page.getByRole('button', { name: 'Use this name' }).click();
    await page.getByRole('button', { name: 'Annotator: lead (change)' }).waitFor();
    expect((await call('team.info', {})).annotator).toBe('lead');
  });

  it('keeps the top bar\'s buttons in place when a note from another session appears beside them', async () => {
    const boxOf = (name: string | RegExp) => page.getByRole('button', { name }).boundingBox();
    const before = { annotator: await boxOf('Annotator: lead (change)'), undo: await boxOf(/^Undo/) };
    // A write from outside this tab: the top bar says the view was updated by someone else.
    await call('labels.create', { name: 'Quotation', kind: 'entity', color: '#7c3aed' });
    await page.getByRole('status').getByText('Updated by another session').waitFor();
    expect({ annotator: await boxOf('Annotator: lead (change)'), undo: await boxOf(/^Undo/) }).toEqual(before);
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

  it('curates in columns: one per annotator and the curated one, each flashing the focused disagreement', async () => {
    await page.goto(`${served.url}#/curation/${doc.id}`);
    const column = (name: string) => page.getByRole('region', { name, exact: true });
    const highlights = (name: string) => column(name).evaluate((el) => new Set([...el.querySelectorAll('[data-ann]')].map((h) => h.getAttribute('data-ann'))).size);
    const seeded = (await call('annotations.list', { documentId: doc.id })).filter((a) => a.annotator !== 'curation');
    const count = (who: string) => seeded.filter((a) => a.annotator === who).length;
    // Every annotator with a span in the document has a column; the seeded ones hold 5 and 4.
    await column('Curated').waitFor();
    const names = await page.locator('.gl-curation-columns .gl-compare-column').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const annotators = [...new Set(seeded.map((a) => a.annotator))].sort();
    expect(names).toEqual([...annotators.map((a) => `${a}'s annotations`), 'Curated']);
    expect([count('ann-a'), count('ann-b')]).toEqual([5, 4]);
    await expect.poll(() => highlights("ann-a's annotations")).toBe(5);
    expect(await highlights("ann-b's annotations")).toBe(4);
    expect(await highlights('Curated')).toBe(0);

    const found = await seriousViolations(page);
    expect(found, describeFindings('curation page', found)).toEqual([]);

    // Each disagreement says how the versions differ.
    const list = page.getByRole('list', { name: 'Disagreements to curate' });
    const item = (text: string) => list.getByRole('listitem').filter({ hasText: text });
    expect(await item('Japan').getAttribute('aria-label')).toMatch(/\(different label\)/);
    expect(await item('Mexico').getAttribute('aria-label')).toMatch(/\(missing span\)/);
    expect(await item('FORGE').getAttribute('aria-label')).toMatch(/\(different stance or proposition\)/);

    // Focusing the Japan disagreement flashes each annotator's own version of it.
    const japan = item('Japan');
    await japan.focus();
    await column("ann-a's annotations").locator('.gl-selected', { hasText: 'Japan' }).waitFor();
    await column("ann-b's annotations").locator('.gl-selected', { hasText: 'Japan' }).waitFor();
    // ↓ moves to Mexico, which only ann-a tagged: ann-a's column flashes it, ann-b's flashes nothing.
    await page.keyboard.press('ArrowDown');
    await column("ann-a's annotations").locator('.gl-selected', { hasText: 'Mexico' }).waitFor();
    await expect.poll(() => column("ann-b's annotations").locator('.gl-selected').count()).toBe(0);

    // Accepting ann-a's Japan puts it in the Curated column; undo takes it out again.
    await page.keyboard.press('ArrowUp');
    await japan.getByRole('button', { name: /^Accept version \d: Location “Japan” by ann-a$/ }).click();
    await column('Curated').locator('.gl-hl', { hasText: 'Japan' }).waitFor();
    expect(await highlights('Curated')).toBe(1);
    expect(await column('Curated').locator('.gl-hl', { hasText: 'Japan' }).getAttribute('data-label')).toBe(seeded.find((a) => a.annotator === 'ann-a' && a.quote === 'Japan')!.labelId);
    // Focus went on to the next disagreement (Mexico), still in the list.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.gl-curation-items') !== null)).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlights('Curated')).toBe(0);

    // ann-b's stance on FORGE, by key: the curated claim carries ann-b's link.
    await item('FORGE').focus();
    await column("ann-b's annotations").locator('.gl-selected', { hasText: 'FORGE' }).first().waitFor();
    const version = await item('FORGE').getByRole('button', { name: /by ann-b$/ }).textContent();
    await page.keyboard.press(version!.trim());
    await column('Curated').locator('.gl-hl', { hasText: 'FORGE' }).first().waitFor();
    const links = async () => {
      const curated = (await call('annotations.list', { documentId: doc.id })).filter((a) => a.annotator === 'curation').map((a) => a.id);
      return (await call('claims.listByDocument', { documentId: doc.id })).filter((l) => curated.includes(l.annotationId)).map((l) => `${l.propositionText}: ${l.stance}`);
    };
    await expect.poll(links).toEqual(['Allies coordinate through FORGE: against']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => highlights('Curated')).toBe(0);
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
    await expect.poll(() => page.getByRole('region', { name: 'Curated', exact: true }).locator('[data-ann]').count()).toBe(3);
    // Undo takes it back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await curated()).length).toBe(2);
  });
});
