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
  /** An annotation B has open in its editor while A works. */
  let bLabel: string;

  beforeAll(async () => {
    tmp = tempDir();
    db = path.join(tmp.dir, 'live.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', ARTICLE, '--db', db], { encoding: 'utf8' });
    served = await serveProject(db);
    const api = httpApi(served.url);
    documentId = (await api('documents.list', {}))[0]!.id;
    const label = (await api('labels.list', {}))[1]!;
    bLabel = label.name;
    const text = (await api('documents.get', { id: documentId })).text;
    const start = text.indexOf('Washington, D.C.');
    await api('annotations.create', { documentId, labelId: label.id, ranges: [{ start, end: start + 'Washington, D.C.'.length }] });
    browser = await launchChromium();
    a = await (await browser.newContext({ viewport: { width: 1300, height: 800 } })).newPage();
    b = await (await browser.newContext({ viewport: { width: 1300, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it("shows an annotation made in page A in page B's reader within a second, keeping B's scroll, editor and selection", async () => {
    for (const page of [a, b]) {
      await page.goto(`${served.url}#/doc/${documentId}`);
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    }
    // B has an annotation open in its editor, and has scrolled down a little.
    const bPanel = b.getByRole('region', { name: 'Annotations' });
    await bPanel.getByRole('button', { name: new RegExp(`${bLabel}\\s*Washington`) }).click();
    const bEditor = b.getByRole('dialog', { name: 'Edit annotation' });
    await bEditor.waitFor();
    const scroller = b.locator('.gl-reader-main');
    await scroller.evaluate((el) => (el.scrollTop = 120));
    const scrolled = await scroller.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(0);
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
    expect(await bEditor.isVisible()).toBe(true);
    // The note says why the page changed, without taking focus.
    await b.getByRole('status').filter({ hasText: 'Updated by another session' }).waitFor();
    // A's own change did not announce itself to A.
    expect(await a.getByRole('status').filter({ hasText: 'Updated by another session' }).count()).toBe(0);

    // Another client (the API, as a script would) renames the document: B's heading follows, its view stays.
    await httpApi(served.url)('documents.update', { id: documentId, title: 'Pakistan on the Sidelines (renamed elsewhere)' });
    await b.getByRole('heading', { level: 1, name: 'Pakistan on the Sidelines (renamed elsewhere)' }).waitFor({ timeout: 3000 });
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(scrolled);
    expect(await bEditor.isVisible()).toBe(true);

    // B selects some text next to it; deleting the annotation in A takes it away in B too, and B's selection stays.
    await selectPhrase(b, 'Vice President J.D. Vance');
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*Marco Rubio/ }).click();
    await a.getByRole('button', { name: 'Delete annotation' }).click();
    await expect.poll(() => b.locator('.gl-reader-text .gl-hl', { hasText: 'Marco Rubio' }).count(), { timeout: 3000 }).toBe(0);
    expect(await b.evaluate(() => getSelection()?.toString())).toBe('Vice President J.D. Vance');
  });

  it('lets a hidden tab drop its stream, and catches it up when it is shown again', async () => {
    const setVisibility = (page: Page, state: 'hidden' | 'visible') =>
      page.evaluate((state) => {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility(b, 'hidden');
    // Past the 10 s a tab may stay hidden before its stream goes.
    await b.waitForTimeout(10_500);
    await selectPhrase(a, 'J.D. Vance');
    await a.keyboard.press('1');
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Person\s*J\.D\. Vance/ }).waitFor();
    await b.waitForTimeout(1000);
    expect(await b.locator('.gl-reader-text .gl-hl', { hasText: 'J.D. Vance' }).count()).toBe(0);
    await setVisibility(b, 'visible');
    await b.locator('.gl-reader-text .gl-hl', { hasText: 'J.D. Vance' }).first().waitFor({ timeout: 3000 });
    await b.getByRole('status').filter({ hasText: 'Reloaded after the connection was lost' }).waitFor();
  });

  it("never undoes another session's work: A's Ctrl+Z over B's later change is refused and changes nothing", async () => {
    for (const page of [a, b]) {
      await page.goto(`${served.url}#/doc/${documentId}`);
      await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    }
    // A tags a place; B, in its own session, relabels A's annotation.
    await selectPhrase(a, 'South Korea');
    await a.keyboard.press('3'); // Location
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Location\s*South Korea/ }).waitFor();
    const bPanel = b.getByRole('region', { name: 'Annotations' });
    await bPanel.getByRole('button', { name: /Location\s*South Korea/ }).click({ timeout: 3000 });
    const bEditor = b.getByRole('dialog', { name: 'Edit annotation' });
    await bEditor.getByLabel('Label').selectOption({ label: 'Organization' });
    await bPanel.getByRole('button', { name: /Organization\s*South Korea/ }).waitFor();
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Organization\s*South Korea/ }).waitFor({ timeout: 3000 });

    // A's undo would delete what B has changed since: refused, with the reason, and B's label stays.
    await a.getByRole('textbox', { name: 'Document text' }).focus();
    await a.keyboard.press('Control+z');
    await a.getByRole('alert').or(a.getByRole('status')).filter({ hasText: /Could not undo “tag Location.*has been changed since/ }).first().waitFor({ timeout: 5000 });
    const api = httpApi(served.url);
    const list = await api('annotations.list', { documentId });
    const labels = await api('labels.list', {});
    const southKorea = list.find((x) => x.quote === 'South Korea');
    expect(labels.find((l) => l.id === southKorea?.labelId)?.name).toBe('Organization');

    // B undoes its own relabel: A's highlight is a Location again, in both pages.
    await b.getByRole('button', { name: /^Undo relabel as Organization/ }).click();
    await bPanel.getByRole('button', { name: /Location\s*South Korea/ }).waitFor({ timeout: 3000 });
    await a.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: /Location\s*South Korea/ }).waitFor({ timeout: 3000 });
  });

  it("shows a document the CLI imports into the same file in page B's library", async () => {
    await b.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
    await b.getByRole('button', { name: 'Open Pakistan on the Sidelines (renamed elsewhere)' }).waitFor();
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
