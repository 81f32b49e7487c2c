// Issue 11, item 1: "Edit text" in the reader. The text is edited with the
// keyboard in Chromium (Ctrl+E, typing, Backspace, undo and redo), and leaving
// edit mode saves it through versions.saveEdited; the results are checked
// through the served API and in the UI (Needs review, labelling keys again).
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { describeFindings, seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const TITLE = 'Forum notes';
const TEXT = `${TITLE}\nSenators met atthe forum in Rome today.\nLater 🙂 Maria Silva spoke with the press.\n`;
const EDITED = `${TITLE}\nSenators met at the forum in  today.\nLater 🙂 Maria Silva spoke with the press.\n`;

/** Puts the DOM selection on `phrase` in the reader's text (or the caret `caret` characters into it), as a drag or click would. */
async function selectInText(page: Page, phrase: string, caret?: number): Promise<void> {
  const ok = await page.evaluate(
    ([phrase, caretAt]) => {
      const caret = caretAt ?? undefined;
      const root = document.querySelector('.gl-reader-text') as HTMLElement | null;
      if (!root) return false;
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const text = nodes.map((n) => n.data).join('');
      const at = text.indexOf(phrase);
      if (at === -1) return false;
      const locate = (offset: number): [Text, number] => {
        let acc = 0;
        for (const n of nodes) {
          if (offset <= acc + n.data.length) return [n, offset - acc];
          acc += n.data.length;
        }
        throw new Error('past the end');
      };
      root.focus();
      const range = document.createRange();
      range.setStart(...locate(at + (caret ?? 0)));
      range.setEnd(...locate(caret === undefined ? at + phrase.length : at + caret));
      const sel = getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return true;
    },
    [phrase, caret ?? null] as const,
  );
  if (!ok) throw new Error(`"${phrase}" not found in the reader`);
  await page.waitForTimeout(80); // ProseMirror reads the DOM selection on selectionchange
}

const readerText = (page: Page) => page.locator('.gl-reader-text').innerText();

describe('editing the text in the reader', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let api: ApiCall;
  let browser: Browser;
  let page: Page;
  let docId: string;
  const ids: Record<string, string> = {};
  const startOf: Record<string, number> = {};

  beforeAll(async () => {
    tmp = tempDir();
    served = await serveProject(path.join(tmp.dir, 'edit.gloss'));
    api = httpApi(served.url);
    const [doc] = await api('documents.import', { files: [{ name: 'forum-notes.txt', base64: Buffer.from(TEXT).toString('base64') }] });
    docId = doc!.id;
    const labels = await api('labels.list', {});
    const label = (n: string) => labels.find((l) => l.name === n)!.id;
    const tag = async (key: string, needle: string, name: string) => {
      const at = TEXT.indexOf(needle);
      startOf[key] = at;
      ids[key] = (await api('annotations.create', { documentId: docId, ranges: [{ start: at, end: at + needle.length }], labelId: label(name) })).id;
    };
    await tag('senators', 'Senators', 'Person');
    await tag('meeting', 'atthe forum', 'Event');
    await tag('forum', 'forum', 'Location');
    await tag('rome', 'Rome', 'Location');
    await tag('emoji', '🙂', 'Event');
    await tag('maria', 'Maria Silva', 'Person');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('switches to edit mode with Ctrl+E, and passes axe there', async () => {
    await page.goto(`${served.url}#/doc/${docId}`);
    const textbox = page.getByRole('textbox', { name: 'Document text' });
    await textbox.waitFor();
    await page.locator('.gl-reader-text .gl-hl', { hasText: 'Rome' }).waitFor();
    await textbox.focus();
    await page.keyboard.press('Control+e');
    await page.getByRole('button', { name: 'Done editing', pressed: true }).waitFor();
    expect(await textbox.getAttribute('aria-readonly')).toBe('false');
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('reader in edit mode', findings)).toEqual([]);
  });

  it('types a space, deletes a tagged word, undoes and redoes', async () => {
    await selectInText(page, 'the forum', 0);
    await page.keyboard.type(' ');
    await expect.poll(() => readerText(page)).toContain('met at the forum in Rome');
    // A labelling key types in edit mode: "1" would tag Person in read-only mode. Type it and take it back.
    await page.keyboard.press('1');
    await expect.poll(() => readerText(page)).toContain('at 1the forum in');
    await page.keyboard.press('Backspace');
    await expect.poll(() => readerText(page)).toContain('at the forum in Rome');

    await page.waitForTimeout(700); // a new undo step
    await selectInText(page, 'Rome');
    await page.keyboard.press('Backspace');
    await expect.poll(() => readerText(page)).toContain('forum in  today');
    expect(await page.locator('.gl-reader-text .gl-hl', { hasText: 'Rome' }).count()).toBe(0);

    await page.keyboard.press('Control+z');
    await expect.poll(() => readerText(page)).toContain('forum in Rome today');
    await page.locator('.gl-reader-text .gl-hl', { hasText: 'Rome' }).waitFor();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => readerText(page)).toContain('forum in  today');
    expect(await page.locator('.gl-reader-text .gl-hl', { hasText: 'Rome' }).count()).toBe(0);
    // The app's own undo did not run: nothing was saved yet.
    expect((await api('documents.get', { id: docId })).text).toBe(TEXT);
  });

  it('saves on leaving edit mode: a new version, shifted offsets, an orphan kept for review', async () => {
    await page.keyboard.press('Control+e');
    await page.getByRole('status').getByText('Version 2: 4 kept, 0 moved, 1 changed, 1 orphaned — 2 to review.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Edit text', pressed: false }).waitFor();

    expect((await api('documents.get', { id: docId })).text).toBe(EDITED);
    const versions = await api('versions.list', { documentId: docId });
    expect(versions.map((v) => [v.version, v.source, v.current])).toEqual([
      [1, 'import', false],
      [2, 'edit', true],
    ]);
    const list = new Map((await api('annotations.list', { documentId: docId })).map((a) => [a.id, a]));
    expect(list.get(ids.senators!)!.ranges).toEqual([{ start: startOf.senators!, end: startOf.senators! + 'Senators'.length }]);
    // After the inserted space: exactly one code unit on.
    expect(list.get(ids.forum!)!.ranges).toEqual([{ start: startOf.forum! + 1, end: startOf.forum! + 1 + 'forum'.length }]);
    // After the deleted "Rome" (4) and the space (+1): three back, the emoji still two code units.
    expect(list.get(ids.emoji!)!.ranges).toEqual([{ start: startOf.emoji! - 3, end: startOf.emoji! - 1 }]);
    expect(list.get(ids.emoji!)!.quote).toBe('🙂');
    expect(list.get(ids.maria!)!.ranges).toEqual([{ start: startOf.maria! - 3, end: startOf.maria! - 3 + 'Maria Silva'.length }]);
    expect(list.get(ids.maria!)!.quote).toBe('Maria Silva');
    expect(list.get(ids.meeting!)!.quote).toBe('at the forum');
    expect(list.get(ids.meeting!)!.anchor).toBe('changed');
    expect(list.has(ids.rome!)).toBe(false);

    const review = await api('versions.review', { documentId: docId });
    const orphan = review.find((r) => r.annotationId === ids.rome);
    expect(orphan).toMatchObject({ status: 'orphaned', oldQuote: 'Rome', ranges: null, version: 2 });
    const section = page.getByRole('region', { name: 'Needs review' });
    await section.getByText('Needs review (2)').waitFor();
    await section.getByText('Was “Rome”', { exact: false }).waitFor();
    await section.getByText('“atthe forum” is now “at the forum”', { exact: false }).waitFor();
  });

  it('labels with the hotkeys again after leaving edit mode', async () => {
    await page.locator('.gl-reader-text .gl-hl', { hasText: 'Maria Silva' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Document text' }).getAttribute('aria-readonly')).toBe('true');
    await selectPhrase(page, 'press');
    await page.keyboard.press('3'); // Location
    await expect.poll(async () => (await api('annotations.list', { documentId: docId })).some((a) => a.quote === 'press')).toBe(true);
    expect((await api('documents.get', { id: docId })).text).toBe(EDITED);
  });

  it('saves when navigating away while editing', async () => {
    const textbox = page.getByRole('textbox', { name: 'Document text' });
    await page.getByRole('button', { name: 'Edit text' }).click();
    await page.getByRole('button', { name: 'Done editing', pressed: true }).waitFor();
    // Saved actions (the tag just made) are not undone under unsaved edits: the app's Undo waits.
    await expect.poll(() => page.locator('.gl-topbar button[aria-label^="Undo"]').isDisabled()).toBe(true);
    await selectInText(page, 'press.', 5);
    await page.keyboard.type(' conference');
    await expect.poll(() => textbox.innerText()).toContain('the press conference.');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button').first().click();
    await page.getByRole('status').getByText('Version 3:', { exact: false }).waitFor();
    expect((await api('documents.get', { id: docId })).text).toBe(EDITED.replace('press.', 'press conference.'));
    // The annotation on "press" sits where it was.
    const press = (await api('annotations.list', { documentId: docId })).find((a) => a.quote === 'press');
    expect(press?.ranges).toEqual([{ start: EDITED.indexOf('press'), end: EDITED.indexOf('press') + 5 }]);
  });

  it('undoes a saved edit with the app’s undo: the previous text comes back as a new version', async () => {
    await page.getByRole('button', { name: 'Undo edit the text in «Forum notes»' }).click();
    await expect.poll(async () => (await api('documents.get', { id: docId })).text).toBe(EDITED);
    const versions = await api('versions.list', { documentId: docId });
    expect(versions.at(-1)).toMatchObject({ version: 4, source: 'restore', current: true });
  });
});
