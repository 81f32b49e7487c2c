// Live updates between two browser sessions on one `gloss serve`, in Chromium:
// an annotation made in page A shows in page B's reader within a second,
// without moving B's scroll; a CLI import into the same project file shows in
// B's library. Each page has its own browser context (its own cookie, as two
// people would).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi } from '../support/api.ts';
import { describeFindings, seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const ARTICLE = path.join(CORPUS_DIR, 'pakistan-on-the-sidelines.txt');
const OTHER = path.join(CORPUS_DIR, 'rare-earth-diplomacy-white-house.txt');

describe('live updates between two sessions', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let served: ServedProject;
  let browser: Browser;
  let a: Page;
  let b: Page;
  let documentId: string;

  beforeAll(async () => {
    tmp = tempDir();
    db = path.join(tmp.dir, 'live.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', ARTICLE, '--db', db], { encoding: 'utf8' });
    served = await serveProject(db);
    documentId = (await httpApi(served.url)('documents.list', {}))[0]!.id;
    browser = await launchChromium();
    a = await (await browser.newContext({ viewport: { width: 1300, height: 800 } })).newPage();
    b = await (await browser.newContext({ viewport: { width: 1300, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it("shows an annotation made in page A in page B's reader within a second, keeping B's scroll", async () => {
    for (const page of [a, b]) {
      await page.goto(`${served.url}#/doc/${documentId}`);
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    }
    // B has scrolled down a little, and has its own annotation editor closed: it is reading.
    const scroller = b.locator('.gl-reader-main');
    await scroller.evaluate((el) => (el.scrollTop = 200));
    const scrolled = await scroller.evaluate((el) => el.scrollTop);
    const bPanel = b.getByRole('region', { name: 'Annotations' });
    expect(await bPanel.getByRole('button', { name: /Person\s*Marco Rubio/ }).count()).toBe(0);

    await selectPhrase(a, 'Marco Rubio');
    const tagged = Date.now();
    await a.keyboard.press('1'); // Person
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*Marco Rubio/ }).waitFor();

    await b.locator('.gl-reader-text .gl-hl', { hasText: 'Marco Rubio' }).first().waitFor({ timeout: 3000 });
    const latency = Date.now() - tagged;
    console.log(`live update in the browser: A tagged → B shows the highlight in ${latency} ms`);
    expect(latency).toBeLessThan(1000);
    await bPanel.getByRole('button', { name: /Person\s*Marco Rubio/ }).waitFor();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled);
    // The note says why the page changed, without taking focus.
    await b.getByRole('status').filter({ hasText: 'Updated by another session' }).waitFor();
    // A's own change did not announce itself to A.
    expect(await a.getByRole('status').filter({ hasText: 'Updated by another session' }).count()).toBe(0);

    // Deleting it in A takes it away in B too.
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*Marco Rubio/ }).click();
    await a.getByRole('button', { name: 'Delete annotation' }).click();
    await expect.poll(() => b.locator('.gl-reader-text .gl-hl', { hasText: 'Marco Rubio' }).count(), { timeout: 3000 }).toBe(0);
  });

  it("shows a document the CLI imports into the same file in page B's library", async () => {
    await b.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await b.getByRole('button', { name: 'Open Pakistan on the Sidelines of US Mineral Diplomacy' }).waitFor();
    const started = Date.now();
    execFileSync(process.execPath, [GLOSS_BIN, 'import', OTHER, '--db', db], { encoding: 'utf8' });
    const imported = Date.now();
    await b.getByRole('button', { name: /^Open Pakistan.s Rare Earth Minerals Diplomacy/ }).waitFor({ timeout: 5000 });
    console.log(`live update from the CLI: import took ${imported - started} ms, B's library showed it ${Date.now() - imported} ms after the CLI exited`);
    expect(Date.now() - imported).toBeLessThan(2000);
    await b.getByRole('status').filter({ hasText: 'Updated by another program' }).waitFor();

    const findings = await seriousViolations(b);
    expect(findings, describeFindings('library after a live update', findings)).toEqual([]);
  });
});
