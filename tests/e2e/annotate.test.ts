import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { clickHighlight, highlightCount, highlightLanes, highlightTint, selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const ARTICLE = path.join(CORPUS_DIR, 'pakistan-on-the-sidelines.txt');

/** The project as the CLI sees it: the real SQLite file, read by another process. */
function listDocuments(db: string): { id: string; name: string; annotationCount: number }[] {
  return JSON.parse(execFileSync(process.execPath, [GLOSS_BIN, 'list', '--json', '--db', db], { encoding: 'utf8' }));
}

describe('annotating in the browser against the local server', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = tempDir();
    db = path.join(tmp.dir, 'e2e.gloss');
    served = await serveProject(db);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('imports an article through the file picker and opens it', async () => {
    await page.goto(served.url);
    await page.getByText('No documents yet').waitFor();
    await page.getByTestId('import-files').setInputFiles(ARTICLE);
    const open = page.getByRole('button', { name: 'Open Pakistan on the Sidelines of US Mineral Diplomacy' });
    await open.waitFor();
    expect(listDocuments(db).map((d) => d.name)).toEqual(['pakistan-on-the-sidelines']);
    await open.click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
  });

  it('tags a selected phrase with a hotkey, and the annotation survives a reload', async () => {
    await selectPhrase(page, 'Marco Rubio');
    await page.keyboard.press('1'); // Person
    const item = page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*Marco Rubio/ });
    await item.waitFor();
    await expect.poll(() => listDocuments(db)[0]!.annotationCount).toBe(1);
    // Painted at once over the phrase as a registered range (freshHighlights.ts): the text's elements stay as they were.
    expect(await page.locator('.gl-reader-text .gl-hl').count()).toBe(0);
    expect(await highlightCount(page, /^Marco Rubio$/)).toBe(1);
    expect(await highlightTint(page, /^Marco Rubio$/)).not.toBe('rgba(0, 0, 0, 0)');

    await page.reload();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*Marco Rubio/ }).waitFor();
    expect(await page.locator('.gl-reader-text .gl-hl', { hasText: 'Marco Rubio' }).count()).toBe(1);
  });

  it('keeps overlapping annotations distinguishable', async () => {
    await selectPhrase(page, 'Secretary of State Marco Rubio');
    await page.keyboard.press('2'); // Organization, overlapping the Person
    const panel = page.getByRole('region', { name: 'Annotations' });
    await panel.getByRole('button', { name: /Organization\s*Secretary of State Marco Rubio/ }).waitFor();
    // "Marco Rubio" sits inside both highlights, drawn in two different lanes.
    await expect.poll(() => highlightLanes(page, 'Marco Rubio').then((l) => l.length)).toBe(2);
    const lanes = await highlightLanes(page, 'Marco Rubio');
    expect(new Set(lanes).size).toBe(2);
    await expect.poll(() => listDocuments(db)[0]!.annotationCount).toBe(2);
  });

  it('undoes and redoes with Ctrl+Z and Ctrl+Shift+Z, saving each step', async () => {
    const panel = page.getByRole('region', { name: 'Annotations' });
    const org = panel.getByRole('button', { name: /Organization\s*Secretary of State/ });
    await page.getByRole('textbox', { name: 'Document text' }).focus();
    await page.keyboard.press('Control+z');
    await org.waitFor({ state: 'detached' });
    await expect.poll(() => listDocuments(db)[0]!.annotationCount).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await org.waitFor();
    await expect.poll(() => listDocuments(db)[0]!.annotationCount).toBe(2);
    // The Undo button does the same.
    await page.getByRole('button', { name: 'Undo' }).click();
    await org.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Redo' }).click();
    await org.waitFor();
  });

  it('edits an annotation by clicking its highlight: label, note, delete', async () => {
    await clickHighlight(page, 'Secretary of State');
    const editor = page.getByRole('dialog', { name: 'Edit annotation' });
    await editor.waitFor();
    await editor.getByLabel('Label').selectOption({ label: 'Person' });
    await editor.getByLabel('Note').fill('title and name');
    await editor.getByLabel('Note').blur();
    const panel = page.getByRole('region', { name: 'Annotations' });
    await panel.getByRole('button', { name: /Person\s*Secretary of State Marco Rubio\s*title and name/ }).waitFor();
    const exported = path.join(tmp.dir, 'out.jsonl');
    await expect
      .poll(() => {
        execFileSync(process.execPath, [GLOSS_BIN, 'export', '--format', 'jsonl', '--out', exported, '--db', db]);
        const line = JSON.parse(fs.readFileSync(exported, 'utf8').trim()) as { annotations: { label: string; note: string; quote: string }[] };
        return line.annotations.map((a) => `${a.label}|${a.quote}|${a.note}`).sort();
      })
      .toEqual(['Person|Marco Rubio|', 'Person|Secretary of State Marco Rubio|title and name']);
    await editor.getByRole('button', { name: 'Delete annotation' }).click();
    await editor.waitFor({ state: 'detached' });
    await expect.poll(() => listDocuments(db)[0]!.annotationCount).toBe(1);
  });

  it('tags from the keyboard alone: Shift+arrows select, Enter opens the label picker', async () => {
    const text = page.getByRole('textbox', { name: 'Document text' });
    await selectPhrase(page, 'Pakistan on the Sidelines');
    // Collapse to the start of the phrase, then extend by keyboard. Right after a scripted
    // selection (faster than any hand) Chromium can drop the first arrow press: press until collapsed.
    for (let i = 0; i < 3 && !(await page.evaluate(() => getSelection()?.isCollapsed)); i++) {
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(100);
    }
    // One key at a time, as a hand types: each press extends the selection by one character
    // (a press sent while the view is still redrawing the last one can be lost in Chromium).
    const selectedText = () => page.evaluate(() => getSelection()?.toString() ?? '');
    for (let i = 0; i < 20 && (await selectedText()) !== 'Pakistan'; i++) {
      await page.keyboard.press('Shift+ArrowRight');
      await page.waitForTimeout(30);
    }
    expect(await selectedText()).toBe('Pakistan');
    await text.press('Enter');
    const picker = page.getByRole('toolbar', { name: 'Tag selection as' });
    await picker.waitFor();
    // The picker takes focus when it opens; an arrow pressed before that would move the caret instead.
    await expect.poll(() => picker.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // third label: Location
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Location\s*Pakistan$/ }).waitFor();
  });

  it('finds documents by full-text search in the library', async () => {
    await page.getByRole('button', { name: 'Library' }).click();
    await page.getByRole('searchbox', { name: 'Search documents' }).fill('stockpiling');
    await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Open Pakistan on the Sidelines/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Search documents' }).fill('zzzunlikelyword');
    await page.getByText('No document matches').waitFor();
  });

  it('imports hostile HTML without running any of its scripts', async () => {
    const hostile = path.join(tmp.dir, 'hostile.html');
    fs.writeFileSync(
      hostile,
      `<!doctype html><html><head><title>Hostile page</title><script>window.__pwned = 1; document.title = 'pwned'</script></head>
       <body onload="window.__pwned = 2"><article><h1>Hostile page</h1>
       <p>Ordinary paragraph with enough words to count as the article body for the extractor to keep it around.</p>
       <p><img src="x" onerror="window.__pwned = 3">A second paragraph <a href="javascript:window.__pwned=4">with a link</a> and more words to keep.</p>
       <script>window.__pwned = 5</script><iframe src="javascript:parent.__pwned=6"></iframe>
       <p>&lt;script&gt;window.__pwned = 7&lt;/script&gt; is shown as text.</p></article></body></html>`,
    );
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.getByRole('searchbox', { name: 'Search documents' }).fill('');
    await page.getByTestId('import-files').setInputFiles(hostile);
    await page.getByRole('button', { name: 'Open Hostile page' }).click();
    const text = page.getByRole('textbox', { name: 'Document text' });
    await text.waitFor();
    await page.getByText('is shown as text').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.gl-reader-text script, .gl-reader-text img, .gl-reader-text iframe, .gl-reader-text a').count()).toBe(0);
    expect(await page.title()).toBe('Gloss');
    expect(dialogs).toBe(0);
  });
});
