// Labelling comfort in the reader: the label palette with hotkeys and
// visibility switches, the side list filtered by label with sentence
// context, the hover card, whole-word selections, the duplicate warning, and
// accepting all suggestions of one label in one step.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { highlightCount, highlightTint, hoverHighlight, selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

describe('labelling comfort in the reader', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;
  let doc: { id: string; name: string };

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'labelling.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', path.join(CORPUS_DIR, 'pakistan-on-the-sidelines.txt'), '--db', db]);
    [doc] = JSON.parse(execFileSync(process.execPath, [GLOSS_BIN, 'list', '--json', '--db', db], { encoding: 'utf8' }));
    served = await serveProject(db);
    api = httpApi(served.url);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${served.url}#/doc/${doc.id}`);
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  const stored = async () => (await api('annotations.list', { documentId: doc.id })).map((a) => a.quote);

  it('tags from the always-visible palette, and a drag inside words selects whole words', async () => {
    const palette = page.getByRole('toolbar', { name: 'Labels' });
    await palette.getByRole('button', { name: /Person/ }).first().waitFor();
    // Part of "Marco Rubio", as a sloppy drag would select it: snapped to the words by the pointer's release.
    await selectPhrase(page, 'rco Rub');
    const box = await page.locator('.gl-reader-text').boundingBox();
    await page.mouse.move(box!.x + 5, box!.y + 5);
    await page.evaluate(() => document.querySelector('.gl-reader-text')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })));
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('Marco Rubio');
    await palette.getByRole('button', { name: /^1? ?Person$/ }).click();
    await expect.poll(stored).toEqual(['Marco Rubio']);
  });

  it('warns about the same span with the same label, and opens the existing one', async () => {
    await selectPhrase(page, 'Marco Rubio');
    await page.keyboard.press('1');
    await page.getByText(/already tagged Person/).waitFor();
    await page.getByRole('dialog', { name: 'Edit annotation' }).waitFor();
    expect(await stored()).toEqual(['Marco Rubio']);
    await page.keyboard.press('Escape');
  });

  it('hides a label’s highlights, filters the side list and gives each row its sentence', async () => {
    await selectPhrase(page, 'Pakistan', 0);
    await page.keyboard.press('3');
    await selectPhrase(page, 'Pakistan', 1);
    await page.keyboard.press('3');
    await expect.poll(async () => (await stored()).length).toBe(3);
    const list = page.getByRole('region', { name: 'Annotations' });
    await list.getByLabel('Label').selectOption({ label: 'Location' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    // The two "Location: Pakistan" rows are told apart by their sentences.
    const contexts = await list.locator('.gl-annotation-context').allInnerTexts();
    expect(new Set(contexts).size).toBe(2);
    await list.getByLabel('Label').selectOption({ label: 'All' });

    const eye = page.getByRole('toolbar', { name: 'Labels' }).getByRole('button', { name: 'Show Location highlights' });
    await eye.click();
    expect(await eye.getAttribute('aria-pressed')).toBe('false');
    const tint = () => highlightTint(page, /^Pakistan$/);
    await expect.poll(tint).toBe('rgba(0, 0, 0, 0)');
    await eye.click();
    await expect.poll(tint).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('shows a hover card with the label and note', async () => {
    const rubio = (await api('annotations.list', { documentId: doc.id })).find((a) => a.quote === 'Marco Rubio');
    await api('annotations.update', { id: rubio!.id, note: 'US Secretary of State' });
    await page.reload();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await page.locator('.gl-reader-text .gl-hl', { hasText: 'Marco Rubio' }).first().hover();
    const card = page.getByRole('tooltip');
    await card.getByText('Note: US Secretary of State').waitFor();
    expect((await card.innerText()).toLowerCase()).toContain('person');
    // Escape dismisses it without moving the pointer (WCAG 1.4.13); it stays away while the pointer rests there.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    const box = (await page.locator('.gl-reader-text .gl-hl', { hasText: 'Marco Rubio' }).first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2);
    await page.waitForTimeout(200);
    expect(await card.count()).toBe(0);
  });

  it('shows the same card for the highlight the caret rests in, and takes it away when focus leaves or on Escape', async () => {
    await page.mouse.move(1, 1);
    const text = page.getByRole('textbox', { name: 'Document text' });
    const caretInto = (phrase: string) =>
      text.evaluate((el, p) => {
        (el as HTMLElement).focus();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = n.textContent!.indexOf(p);
          if (i >= 0 && n.parentElement!.closest('.gl-hl')) return void getSelection()!.collapse(n, i + 2);
        }
        throw new Error(`no highlight holds ${p}`);
      }, phrase);
    const card = page.getByRole('tooltip');
    await caretInto('Marco Rubio');
    await card.getByText('Note: US Secretary of State').waitFor();
    await page.keyboard.press('ArrowRight'); // still inside: the card stays
    await page.waitForTimeout(100);
    expect(await card.count()).toBe(1);
    await page.keyboard.press('Tab');
    await card.waitFor({ state: 'detached' });
    await caretInto('Marco Rubio');
    await card.waitFor();
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
  });

  it('shows the hover card on a highlight just tagged (painted as a range), with or without highlightsFromPoint', async () => {
    for (const withPointLookup of [true, false]) {
      await page.reload();
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
      if (!withPointLookup) await page.evaluate(() => Object.defineProperty(HighlightRegistry.prototype, 'highlightsFromPoint', { value: undefined, configurable: true }));
      await selectPhrase(page, 'Global Minerals Conference');
      await page.keyboard.press('2'); // Organization
      await expect.poll(() => highlightCount(page, /^Global Minerals Conference$/)).toBe(1);
      await page.mouse.move(1, 1);
      await hoverHighlight(page, /^Global Minerals Conference$/);
      const card = page.getByRole('tooltip');
      await expect.poll(async () => ((await card.count()) ? (await card.innerText()).toLowerCase() : '')).toContain('organization');
      await page.keyboard.press('Control+z');
      await expect.poll(() => highlightCount(page, /^Global Minerals Conference$/)).toBe(0);
    }
  });

  it('accepts every suggestion of one label in one step, undone in one step', async () => {
    const before = (await stored()).length;
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Show suggestions' }).click();
    const group = page.getByRole('group', { name: 'Accept all of one label' });
    const button = group.getByRole('button', { name: /^Accept all \d+ Money$/ });
    await button.waitFor();
    const n = Number((await button.innerText()).match(/\d+/)![0]);
    await button.click();
    await expect.poll(async () => (await stored()).length).toBe(before + n);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await stored()).length).toBe(before);

    // All at or above a confidence, in one step.
    const byConfidence = page.getByRole('group', { name: 'Accept by confidence' });
    await byConfidence.getByLabel('Confidence at least').selectOption({ label: '80%' });
    const acceptAbove = byConfidence.getByRole('button', { name: /^Accept \d+ at or above$/ });
    const m = Number((await acceptAbove.innerText()).match(/\d+/)![0]);
    expect(m).toBeGreaterThan(0);
    await acceptAbove.click();
    // Dozens of accepts, each saved: give it time on a busy machine.
    await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBe(before + m);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await stored()).length).toBe(before);
  });

  it('draws relations as arrows when the project setting is on, and keeps the settings in the project file', async () => {
    const list = await api('annotations.list', { documentId: doc.id });
    const rubio = list.find((a) => a.quote === 'Marco Rubio')!;
    const place = list.find((a) => a.quote === 'Pakistan')!;
    const [type] = await api('relationTypes.list', {});
    await api('relations.create', { typeId: type!.id, fromAnnotationId: rubio.id, toAnnotationId: place.id });
    await page.reload();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    const settings = page.getByRole('group', { name: 'Reader settings' });
    const arrows = settings.getByRole('button', { name: 'Relation arrows' });
    expect(await arrows.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.gl-arcs path.gl-arc').count()).toBe(0);
    await arrows.click();
    await expect.poll(() => page.locator('.gl-arcs path.gl-arc').count()).toBe(1);
    expect(await page.locator('.gl-arcs .gl-arc-label').textContent()).toBe(type!.name);
    await settings.getByRole('button', { name: 'Whole words' }).click();
    await expect.poll(() => api('project.readerSettings', {})).toEqual({ snapToWords: false, showRelationArcs: true });
    // Undo puts the setting back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => api('project.readerSettings', {})).toEqual({ snapToWords: true, showRelationArcs: true });
  });
});
