import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, Envelope, Label } from '../../shared/index.ts';
import { generateDocument } from '../bench/generate.ts';
import { launchChromium } from '../support/browser.ts';
import { highlightCount, selectPhrase } from '../support/page.ts';
import { GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

// A long document: the reader groups its paragraphs into sections and keeps
// only the highlights near the viewport in the DOM. Highlights far away must
// still appear when the reader goes there.
describe('a long document in the reader', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let documentId: string;
  let first: Annotation;
  let last: Annotation;

  async function api<T>(method: string, args: unknown): Promise<T> {
    const res = await fetch(`${served.base}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
      body: JSON.stringify(args),
    });
    const envelope = (await res.json()) as Envelope<T>;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.result;
  }

  /** The words of paragraph `n` of the text as imported (one paragraph per non-empty line). */
  function paragraph(text: string, n: number): { start: number; words: RegExpMatchArray[] } {
    let start = 0;
    for (let i = 0; i < n; i++) start = text.indexOf('\n\n', start) + 2;
    const end = text.indexOf('\n\n', start);
    return { start, words: [...text.slice(start, end === -1 ? undefined : end).matchAll(/[A-Za-z]+/g)] };
  }

  const highlight = (id: string) => page.locator(`.gl-reader-text [data-ann="${id}"]`);

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'long.gloss');
    const generated = generateDocument(11, { paragraphs: 600, chars: 150_000 });
    const file = path.join(tmp.dir, 'long-read.txt');
    fs.writeFileSync(file, generated.text);
    const imported = JSON.parse(execFileSync(process.execPath, [GLOSS_BIN, 'import', '--json', '--db', db, file], { encoding: 'utf8' })) as { id: string }[];
    documentId = imported[0]!.id;
    served = await serveProject(db);
    const person = (await api<Label[]>('labels.list', {})).find((l) => l.name === 'Person')!;
    // One annotation in the second paragraph, one in the last but one.
    const early = paragraph(generated.text, 1);
    const late = paragraph(generated.text, 598);
    const span = (p: typeof early, k: number) => ({ start: p.start + p.words[k]!.index!, end: p.start + p.words[k + 1]!.index! + p.words[k + 1]![0].length });
    first = await api<Annotation>('annotations.create', { documentId, ranges: [span(early, 1)], labelId: person.id });
    last = await api<Annotation>('annotations.create', { documentId, ranges: [span(late, 2)], labelId: person.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('opens in sections and draws only the highlights near the viewport', async () => {
    await page.goto(`${served.url}#/doc/${documentId}`);
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    expect(await page.locator('.gl-reader-text > .gl-section').count()).toBeGreaterThan(10);
    await highlight(first.id).waitFor();
    expect(await highlight(last.id).count()).toBe(0);
  });

  it('skips the layout of drawn sections off screen, but not of the first section or of placeholders', async () => {
    const sections = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.gl-reader-text > .gl-section')].map((el) => ({ dormant: el.classList.contains('gl-dormant'), visibility: getComputedStyle(el).contentVisibility })),
      );
    const atOpen = await sections();
    expect(atOpen[0]).toEqual({ dormant: false, visibility: 'visible' });
    for (const s of atOpen.filter((s) => s.dormant)) expect(s.visibility).toBe('visible');
    // The idle slices draw the placeholders; each drawn section after the first is laid out only near the screen.
    await expect.poll(async () => (await sections()).filter((s) => s.dormant).length, { timeout: 20_000 }).toBe(0);
    const drawn = await sections();
    expect(drawn.slice(1).map((s) => s.visibility)).toEqual(drawn.slice(1).map(() => 'auto'));
  });

  it('shows a far highlight once the side panel scrolls to it', async () => {
    await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: new RegExp(`Person\\s*${last.quote}`) }).click();
    await highlight(last.id).waitFor();
    await expect.poll(() => highlight(last.id).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    })).toBe(true);
    // The first one has left the DOM with its part of the document.
    await expect.poll(() => highlight(first.id).count()).toBe(0);
  });

  it('tags near the end with the hotkey', async () => {
    const words = await highlight(last.id).evaluate((el) => el.closest('p')!.textContent!.split(/[^A-Za-z]+/).filter(Boolean));
    const phrase = `${words[words.length - 3]} ${words[words.length - 2]}`;
    const occurrences = await page.evaluate((p) => document.querySelector('.gl-reader-text')!.textContent!.split(p).length - 1, phrase);
    await selectPhrase(page, phrase, occurrences - 1);
    // selectPhrase focuses the editor, which scrolls it to the top: bring the selection back into view, as a reader would see it.
    await page.evaluate(() => getSelection()!.getRangeAt(0).startContainer.parentElement!.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(phrase);
    await page.keyboard.press('1');
    const item = page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: new RegExp(`Person\\s*${phrase}`) });
    await item.waitFor();
    await expect.poll(async () => (await api<Annotation[]>('annotations.list', { documentId })).length).toBe(3);
    expect((await api<Annotation[]>('annotations.list', { documentId })).filter((a) => a.quote === phrase)).toHaveLength(1);
    // Painted at once as a range (freshHighlights.ts), an element once its part of the text is drawn again.
    await expect.poll(() => highlightCount(page, new RegExp(`^${phrase}$`))).toBe(1);
  });

  it('opens at a far annotation from a link, with its highlight', async () => {
    await page.goto(`${served.url}#/doc/${documentId}?a=${last.id}`);
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await highlight(last.id).waitFor();
    await expect.poll(() => highlight(last.id).evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
  });
});
