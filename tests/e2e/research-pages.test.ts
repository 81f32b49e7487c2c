import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, DocumentSummary, Label } from '../../shared/index.ts';
import { httpApi, type ApiCall } from '../support/api.ts';
import { describeFindings, seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const KEY_PARTNER = 'Pakistan is a key US partner on critical minerals';
const CREDIBLE = 'Pakistan’s mineral claims are credible';

describe('the tagset, entities and propositions pages against the local server', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let docs: Record<'partners' | 'sidelines' | 'whiteHouse', DocumentSummary>;

  const call: ApiCall = (method, args) => httpApi(served.url)(method, args);

  /** Tags a passage of a document as a claim and links it to a proposition. */
  async function claim(doc: DocumentSummary, passage: string, proposition: string, stance: string): Promise<Annotation> {
    const { text } = await call('documents.get', { id: doc.id });
    const start = text.indexOf(passage);
    expect(start, `"${passage}" in ${doc.name}`).toBeGreaterThanOrEqual(0);
    const labels = await call('labels.list', {});
    const claimLabel = labels.find((l) => l.name === 'Claim')!;
    const a = await call('annotations.create', { documentId: doc.id, ranges: [{ start, end: start + passage.length }], labelId: claimLabel.id });
    await call('claims.link', { annotationId: a.id, propositionText: proposition, stance });
    return a;
  }

  const annotationCount = async () => (await call('documents.list', {})).reduce((n, d) => n + d.annotationCount, 0);

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'research.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', CORPUS_DIR, '--db', db], { stdio: 'ignore' });
    served = await serveProject(db);
    const list = await call('documents.list', {});
    const byName = (name: string) => list.find((d) => d.name === name)!;
    docs = { partners: byName('pakistan-among-key-partners'), sidelines: byName('pakistan-on-the-sidelines'), whiteHouse: byName('rare-earth-diplomacy-white-house') };
    await claim(docs.partners, 'Pakistan has emerged as a notable partner in the US strategy', KEY_PARTNER, 'favor');
    await claim(docs.sidelines, 'it has been systematically and strategically excluded from this initiative', KEY_PARTNER, 'against');
    await claim(docs.whiteHouse, 'historical skepticism clouds Pakistan\'s resource claims', CREDIBLE, 'against');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
    await page.goto(served.url);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  describe('tagset', () => {
    it('adds a label with hotkey 8 and an enum attribute, saved at once', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tagset' }).click();
      await page.getByRole('heading', { name: 'Tagset', level: 1 }).waitFor();
      const form = page.getByRole('form', { name: 'Add a label' });
      await form.getByLabel('New label name').fill('Commodity');
      await form.getByLabel('New label kind').selectOption('entity');
      await form.getByLabel('New label hotkey').selectOption('8');
      await form.getByRole('button', { name: 'Add label' }).click();

      const row = page.getByRole('row', { name: 'Label Commodity' });
      await row.waitFor();
      await row.getByRole('button', { name: 'Add attribute to Commodity' }).click();
      await row.getByLabel('Attribute name').fill('form');
      await row.getByLabel('Attribute type').selectOption('enum');
      await row.getByLabel('Attribute values, comma-separated').fill('ore, concentrate, refined');
      await row.getByRole('button', { name: 'Add', exact: true }).click();
      await row.getByRole('list', { name: 'Attributes of Commodity' }).getByText('one of ore, concentrate, refined').waitFor();

      const saved = (await call('labels.list', {})).find((l) => l.name === 'Commodity');
      expect(saved).toMatchObject({ kind: 'entity', hotkey: '8', attributes: [{ name: 'form', type: 'enum', values: ['ore', 'concentrate', 'refined'] }] });
    });

    it("shows the backend's refusal of a taken hotkey and of deleting a used label", async () => {
      const row = page.getByRole('row', { name: 'Label Commodity' });
      await row.getByLabel('Hotkey of label Commodity').selectOption('1');
      await row.getByRole('alert').filter({ hasText: 'hotkey 1 is already used by "Person"' }).waitFor();
      expect(await row.getByLabel('Hotkey of label Commodity').inputValue()).toBe('8');
      expect((await call('labels.list', {})).find((l) => l.name === 'Commodity')!.hotkey).toBe('8');

      const claimRow = page.getByRole('row', { name: 'Label Claim' });
      await claimRow.getByRole('button', { name: 'Delete label Claim' }).click();
      await claimRow.getByRole('alert').filter({ hasText: 'label is used by 3 annotation(s)' }).waitFor();
      expect((await call('labels.list', {})).some((l) => l.name === 'Claim')).toBe(true);
    });

    it('switches the stance values to agree/disagree/discuss, renaming existing stances, and undoes it', async () => {
      await page.getByRole('button', { name: /^agree \/ disagree \/ discuss/ }).click();
      const list = page.getByRole('list', { name: 'Stance values' });
      await expect.poll(() => list.getByRole('textbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['agree', 'disagree', 'discuss']);
      expect((await call('tagset.get', {})).stances).toEqual({ values: ['agree', 'disagree', 'discuss'], defaultValue: 'discuss' });
      expect((await call('claims.listByDocument', { documentId: docs.partners.id })).map((c) => c.stance)).toEqual(['agree']);
      expect((await call('claims.listByDocument', { documentId: docs.sidelines.id })).map((c) => c.stance)).toEqual(['disagree']);

      // Renaming one value in place passes a rename map too.
      const third = list.getByLabel('Stance value 3');
      await third.fill('comment');
      await third.press('Enter');
      await expect.poll(async () => (await call('tagset.get', {})).stances.values).toEqual(['agree', 'disagree', 'comment']);

      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(async () => (await call('tagset.get', {})).stances.values).toEqual(['agree', 'disagree', 'discuss']);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(async () => (await call('tagset.get', {})).stances).toEqual({ values: ['favor', 'against', 'neutral'], defaultValue: 'neutral' });
      expect((await call('claims.listByDocument', { documentId: docs.partners.id })).map((c) => c.stance)).toEqual(['favor']);
      await expect.poll(() => list.getByRole('textbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['favor', 'against', 'neutral']);
    });

    it('exports the tagset as brat annotation.conf and visual.conf downloads', async () => {
      await page.getByRole('button', { name: 'Export brat configuration' }).click();
      const exported = page.getByRole('region', { name: 'Exported brat configuration' });
      const link = exported.getByRole('link', { name: 'Download annotation.conf' });
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('annotation.conf');
      const conf = fs.readFileSync((await download.path())!, 'utf8');
      expect(conf).toMatch(/^\[entities\]$/m);
      expect(conf).toMatch(/^Commodity$/m);
      expect(conf).toMatch(/^form\t.*Arg:Commodity/m);
      await exported.getByRole('link', { name: 'Download visual.conf' }).waitFor();
    });

    it('imports a brat annotation.conf pasted in, merging, and undoes the import', async () => {
      await page.getByLabel('annotation.conf text').fill('[entities]\nMineral\n[relations]\n[events]\n[attributes]\n');
      await page.getByRole('button', { name: 'Import brat configuration' }).click();
      await page.getByRole('status', { name: 'Result of the brat configuration import' }).getByText('Added: labels Mineral').waitFor();
      await page.getByRole('row', { name: 'Label Mineral' }).waitFor();
      expect((await call('labels.list', {})).map((l) => l.name)).toContain('Commodity');
      expect((await call('labels.list', {})).map((l) => l.name)).toContain('Mineral');
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('row', { name: 'Label Mineral' }).waitFor({ state: 'detached' });
      expect((await call('labels.list', {})).map((l) => l.name)).not.toContain('Mineral');
    });

    it("makes the new label's hotkey work in the reader at once", async () => {
      await page.goto(`${served.url}#/doc/${docs.sidelines.id}`);
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
      await selectPhrase(page, 'copper concentrate');
      await page.keyboard.press('8');
      const commodity = (await call('labels.list', {})).find((l: Label) => l.name === 'Commodity')!;
      await expect
        .poll(async () => (await call('annotations.list', { documentId: docs.sidelines.id })).filter((a) => a.labelId === commodity.id).map((a) => a.quote))
        .toEqual(['copper concentrate']);
    });
  });

  describe('entities', () => {
    let pakistanId = '';

    it('creates an entity with an alias and an external id', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Entities' }).click();
      const form = page.getByRole('form', { name: 'Add an entity' });
      await form.getByLabel('New entity name').fill('Pakistan');
      await form.getByLabel('New entity type').fill('Location');
      await form.getByLabel('Add alias of the new entity').fill('Islamic Republic of Pakistan');
      await form.getByLabel('Add alias of the new entity').press('Enter');
      await form.getByRole('button', { name: 'Create entity' }).click();

      const row = page.getByRole('row', { name: 'Entity Pakistan' });
      await row.waitFor();
      await page.getByRole('complementary', { name: 'Entity Pakistan' }).waitFor();
      const [entity] = await call('entities.list', {});
      expect(entity!.entity).toMatchObject({ name: 'Pakistan', type: 'Location', aliases: ['Islamic Republic of Pakistan'] });
      pakistanId = entity!.entity.id;
      expect(page.url()).toContain(`#/entities/${pakistanId}`);

      await row.getByLabel('External id of Pakistan').fill('Q843');
      await row.getByLabel('External id of Pakistan').press('Enter');
      await row.getByRole('link', { name: 'Q843' }).waitFor();
      expect((await call('entities.get', { id: pakistanId })).entity.externalId).toBe('Q843');
    });

    it('finds unlinked mentions across the three articles, tags the accepted ones, and undo removes them', async () => {
      const before = await annotationCount();
      const detail = page.getByRole('complementary', { name: 'Entity Pakistan' });
      await detail.getByRole('button', { name: 'Find unlinked mentions' }).click();
      const found = detail.getByRole('group', { name: 'Unlinked mentions found' });
      await found.getByText(/\d+ unlinked mentions in 3 documents/).waitFor();
      const boxes = found.getByRole('checkbox');
      const total = await boxes.count();
      expect(total).toBeGreaterThan(3);
      expect(await boxes.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).checked))).toBe(true);

      // Select none, then all again: the accept button follows.
      await found.getByRole('button', { name: 'Select none' }).click();
      await found.getByRole('button', { name: 'Tag 0 selected' }).waitFor();
      await found.getByRole('button', { name: 'Select all' }).click();
      await found.getByRole('button', { name: `Tag ${total} selected` }).click();
      await found.waitFor({ state: 'detached' });

      await expect.poll(async () => (await call('entities.mentions', { entityId: pakistanId })).length).toBe(total);
      const mentions = await call('entities.mentions', { entityId: pakistanId });
      expect(new Set(mentions.map((m) => m.document.id)).size).toBe(3);
      expect(await annotationCount()).toBe(before + total);

      // All mentions, grouped by document, each a link into the reader.
      const all = detail.getByRole('region', { name: 'Mentions in Pakistan among key partners in Washington’s global push for critical minerals' });
      await expect.poll(() => all.getByRole('link').count()).toBe(mentions.filter((m) => m.document.id === docs.partners.id).length);
      const first = mentions[0]!;
      expect(await detail.getByRole('link').filter({ hasText: first.annotation.quote }).first().getAttribute('href')).toBe(
        `#/doc/${encodeURIComponent(first.document.id)}?a=${encodeURIComponent(first.annotation.id)}`,
      );
      const row = page.getByRole('row', { name: 'Entity Pakistan' });
      await row.getByRole('list', { name: 'Mentions of Pakistan per document' }).getByRole('listitem').nth(2).waitFor();

      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(async () => (await call('entities.mentions', { entityId: pakistanId })).length).toBe(0);
      expect(await annotationCount()).toBe(before);
      await detail.getByText('No mentions linked yet').waitFor();

      // Redo puts the same annotations back.
      await page.getByRole('button', { name: 'Redo' }).click();
      await expect.poll(async () => (await call('entities.mentions', { entityId: pakistanId })).map((m) => m.annotation.id).sort()).toEqual(
        mentions.map((m) => m.annotation.id).sort(),
      );
    });

    it('merges entities and deletes one, each undoable', async () => {
      const form = page.getByRole('form', { name: 'Add an entity' });
      await form.getByLabel('New entity name').fill('Islamabad');
      await form.getByLabel('New entity type').fill('Location');
      await form.getByRole('button', { name: 'Create entity' }).click();
      await page.getByRole('complementary', { name: 'Entity Islamabad' }).waitFor();
      const islamabad = (await call('entities.search', { query: 'Islamabad', limit: 5 }))[0]!.entity.entity;

      await page.getByRole('checkbox', { name: 'Select Pakistan' }).check();
      await page.getByRole('checkbox', { name: 'Select Islamabad' }).check();
      const bar = page.getByRole('group', { name: 'Merge entities' });
      await bar.getByRole('combobox').selectOption({ label: 'Pakistan' });
      await bar.getByRole('button', { name: 'Merge' }).click();
      await page.getByRole('row', { name: 'Entity Islamabad' }).waitFor({ state: 'detached' });
      // The merged entity's detail gives way to the target's.
      await page.getByRole('complementary', { name: 'Entity Pakistan' }).waitFor();
      expect((await call('entities.get', { id: pakistanId })).entity.aliases).toEqual(['Islamic Republic of Pakistan', 'Islamabad']);

      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('row', { name: 'Entity Islamabad' }).waitFor();
      expect((await call('entities.get', { id: pakistanId })).entity.aliases).toEqual(['Islamic Republic of Pakistan']);
      expect((await call('entities.get', { id: islamabad.id })).entity.name).toBe('Islamabad');

      const mentions = (await call('entities.mentions', { entityId: pakistanId })).length;
      await page.getByRole('button', { name: 'Delete entity Pakistan' }).click();
      await page.getByRole('row', { name: 'Entity Pakistan' }).waitFor({ state: 'detached' });
      expect((await call('entities.list', {})).map((e) => e.entity.name)).toEqual(['Islamabad']);
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('row', { name: 'Entity Pakistan' }).waitFor();
      expect((await call('entities.mentions', { entityId: pakistanId })).length).toBe(mentions);
      await page.goto(`${served.url}#/entities/${pakistanId}`);
    });

    it('opens the reader at a mention', async () => {
      const detail = page.getByRole('complementary', { name: 'Entity Pakistan' });
      const link = detail.getByRole('region', { name: /^Mentions in Pakistan on the Sidelines/ }).getByRole('link').first();
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
      expect(new URL(page.url()).hash).toBe(href);
    });
  });

  describe('propositions', () => {
    const row = (text: string) => page.getByRole('row', { name: `Proposition ${text}` });

    it('shows each document’s stances and marks the proposition with favor and against as contested', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Propositions' }).click();
      await row(KEY_PARTNER).waitFor();
      await row(KEY_PARTNER).getByText('contested', { exact: true }).waitFor();
      expect(await row(CREDIBLE).getByText('contested', { exact: true }).count()).toBe(0);
      await row(KEY_PARTNER).getByRole('button', { name: `${docs.partners.title}: 1 favor claim` }).waitFor();
      await row(KEY_PARTNER).getByRole('button', { name: `${docs.sidelines.title}: 1 against claim` }).waitFor();
      await row(KEY_PARTNER).getByRole('button', { name: `${docs.whiteHouse.title}: nothing yet` }).waitFor();

      await page.getByRole('checkbox', { name: 'Contested only' }).check();
      await row(CREDIBLE).waitFor({ state: 'detached' });
      await row(KEY_PARTNER).waitFor();
      await page.getByRole('checkbox', { name: 'Contested only' }).uncheck();
      await row(CREDIBLE).waitFor();

      await page.getByRole('searchbox', { name: 'Filter propositions' }).fill('credible');
      await row(KEY_PARTNER).waitFor({ state: 'detached' });
      await page.getByRole('searchbox', { name: 'Filter propositions' }).fill('');
      await row(KEY_PARTNER).waitFor();
    });

    it('sets a document-level stance with a justification from a cell, and it persists after reload', async () => {
      await row(CREDIBLE).getByRole('button', { name: `${docs.sidelines.title}: nothing yet` }).click();
      const justification = row(CREDIBLE).getByRole('textbox', { name: /^Justification of the stance of Pakistan on the Sidelines/ });
      await justification.fill('Calls Pakistan’s mineral pitch symbolic');
      await row(CREDIBLE).getByRole('combobox', { name: /^Document stance of Pakistan on the Sidelines/ }).selectOption('against');
      await expect
        .poll(async () => (await call('stances.listByDocument', { documentId: docs.sidelines.id })).map((s) => [s.propositionText, s.stance, s.justification]))
        .toEqual([[CREDIBLE, 'against', 'Calls Pakistan’s mineral pitch symbolic']]);

      await page.reload();
      const cell = row(CREDIBLE).getByRole('button', { name: `${docs.sidelines.title}: document stance against` });
      await cell.click();
      expect(await row(CREDIBLE).getByRole('combobox', { name: /^Document stance of Pakistan on the Sidelines/ }).inputValue()).toBe('against');
      expect(await row(CREDIBLE).getByRole('textbox', { name: /^Justification of the stance of Pakistan on the Sidelines/ }).inputValue()).toBe(
        'Calls Pakistan’s mineral pitch symbolic',
      );

      // Clearing it is undoable, as the contract describes.
      await row(CREDIBLE).getByRole('combobox', { name: /^Document stance of Pakistan on the Sidelines/ }).selectOption('');
      await expect.poll(async () => (await call('stances.listByDocument', { documentId: docs.sidelines.id })).length).toBe(0);
      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(async () => (await call('stances.listByDocument', { documentId: docs.sidelines.id })).map((s) => s.justification)).toEqual([
        'Calls Pakistan’s mineral pitch symbolic',
      ]);
    });

    it('creates, merges and deletes propositions, each undoable', async () => {
      await page.getByLabel('New proposition').fill('Pakistan’s minerals deserve US investment');
      await page.getByLabel('New proposition').press('Enter');
      await row('Pakistan’s minerals deserve US investment').waitFor();
      expect((await call('propositions.list', {})).map((p) => p.proposition.text)).toContain('Pakistan’s minerals deserve US investment');

      await row('Pakistan’s minerals deserve US investment').getByRole('checkbox').check();
      await row(CREDIBLE).getByRole('checkbox').check();
      const bar = page.getByRole('group', { name: 'Merge propositions' });
      await bar.getByRole('combobox').selectOption({ label: CREDIBLE });
      await bar.getByRole('button', { name: 'Merge' }).click();
      await row('Pakistan’s minerals deserve US investment').waitFor({ state: 'detached' });
      expect((await call('propositions.list', {})).map((p) => p.proposition.text).sort()).toEqual([CREDIBLE, KEY_PARTNER].sort());
      await page.getByRole('button', { name: 'Undo' }).click();
      await row('Pakistan’s minerals deserve US investment').waitFor();

      await row(KEY_PARTNER).getByRole('button', { name: `Delete proposition ${KEY_PARTNER}` }).click();
      await row(KEY_PARTNER).waitFor({ state: 'detached' });
      expect(await call('claims.listByDocument', { documentId: docs.partners.id })).toEqual([]);
      await page.getByRole('button', { name: 'Undo' }).click();
      await row(KEY_PARTNER).getByText('contested', { exact: true }).waitFor();
      expect((await call('claims.listByDocument', { documentId: docs.partners.id })).map((c) => c.stance)).toEqual(['favor']);
    });

    it('opens the reader at a claim from its quote', async () => {
      await row(KEY_PARTNER).getByRole('button', { name: `${docs.partners.title}: 1 favor claim` }).click();
      const quote = row(KEY_PARTNER).getByRole('link', { name: /Pakistan has emerged as a notable partner/ });
      const [c] = await call('claims.listByDocument', { documentId: docs.partners.id });
      expect(await quote.getAttribute('href')).toBe(`#/doc/${encodeURIComponent(docs.partners.id)}?a=${encodeURIComponent(c!.annotationId)}`);
      await quote.click();
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    });

    it('past eight documents, lists only those that speak, each claim a link to its passage, its quote shown on demand', async () => {
      const files = Array.from({ length: 7 }, (_, i) => ({ name: `brief-${i + 1}.txt`, base64: Buffer.from(`Brief ${i + 1}\n\nA short note on lithium markets, number ${i + 1}.`).toString('base64') }));
      await call('documents.import', { files });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Propositions' }).click();
      await page.getByRole('columnheader', { name: 'Documents (10 in scope)' }).waitFor();
      const speaking = row(KEY_PARTNER).getByRole('list', { name: `Documents on ${KEY_PARTNER}` });
      expect(await speaking.getByRole('listitem').count()).toBe(2);
      const claim = speaking.getByRole('link', { name: /^favor claim: “Pakistan has emerged as a notable partner/ });
      await claim.focus();
      await page.getByRole('button', { name: 'Show all quotes' }).click();
      await speaking.getByText('“Pakistan has emerged as a notable partner in the US strategy”').waitFor();
      const findings = await seriousViolations(page);
      expect(findings, describeFindings('propositions, compact', findings)).toEqual([]);
      await speaking.getByRole('link', { name: /^favor “Pakistan has emerged/ }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
      const [c] = await call('claims.listByDocument', { documentId: docs.partners.id });
      expect(new URL(page.url()).hash).toBe(`#/doc/${encodeURIComponent(docs.partners.id)}?a=${encodeURIComponent(c!.annotationId)}`);
    });
  });
});
