// Accessibility to WCAG 2.1 AA: axe-core on every page and dialog (no serious
// or critical violation), and the keyboard-only walkthrough: a skip link,
// focus on the text when a document opens, no keyboard trap while
// suggestions are shown, dialogs that take focus, keep it, close on Escape
// and give it back, Enter on a highlight opening its editor, ARIA tabs.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { describeFindings, seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

describe('accessibility: axe-core on every page, and the keyboard alone', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;
  let docs: { id: string; name: string; title: string }[];

  const expectClean = async (where: string) => {
    const found = await seriousViolations(page);
    expect(found, describeFindings(where, found)).toEqual([]);
  };
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40)}` : '';
  });

  /** The caret inside the first word of the text: select it, collapse to its start, one step right. */
  const caretToStart = async () => {
    await selectPhrase(page, docs[0]!.title.split(' ')[0]!);
    for (const key of ['ArrowLeft', 'ArrowRight']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(50);
    }
  };

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'a11y.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', CORPUS_DIR, '--db', db]);
    docs = JSON.parse(execFileSync(process.execPath, [GLOSS_BIN, 'list', '--json', '--db', db], { encoding: 'utf8' }));
    served = await serveProject(db);
    api = httpApi(served.url);
    // Some research to show on the pages: an entity mention and a claim on a proposition.
    const doc = await api('documents.get', { id: docs[0]!.id });
    const labels = await api('labels.list', {});
    const person = labels.find((l) => l.name === 'Person')!;
    const claimLabel = labels.find((l) => l.kind === 'claim')!;
    const words = doc.text.indexOf(' ', 40);
    const mention = await api('annotations.create', { documentId: doc.id, labelId: person.id, ranges: [{ start: 0, end: doc.text.indexOf(' ') }] });
    const claim = await api('annotations.create', { documentId: doc.id, labelId: claimLabel.id, ranges: [{ start: 0, end: words }] });
    await api('entities.link', { links: [{ annotationId: mention.id, entityId: null }] }).catch(() => undefined);
    await api('claims.link', { annotationId: claim.id, propositionText: 'Minerals are strategic', stance: 'favor' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('library', async () => {
    await page.goto(served.url);
    await page.getByRole('table', { name: 'Documents' }).waitFor();
    await expectClean('library');
    // The first Tab reaches the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a:Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('gl-main');
  });

  it('reader: focus on the text when a document opens, Enter on a highlight opens its editor, Escape gives focus back', async () => {
    await page.getByRole('button', { name: `Open ${docs[0]!.title}` }).click();
    const text = page.getByRole('textbox', { name: 'Document text' });
    await text.waitFor();
    await expect.poll(focused).toBe('textbox:Document text');
    await expectClean('reader');
    // The caret at the start of the text is inside the first mention: a screen reader hears what it is in
    // (a polite live region), and Enter opens its editor.
    await caretToStart();
    const said = () => page.getByTestId('caret-annotations').textContent();
    await expect.poll(said).toMatch(/^In .*Person: \S+/);
    expect(await said()).toContain('favor on “Minerals are strategic”');
    expect(await page.getByTestId('caret-annotations').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.press('Enter');
    const editor = page.getByRole('dialog', { name: 'Edit annotation' });
    await editor.waitFor();
    await expect.poll(() => editor.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectClean('reader with the editor open');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('textbox:Document text');
  });

  it('reader: the label picker and the side-panel tabs', async () => {
    await selectPhrase(page, docs[0]!.title.split(' ').slice(0, 1)[0]!);
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: 'Tag selection as' }).waitFor();
    await expectClean('label picker');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('textbox:Document text');

    // Tabs: one tab stop, arrows move and select.
    const tabs = page.getByRole('tablist', { name: 'Side panel' });
    await tabs.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toBe('tab:Entities');
    expect(await tabs.getByRole('tab', { name: 'Entities' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await expect.poll(focused).toBe('tab:History');
    await page.getByRole('tabpanel', { name: 'History' }).getByRole('heading', { name: 'Changes to this document' }).waitFor();
    await expectClean('reader, History tab');
    expect(await tabs.locator('[role=tab][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Home');
    await expect.poll(focused).toMatch(/^tab:Annotations/);
    // Every tab's panel, with what this document holds (a mention, a claim on a proposition).
    for (const name of ['Annotations', 'Entities', 'Propositions', 'Suggestions']) {
      await tabs.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
      const panel = page.getByRole('tabpanel', { name: new RegExp(`^${name}`) });
      await panel.waitFor();
      // The claim's stance chip, whose name must hold its visible text ("favor claim").
      if (name === 'Propositions') await panel.getByRole('button', { name: 'favor claim: go to passage' }).waitFor();
      await page.waitForTimeout(200);
      await expectClean(`reader, ${name} tab`);
    }
  });

  it('reader: no keyboard trap while suggestions are shown', async () => {
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Show suggestions' }).click();
    await page.getByRole('list', { name: 'Suggestions' }).getByRole('listitem').first().waitFor();
    await expectClean('reader with suggestions');
    const text = page.getByRole('textbox', { name: 'Document text' });
    await text.focus();
    await page.keyboard.press('n');
    // The suggestion reached is said, with the keys that review it.
    await expect.poll(() => page.getByTestId('caret-annotations').textContent()).toMatch(/suggested \S+: .+ \(\d+%\); Enter accepts, Backspace rejects\.$/);
    await page.keyboard.press('Tab');
    expect(await focused()).not.toBe('textbox:Document text');
    await text.focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).not.toBe('textbox:Document text');
    await page.getByRole('button', { name: 'Hide suggestions' }).click();
  });

  it('the "Tag other mentions" dialog takes focus, keeps it, closes on Escape and gives focus back', async () => {
    const text = page.getByRole('textbox', { name: 'Document text' });
    await text.focus();
    await caretToStart();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('dialog', { name: 'Edit annotation' });
    await editor.waitFor();
    const link = editor.getByRole('combobox', { name: 'Link to entity' });
    await link.fill('Test entity for the dialog');
    await link.press('Enter'); // no exact match: creates the entity, then offers its other mentions
    const dialog = page.getByRole('dialog', { name: 'Tag other mentions' });
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Its opener (the entity field) is gone: focus goes to the text, not to nowhere.
    await expect.poll(focused).toBe('textbox:Document text');

    // Opened again from its button: focus in, Tab kept inside, Escape, focus back on the button.
    const opener = editor.getByRole('button', { name: /Tag other mentions/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectClean('Tag other mentions dialog');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      // The page behind is inert: focus is in the dialog (or, between rounds, on the browser's own UI).
      expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focused).toMatch(/Tag other mentions/);
    await page.keyboard.press('Escape');
  });

  it('entities, propositions, tagset and compare pages', async () => {
    await page.getByRole('button', { name: 'Entities' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectClean('entities');
    await page.getByRole('button', { name: 'Propositions' }).click();
    await page.getByText('Minerals are strategic').first().waitFor();
    await expectClean('propositions');
    await page.getByRole('button', { name: 'Tagset' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectClean('tagset');
    await page.goto(`${served.url}#/compare?docs=${docs.map((d) => d.id).join(',')}`);
    await page.getByText('Minerals are strategic').first().waitFor();
    await expectClean('compare');
    // The claim's "Similar passages" panel, and an empty matrix cell's stance buttons.
    await page.locator('.gl-compare-text [data-ann][title^="Claim"]').last().click(); // the part after the nested mention
    await page.getByRole('region', { name: 'Similar passages' }).waitFor();
    await expectClean('compare with similar passages');
    const empty = page.getByRole('table', { name: 'Proposition matrix' }).getByRole('button', { name: /Set stance/ }).first();
    if (await empty.count()) {
      await empty.click();
      await expectClean('compare with a cell’s stance buttons');
      await page.keyboard.press('Escape');
    }
  });

  it('curation: the columns and the disagreements, one focused', async () => {
    // A second annotator's version of the claim, so there is a disagreement to curate.
    const { text } = await api('documents.get', { id: docs[0]!.id });
    const claimLabel = (await api('labels.list', {})).find((l) => l.kind === 'claim')!;
    await api('annotations.create', { documentId: docs[0]!.id, labelId: claimLabel.id, ranges: [{ start: 0, end: text.indexOf(' ', 20) }], annotator: 'ann-b' });
    await page.goto(`${served.url}#/curation/${docs[0]!.id}`);
    await page.getByRole('region', { name: 'Curated', exact: true }).waitFor();
    await expectClean('curation');
    await page.getByRole('list', { name: 'Disagreements to curate' }).getByRole('listitem').first().focus();
    await page.locator('.gl-curation-columns .gl-selected').first().waitFor();
    await expectClean('curation with a disagreement focused');
  });

  it('the export dialog', async () => {
    await page.getByRole('button', { name: 'Library' }).click();
    await page.getByRole('button', { name: /^Export/ }).first().click();
    const dialog = page.getByRole('dialog').first();
    await dialog.waitFor();
    await expectClean('export dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
