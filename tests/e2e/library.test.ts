// The library half of issue 15 in a real Chromium against `gloss serve` on a
// real project file: metadata columns, collections and scoping, search with
// operators and annotation search, opening a hit at its match, the trash with
// the app's own dialog and undo, one undo history across documents, toasts,
// importing the good files of a bad batch, switching projects, the stance
// grid for many documents; axe-core on the pages and dialogs changed here.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, REPO_ROOT } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const AXE = path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const CORPUS_FILES = fs.readdirSync(CORPUS_DIR).sort().map((f) => path.join(CORPUS_DIR, f));
const SIDELINES = 'Pakistan on the Sidelines of US Mineral Diplomacy';

/** Serious and critical axe violations inside `selector`, as readable lines. */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run({ include: [sel] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, selector);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

describe('the library, search, trash, undo and projects', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let api: ApiCall;
  let browser: Browser;
  let page: Page;
  const nativeDialogs: string[] = [];

  beforeAll(async () => {
    tmp = tempDir();
    process.env.GLOSS_RECENT_FILE = path.join(tmp.dir, 'recent.json');
    served = await serveProject(path.join(tmp.dir, 'library.gloss'));
    api = httpApi(served.url);
    browser = await launchChromium();
    // bypassCSP: the app's strict CSP would refuse axe-core's injected script (the app itself is unchanged).
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    page.on('dialog', (d) => {
      nativeDialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(served.url);
    await page.getByTestId('import-files').setInputFiles(CORPUS_FILES);
    await page.getByText('Imported 3 documents.').waitFor();
  });

  afterAll(async () => {
    delete process.env.GLOSS_RECENT_FILE;
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  const table = () => page.getByRole('table', { name: 'Documents' });
  const titlesInTable = async () => (await table().locator('tbody .gl-doc-title').allTextContents()).map((t) => t.trim());

  it('edits metadata in the app’s dialog; columns sort and filter; the same title is told apart by outlet', async () => {
    const docs = await api('documents.list', {});
    await page.getByRole('button', { name: `Edit details of ${SIDELINES}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Document details' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id') !== null && (document.activeElement as HTMLInputElement).value)).toBe(SIDELINES);
    // No Save button: a field is saved when it is left, and closing (here Escape) saves the one being typed.
    await dialog.getByLabel('Outlet').fill('Dawn');
    await page.keyboard.press('Tab');
    await dialog.getByRole('status').getByText('Outlet saved.').waitFor();
    await expect.poll(async () => (await api('documents.list', {})).find((d) => d.title === SIDELINES)?.metadata.outlet).toBe('Dawn');
    await dialog.getByLabel('Date').fill('2025-09-30');
    await dialog.getByLabel('Language').fill('en');
    expect(await axeProblems(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await api('documents.list', {})).find((d) => d.title === SIDELINES)?.metadata).toMatchObject({ outlet: 'Dawn', published: '2025-09-30', language: 'en' });
    await table().getByRole('cell', { name: 'Dawn' }).waitFor();

    // Two documents with one title: the outlet tells them apart, in the table and the buttons' names.
    const other = docs.find((d) => d.title !== SIDELINES && d.name === 'pakistan-among-key-partners')!;
    await api('documents.update', { id: other.id, title: SIDELINES, metadata: { outlet: 'Reuters' } });
    await page.reload();
    await page.getByRole('button', { name: `Open ${SIDELINES} (Dawn, 2025-09-30)` }).waitFor();
    await page.getByRole('button', { name: `Open ${SIDELINES} (Reuters)` }).waitFor();

    // Sort by outlet (ascending: Dawn, Reuters, then the one without), then descending.
    await table().getByRole('button', { name: 'Outlet' }).click();
    expect(await table().getByRole('columnheader', { name: /Outlet/ }).getAttribute('aria-sort')).toBe('ascending');
    expect((await titlesInTable()).slice(0, 2)).toEqual([`${SIDELINES} (Dawn, 2025-09-30)`, `${SIDELINES} (Reuters)`]);
    await table().getByRole('button', { name: 'Outlet' }).click();
    expect((await titlesInTable())[0]).toBe(`${SIDELINES} (Reuters)`);
    await page.getByLabel('Outlet', { exact: true }).selectOption('Dawn');
    expect(await titlesInTable()).toEqual([`${SIDELINES} (Dawn, 2025-09-30)`]);
    await page.getByLabel('Outlet', { exact: true }).selectOption('');
    await page.getByRole('textbox', { name: 'Filter' }).fill('white house');
    expect(await titlesInTable()).toHaveLength(1);
    await page.getByRole('textbox', { name: 'Filter' }).fill('');
    // Undo puts the old details back.
    await api('documents.update', { id: other.id, title: other.title, metadata: { outlet: '' } });
    await page.reload();
    await table().waitFor();
    expect(await axeProblems(page, '.gl-library')).toEqual([]);
  });

  it('collects documents into a collection, shows it, and scopes the propositions page to it', async () => {
    await page.getByRole('checkbox', { name: /^Select Pakistan on the Sidelines/ }).check();
    await page.getByRole('checkbox', { name: /^Select Pakistan's Rare Earth/ }).check();
    await page.getByLabel('Add selected to').selectOption('__new');
    await page.getByLabel('New collection name').fill('Sidelined');
    await page.getByRole('button', { name: 'Add 2 to collection' }).click();
    await expect.poll(async () => (await api('collections.list', {})).map((c) => [c.name, c.documentIds.length])).toEqual([['Sidelined', 2]]);
    await page.getByLabel('Collection', { exact: true }).selectOption({ label: 'Sidelined (2)' });
    expect(await titlesInTable()).toHaveLength(2);
    await page.getByLabel('Collection', { exact: true }).selectOption('');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Propositions' }).click();
    await page.getByRole('combobox', { name: 'Documents in scope' }).selectOption({ label: 'Collection: Sidelined (2)' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await table().waitFor();
  });

  it('searches with a phrase and NOT, keeps the query, and opens a hit at its match, highlighted', async () => {
    const box = page.getByRole('searchbox', { name: 'Search documents' });
    await box.fill('"rare earth" -sidelines');
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('button', { name: /Open Pakistan's Rare Earth/ }).waitFor();
    expect(await results.getByRole('button', { name: /Sidelines/ }).count()).toBe(0);
    await box.fill('"rare earth"');
    await results.getByRole('button', { name: /Sidelines/ }).waitFor();
    await box.fill('"rare earth');
    await page.getByText('the quote opened at character 1 is not closed').waitFor();
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await box.fill('stockpiling OR "rare earth"');
    await results.getByRole('button').first().waitFor();
    await results.getByRole('button', { name: /Open Pakistan's Rare Earth/ }).click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('gl-search-match');
        return h ? [...h][0]!.toString() : null;
      }))
      .toMatch(/^(rare earth|stockpiling)$/i);
    // The caret is at the match, in the text.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Document text');
    await page.goBack();
    await page.getByRole('searchbox', { name: 'Search documents' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search documents' }).inputValue()).toBe('stockpiling OR "rare earth"');
    await page.getByRole('searchbox', { name: 'Search documents' }).fill('');
  });

  it('searches annotations: every Location span, and claims whose note mentions a word', async () => {
    const docs = await api('documents.list', {});
    const labels = await api('labels.list', {});
    const doc = docs.find((d) => d.name === 'pakistan-on-the-sidelines')!;
    const { text } = await api('documents.get', { id: doc.id });
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    await api('annotations.create', { documentId: doc.id, ranges: [at('Pakistan')], labelId: labels.find((l) => l.name === 'Location')!.id });
    const claim = await api('annotations.create', { documentId: doc.id, ranges: [at('Pakistan was not invited')], labelId: labels.find((l) => l.name === 'Claim')!.id, note: 'snub by Washington' });
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('annotations');
    await page.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'Location' });
    const hits = page.getByRole('list', { name: 'Annotation results' });
    await hits.getByRole('button', { name: /Location.*Pakistan/ }).waitFor();
    await page.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'Claim' });
    await page.getByRole('searchbox', { name: 'Search annotations' }).fill('note:snub');
    await hits.getByRole('button', { name: /Pakistan was not invited/ }).click();
    await page.waitForURL(new RegExp(`a=${claim.id}`));
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await page.goBack();
    await page.getByRole('searchbox', { name: 'Search annotations' }).fill('');
    await page.getByRole('combobox', { name: 'Label' }).selectOption('');
    await page.getByRole('combobox', { name: 'Search in' }).selectOption('documents');
    await table().waitFor();
  });

  it('one undo history across documents: an annotation made in one document is undone from another', async () => {
    await page.getByRole('button', { name: 'Open Pakistan among key partners in Washington’s global push for critical minerals' }).click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    const doc = (await api('documents.list', {})).find((d) => d.name === 'pakistan-among-key-partners')!;
    await page.waitForTimeout(300);
    await selectPhrase(page, 'Pakistan');
    await page.keyboard.press('3'); // Location
    await expect.poll(async () => (await api('annotations.list', { documentId: doc.id })).length).toBe(1);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await page.getByRole('button', { name: `Open ${SIDELINES}` }).click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    const undo = page.getByRole('button', { name: /^Undo tag Location in «Pakistan among key partners/ });
    await undo.waitFor();
    await undo.click();
    await expect.poll(async () => (await api('annotations.list', { documentId: doc.id })).length).toBe(0);
    await page.getByText(/Undid tag Location in «Pakistan among key partners/).waitFor();
    await page.getByRole('button', { name: /^Redo tag Location/ }).click();
    await expect.poll(async () => (await api('annotations.list', { documentId: doc.id })).length).toBe(1);
  });

  it('deletes through the app’s own dialog to the trash; Undo in the message brings it back; the trash restores too', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await page.getByRole('button', { name: `Delete ${SIDELINES}` }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Move to the trash?' });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await axeProblems(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Delete ${SIDELINES}`);
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Move to trash' }).click();
    await page.getByText(`Moved “${SIDELINES}” to the trash.`).waitFor();
    expect((await api('documents.list', {})).map((d) => d.title)).not.toContain(SIDELINES);
    const annotationsBefore = (await api('trash.list', {}))[0]!.annotationCount;
    expect(annotationsBefore).toBe(2);
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await api('documents.list', {})).map((d) => d.title)).toContain(SIDELINES);
    const restored = (await api('documents.list', {})).find((d) => d.title === SIDELINES)!;
    expect(restored.annotationCount).toBe(2);

    // Again, then restore from the trash dialog.
    await page.getByRole('button', { name: `Delete ${SIDELINES}` }).click();
    await page.getByRole('alertdialog', { name: 'Move to the trash?' }).getByRole('button', { name: 'Move to trash' }).click();
    await expect.poll(async () => (await api('trash.list', {})).length).toBe(1);
    await page.getByRole('button', { name: 'Trash…' }).click();
    const trash = page.getByRole('dialog', { name: 'Trash' });
    await trash.getByRole('button', { name: `Delete for good: ${SIDELINES}` }).waitFor();
    expect(await axeProblems(page, 'dialog[open]')).toEqual([]);
    await trash.getByRole('button', { name: `Restore ${SIDELINES}` }).click();
    await trash.getByText('The trash is empty.').waitFor();
    expect(await axeProblems(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: `Open ${SIDELINES}` }).waitFor();
    expect(nativeDialogs).toEqual([]);
  });

  it('information messages dismiss themselves, but not while hovered', async () => {
    // The earlier messages go by themselves first.
    await expect.poll(() => page.locator('.gl-toast').count(), { timeout: 20_000 }).toBe(0);
    await page.getByRole('button', { name: `Edit details of ${SIDELINES}` }).click();
    await page.getByRole('dialog', { name: 'Document details' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: `Delete ${SIDELINES}` }).click();
    await page.getByRole('alertdialog', { name: 'Move to the trash?' }).getByRole('button', { name: 'Move to trash' }).click();
    const toast = page.locator('.gl-toast', { hasText: 'to the trash' });
    await toast.hover();
    await page.waitForTimeout(11_000);
    expect(await toast.count()).toBe(1);
    await page.mouse.move(5, 5);
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    await page.keyboard.press('Control+z');
    await page.getByRole('button', { name: `Open ${SIDELINES}` }).waitFor();
  });

  it('a batch with a bad file imports nothing, then lists the bad file and imports the good ones when asked', async () => {
    const bad = path.join(tmp.dir, 'broken.txt');
    fs.writeFileSync(bad, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe, 1, 2, 3]));
    const good = path.join(tmp.dir, 'fresh-article.md');
    fs.writeFileSync(good, '# A fresh article\n\nCobalt prices rose again in Kinshasa.\n');
    const before = (await api('documents.list', {})).length;
    await page.getByTestId('import-files').setInputFiles([good, bad]);
    const dialog = page.getByRole('alertdialog', { name: 'Some files cannot be imported' });
    await dialog.waitFor();
    expect((await api('documents.list', {})).length).toBe(before);
    await dialog.getByRole('list', { name: 'Files that cannot be imported' }).getByText('broken.txt').waitFor();
    expect(await axeProblems(page, 'dialog[open]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Import the 1 good file' }).click();
    await page.getByText(/Imported 1 document; left out 1 file: broken\.txt/).waitFor();
    expect((await api('documents.list', {})).map((d) => d.title)).toContain('A fresh article');
  });

  it('compares more than four documents as a stance grid that the keyboard walks', async () => {
    const docs = await api('documents.list', {});
    const labels = await api('labels.list', {});
    const claimLabel = labels.find((l) => l.name === 'Claim')!;
    const extra = await api('documents.import', {
      files: [5, 6].map((n) => ({ name: `extra-${n}.txt`, base64: Buffer.from(`Extra ${n}\nLithium is scarce, says report ${n}.\n`).toString('base64') })),
    });
    const all = [...docs, ...extra];
    for (const [i, d] of all.entries()) {
      const { text } = await api('documents.get', { id: d.id });
      const a = await api('annotations.create', { documentId: d.id, ranges: [{ start: 0, end: Math.min(10, text.length) }], labelId: claimLabel.id });
      await api('claims.link', { annotationId: a.id, propositionText: 'Lithium is scarce', stance: i % 2 ? 'against' : 'favor' });
    }
    await page.goto(`${served.url}#/compare?docs=${all.map((d) => d.id).join(',')}`);
    const grid = page.getByRole('grid', { name: 'Stance of each document on each proposition' });
    await grid.waitFor();
    expect(await grid.getByRole('row').count()).toBe(all.length + 1);
    await grid.getByRole('gridcell').first().click();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toMatch(/, P1: against$/);
    expect(await axeProblems(page, '.gl-stance-grid-page')).toEqual([]);
  });

  it('creates another project from the app, switches to it, and back through the recent list', async () => {
    await page.goto(served.url);
    await table().waitFor();
    await page.getByRole('button', { name: /^Project library/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Projects' });
    await dialog.waitFor();
    expect(await axeProblems(page, 'dialog[open]')).toEqual([]);
    await dialog.getByLabel('Open a project file (full path)').fill(path.join(tmp.dir, 'recent.json'));
    await dialog.getByRole('button', { name: 'Open project', exact: true }).click();
    await dialog.getByRole('alert').getByText(/not a Gloss project file/).waitFor();
    await dialog.getByLabel('Create a new project file (full path; .gloss is added)').fill(path.join(tmp.dir, 'second'));
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('No documents yet').waitFor();
    expect((await api('workspace.state', {})).current).toBe(path.join(tmp.dir, 'second.gloss'));
    await page.getByRole('button', { name: /^Project second/ }).click();
    await page.getByRole('dialog', { name: 'Projects' }).getByRole('button', { name: /^Open project library/ }).click();
    await table().waitFor();
    expect((await api('workspace.state', {})).current).toBe(path.join(tmp.dir, 'library.gloss'));
  });
});
