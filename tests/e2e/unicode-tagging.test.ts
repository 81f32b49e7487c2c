// Tagging text next to emoji, flags and combining marks: the stored offsets
// (UTF-16), the quote and the code-point export must all agree with the text.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const TEXT = [
  'Emoji first 🇵🇰🤝🇺🇸 Islamabad welcomed the deal 👍🏽 warmly.',
  'Combining marks: the Cafe\u0301 Ne\u0301ne\u0301 in Lahore, and S\u030Cibenik by the sea.',
].join('\n\n');

describe('tagging next to emoji and combining marks', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;

  beforeAll(async () => {
    tmp = tempDir();
    served = await serveProject(path.join(tmp.dir, 'unicode.gloss'));
    api = httpApi(served.url);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('stores exactly the selected characters, whole words and whole code points', async () => {
    const file = path.join(tmp.dir, 'unicode.txt');
    fs.writeFileSync(file, TEXT);
    await page.goto(served.url);
    await page.getByTestId('import-files').setInputFiles(file);
    await page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: /^Open / }).click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();

    // Right after a flag and a handshake: the word only.
    await selectPhrase(page, 'Islamabad');
    await page.keyboard.press('3'); // Location
    // A word with combining acute accents, tagged through the picker.
    await selectPhrase(page, 'Ne\u0301ne\u0301');
    await page.keyboard.press('1'); // Person
    // Part of a word that starts with a combining caron: the keyboard selection, as made.
    await selectPhrase(page, 'S\u030Cibenik');
    await page.keyboard.press('3');
    // The thumbs-up with its skin tone, alone.
    await selectPhrase(page, '👍🏽');
    await page.keyboard.press('2');

    const [doc] = await api('documents.list', {});
    await expect.poll(async () => (await api('annotations.list', { documentId: doc!.id })).length).toBe(4);
    const stored = await api('annotations.list', { documentId: doc!.id });
    const text = (await api('documents.get', { id: doc!.id })).text;
    const quotes = stored.map((a) => a.quote).sort();
    expect(quotes).toEqual(['Islamabad', 'Ne\u0301ne\u0301', 'S\u030Cibenik', '👍🏽'].sort());
    for (const a of stored) expect(text.slice(a.ranges[0]!.start, a.ranges[0]!.end)).toBe(a.quote);

    // The W3C export counts code points: the selector's start is the code-point index of the quote.
    const exported = await api('project.export', { format: 'w3c' });
    const positions: { start: number }[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const type = o.type;
        if (type === 'TextPositionSelector' || (Array.isArray(type) && type.includes('TextPositionSelector'))) positions.push(o as { start: number });
        else Object.values(o).forEach(collect);
      }
    };
    collect(JSON.parse(exported.content));
    const expected = stored.map((a) => Array.from(text.slice(0, a.ranges[0]!.start)).length).sort((x, y) => x - y);
    expect(positions.map((p) => p.start).sort((x, y) => x! - y!)).toEqual(expected);
  });

  it('right-to-left text: each paragraph takes its own direction, the text carries its language, and a tag holds the selected words', async () => {
    const file = path.join(tmp.dir, 'arabic.txt');
    const arabic = 'وقعت تشيلي والاتحاد الأوروبي يوم الاثنين اتفاقية تمنح الشركات الأوروبية حق الوصول إلى الليثيوم.';
    fs.writeFileSync(file, `اتفاقية الليثيوم\n\n${arabic}\n\nOfficials in Santiago said the agreement was fair.\n`);
    await page.goto(served.url);
    await page.getByTestId('import-files').setInputFiles(file);
    await page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: /^Open اتفاقية/ }).click();
    const textbox = page.getByRole('textbox', { name: 'Document text' });
    await textbox.waitFor();
    // Detected at import (the file declares nothing) and given to the text, for screen readers' voices.
    expect(await page.locator('.gl-reader-text').evaluate((el) => el.closest('[lang]')?.getAttribute('lang'))).toBe('ar');
    const direction = (phrase: string) =>
      page.locator('.gl-reader-text').evaluate((root, p) => {
        const block = Array.from(root.querySelectorAll('p')).find((b) => b.textContent!.includes(p))!;
        return getComputedStyle(block).direction;
      }, phrase);
    expect(await direction('الليثيوم.')).toBe('rtl');
    expect(await direction('Officials in Santiago')).toBe('ltr');

    await selectPhrase(page, 'تشيلي');
    await page.keyboard.press('3'); // Location
    const doc = (await api('documents.list', {})).find((d) => d.title.startsWith('اتفاقية'))!;
    await expect.poll(async () => (await api('annotations.list', { documentId: doc.id })).map((a) => a.quote)).toEqual(['تشيلي']);
  });

  it('tags from the keyboard alone: a selection made with Shift and the word keys is trimmed to its words', async () => {
    const file = path.join(tmp.dir, 'keyboard.txt');
    fs.writeFileSync(file, 'Keyboard test\n\nTalks in Islamabad. Prices fell after the Chile–EU deal.\n');
    await page.goto(served.url);
    await page.getByTestId('import-files').setInputFiles(file);
    await page.getByRole('table', { name: 'Documents' }).getByRole('button', { name: /^Open Keyboard test/ }).click();
    const textbox = page.getByRole('textbox', { name: 'Document text' });
    await textbox.waitFor();
    await expect.poll(() => textbox.evaluate((el) => el === document.activeElement)).toBe(true);
    // The caret to the second paragraph's start, then two words and the full stop after them.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Control+ArrowRight');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+Control+ArrowRight');
    const selected = await page.evaluate(() => String(getSelection()));
    // Chromium's word keys take the space before the word and the full stop after it.
    expect(selected).toBe(' Islamabad.');
    // At once, as a fast typist would: the key may come before ProseMirror has read the new selection (on selectionchange).
    await page.keyboard.press('3'); // Location
    const doc = (await api('documents.list', {})).find((d) => d.title === 'Keyboard test')!;
    await expect.poll(async () => (await api('annotations.list', { documentId: doc.id })).map((a) => a.quote)).toEqual(['Islamabad']);
  });
});
