// Provenance in the reader: tag a phrase, open the side panel's History tab
// from the keyboard and see the change (who, what, the quote) at the top;
// undo it and see the undo as a change of its own, newest first. axe finds
// nothing serious in the tab.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { describeFindings, seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const TEXT = 'Secretary of State Marco Rubio met officials from Pakistan 🇵🇰 in Washington on Monday.\n\nThe talks, officials said, went well.\n';

describe('the History tab', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let api: ApiCall;
  let browser: Browser;
  let page: Page;
  let docId: string;

  beforeAll(async () => {
    tmp = tempDir();
    served = await serveProject(path.join(tmp.dir, 'history.gloss'));
    api = httpApi(served.url);
    await api('team.setAnnotator', { name: 'Ada' });
    const [doc] = await api('documents.import', { files: [{ name: 'talks.txt', base64: Buffer.from(TEXT).toString('base64') }] });
    docId = doc!.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('lists a new annotation at the top, and its undo above it', async () => {
    await page.goto(`${served.url}#/doc/${docId}`);
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await selectPhrase(page, 'Marco Rubio');
    await page.keyboard.press('1'); // Person
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*Marco Rubio/ }).waitFor();

    // The tabs are one tab stop; End selects the last, History.
    await page.getByRole('tab', { name: /^Annotations/ }).focus();
    await page.keyboard.press('End');
    const tab = page.getByRole('tab', { name: 'History' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await tab.evaluate((el) => el === document.activeElement)).toBe(true);
    const panel = page.getByRole('tabpanel', { name: 'History' });
    await panel.getByRole('heading', { name: 'Changes to this document', level: 2 }).waitFor();
    const list = panel.getByRole('list', { name: 'Changes, newest first' });
    const first = list.getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toContain('Ada added annotation');
    expect(await first.textContent()).toContain('quote "Marco Rubio"');
    expect(await first.textContent()).toContain('annotations.create');
    expect(await first.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The import is the oldest entry.
    expect(await list.getByRole('listitem').last().textContent()).toContain('Ada added document');
    expect(await list.getByRole('listitem').count()).toBe(2);

    const found = await seriousViolations(page);
    expect(found, describeFindings('reader, History tab', found)).toEqual([]);

    // Undo (Ctrl+Z from the text) is a change of its own, shown at the top.
    await page.getByRole('textbox', { name: 'Document text' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    expect(await list.getByRole('listitem').first().textContent()).toContain('Ada deleted annotation');
    expect(await list.getByRole('listitem').nth(1).textContent()).toContain('Ada added annotation');
  });
});
