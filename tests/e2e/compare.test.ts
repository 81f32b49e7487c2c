import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

/** The served project's real API, loosely typed for checks (not for the actions under test). */
const call = <T>(served: ServedProject, method: string, args: unknown): Promise<T> => httpApi(served.url)(method as never, args as never) as Promise<T>;

const PROPOSITION = 'Pakistan is a key US partner on critical minerals';

describe('the compare view on the critical-minerals corpus', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let docs: { id: string; name: string; title: string }[];
  const byName = (name: string) => docs.find((d) => d.name === name)!;

  /** Tags `phrase` (its first occurrence) in a document through the API. */
  async function tag(docName: string, phrase: string, labelName: string): Promise<string> {
    const doc = byName(docName);
    const { text } = await call<{ text: string }>(served, 'documents.get', { id: doc.id });
    const start = text.indexOf(phrase);
    expect(start, `"${phrase}" in ${docName}`).toBeGreaterThanOrEqual(0);
    const labels = await call<{ id: string; name: string }[]>(served, 'labels.list', {});
    const label = labels.find((l) => l.name === labelName)!;
    const a = await call<{ id: string }>(served, 'annotations.create', { documentId: doc.id, ranges: [{ start, end: start + phrase.length }], labelId: label.id });
    return a.id;
  }

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'compare.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', CORPUS_DIR, '--db', db]);
    docs = JSON.parse(execFileSync(process.execPath, [GLOSS_BIN, 'list', '--json', '--db', db], { encoding: 'utf8' }));
    served = await serveProject(db);
    // The two articles disagree on Pakistan's standing.
    const favor = await tag('pakistan-among-key-partners', 'Pakistan has emerged as a notable partner in the US strategy', 'Claim');
    await call(served, 'claims.link', { annotationId: favor, propositionText: PROPOSITION, stance: 'favor' });
    const against = await tag('pakistan-on-the-sidelines', 'Pakistan was not invited to the Global Minerals Conference', 'Claim');
    const props = await call<{ proposition: { id: string } }[]>(served, 'propositions.list', {});
    await call(served, 'claims.link', { annotationId: against, propositionId: props[0]!.proposition.id, stance: 'against' });
    // One entity mentioned in both.
    const m1 = await tag('pakistan-among-key-partners', 'Marco Rubio', 'Person');
    const m2 = await tag('pakistan-on-the-sidelines', 'Marco Rubio', 'Person');
    const rubio = await call<{ id: string }>(served, 'entities.create', { name: 'Marco Rubio', annotationId: m1 });
    await call(served, 'entities.link', { links: [{ annotationId: m2, entityId: rubio.id }] });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('chooses documents and shows the contested proposition in the matrix', async () => {
    await page.goto(`${served.url}#/compare`);
    const picker = page.getByRole('region', { name: 'Documents to compare' });
    await picker.getByRole('checkbox', { name: /Pakistan among key partners/ }).check();
    await picker.getByRole('checkbox', { name: /Pakistan on the Sidelines/ }).check();
    await picker.getByRole('button', { name: 'Compare 2 documents' }).click();
    const matrix = page.getByRole('table', { name: 'Proposition matrix' });
    const row = matrix.getByRole('row', { name: new RegExp(PROPOSITION) });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Contested');
    expect(await row.getByRole('button', { name: /favor/ }).count()).toBe(1);
    expect(await row.getByRole('button', { name: /against/ }).count()).toBe(1);
    // Both columns are readers with their highlights.
    expect(await page.getByRole('textbox', { name: /Text of Pakistan/ }).count()).toBe(2);
  });

  it('scrolls a column to the evidence and flashes it when a cell is clicked; N moves through contested rows', async () => {
    const row = page.getByRole('table', { name: 'Proposition matrix' }).getByRole('row', { name: new RegExp(PROPOSITION) });
    await row.getByRole('button', { name: /against/ }).click();
    const column = page.getByRole('region', { name: 'Pakistan on the Sidelines of US Mineral Diplomacy' });
    await column.locator('.gl-selected', { hasText: 'not invited' }).waitFor();
    await page.getByRole('checkbox', { name: /Contested only/ }).check();
    expect(await page.getByRole('table', { name: 'Proposition matrix' }).getByRole('row').count()).toBe(2); // header + 1
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await expect.poll(() => row.getAttribute('aria-current')).toBe('true');
    const other = page.getByRole('region', { name: /Pakistan among key partners/ });
    await other.locator('.gl-selected', { hasText: 'notable partner' }).waitFor();
  });

  it('lists shared entities and highlights their mentions in every column on hover', async () => {
    const shared = page.getByRole('group', { name: 'Shared entities' });
    const chip = shared.getByRole('button', { name: /Marco Rubio/ });
    await chip.hover();
    await expect
      .poll(() => page.evaluate(() => Array.from(document.querySelectorAll('.gl-compare-text [data-ann]')).filter((e) => getComputedStyle(e).outlineStyle === 'solid').length))
      .toBe(2);
  });

  it('proposes similar passages for a claim and links one with a stance key', async () => {
    const column = page.getByRole('region', { name: 'Pakistan on the Sidelines of US Mineral Diplomacy' });
    await column.locator('[data-ann]', { hasText: 'not invited' }).first().click();
    const panel = page.getByRole('region', { name: 'Similar passages' });
    const candidates = panel.getByRole('list', { name: 'Candidates' });
    await candidates.getByRole('listitem').first().waitFor();
    const first = candidates.getByRole('listitem').first();
    const text = (await first.locator('.gl-match-text').textContent())!;
    await first.focus();
    await page.keyboard.press('2'); // against
    await expect
      .poll(async () => {
        const [overview] = await call<{ documents: { document: { name: string }; claims: { quote: string; claim: { stance: string } }[] }[] }[]>(served, 'propositions.overview', {});
        return overview!.documents.flatMap((d) => d.claims.map((c) => `${d.document.name}|${c.claim.stance}|${c.quote}`));
      })
      .toContain(`pakistan-among-key-partners|against|${text}`);
    // The panel says so once the comparison is reloaded.
    await candidates.getByText('Already linked to this proposition').first().waitFor();

    // A relation across documents: this claim Contradicts the passage in the other column.
    const types = await call<{ id: string; name: string }[]>(served, 'relationTypes.list', {});
    const contradicts = types.find((t) => t.name === 'Contradicts')!;
    await candidates.getByRole('listitem').first().getByRole('combobox', { name: /^Relate this claim to the passage in/ }).selectOption({ label: 'Contradicts' });
    const sidelines = byName('pakistan-on-the-sidelines');
    await expect
      .poll(async () => {
        const relations = await call<{ typeId: string; fromAnnotationId: string; toAnnotationId: string }[]>(served, 'relations.listByDocument', { documentId: sidelines.id });
        const other = await call<{ id: string; quote: string }[]>(served, 'annotations.list', { documentId: byName('pakistan-among-key-partners').id });
        return relations.filter((r) => r.typeId === contradicts.id && other.some((a) => a.id === r.toAnnotationId && a.quote === text)).length;
      })
      .toBe(1);
  });

  it('opens a claim\'s similar passages from the keyboard: Enter on its matrix cell, Enter on the caret in the claim, focus in the panel, Escape back to the text', async () => {
    await page.getByRole('button', { name: 'Close similar passages' }).click();
    const text = page.getByRole('textbox', { name: 'Text of Pakistan on the Sidelines of US Mineral Diplomacy' });
    // Enter on the matrix cell: focus goes to the evidence in its column, the caret in the claim.
    await page.getByRole('table', { name: 'Proposition matrix' }).getByRole('button', { name: new RegExp(`^${PROPOSITION} — Pakistan on the Sidelines`) }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    // Highlights are colour only: the column says what the caret is in.
    const said = page.getByRole('region', { name: 'Pakistan on the Sidelines of US Mineral Diplomacy' }).getByTestId('column-caret-annotations');
    await expect.poll(() => said.textContent()).toBe(`In Claim: Pakistan was not invited to the Global Minerals Conference, against on “${PROPOSITION}”. Enter shows similar passages.`);
    await page.keyboard.press('Enter'); // the claim under the caret: its similar passages
    const panel = page.getByRole('region', { name: 'Similar passages' });
    await panel.getByRole('heading', { name: /not invited/ }).waitFor();
    await expect.poll(() => panel.evaluate((p) => p === document.activeElement)).toBe(true);
    await panel.getByRole('list', { name: 'Candidates' }).getByRole('listitem').first().waitFor();
    await page.keyboard.press('Tab'); // the close button
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('ol')?.getAttribute('aria-label'))).toBe('Candidates');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('sets a document’s own stance from an empty matrix cell, undoably', async () => {
    // All three articles: the third has said nothing about the proposition yet.
    await page.goto(`${served.url}#/compare?docs=${docs.map((d) => d.id).join(',')}`);
    const matrix = page.getByRole('table', { name: 'Proposition matrix' });
    const empty = matrix.getByRole('button', { name: /no stance\. Set stance/ }).first();
    const name = (await empty.textContent())!;
    const [proposition, title] = name.split(' — ');
    await empty.click();
    const group = matrix.getByRole('group', { name: /^Stance of / });
    await group.getByRole('button', { name: 'neutral' }).click();
    const stances = async () => {
      const overview = await call<{ proposition: { text: string }; documents: { document: { title: string }; documentStance: { stance: string } | null }[] }[]>(served, 'propositions.overview', {});
      return overview.find((o) => o.proposition.text === proposition)?.documents.find((d) => title!.startsWith(d.document.title))?.documentStance?.stance ?? null;
    };
    await expect.poll(stances).toBe('neutral');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(stances).toBe(null);
  });

  it('exports the comparison as CSV and as a self-contained HTML report', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain(PROPOSITION);
    expect(csvText).toContain('against');
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HTML report' }).click()]);
    const htmlText = fs.readFileSync((await html.path())!, 'utf8');
    expect(htmlText).toContain(PROPOSITION);
    expect(htmlText).not.toMatch(/<script/i);
  });

  it('starts a comparison from documents selected in the library', async () => {
    await page.goto(served.url);
    await page.getByRole('checkbox', { name: /Select Pakistan on the Sidelines/ }).check();
    await page.getByRole('checkbox', { name: /Select Pakistan's Rare Earth/ }).check();
    await page.getByRole('button', { name: 'Compare selected (2)' }).click();
    await page.getByRole('textbox', { name: /Text of Pakistan's Rare Earth/ }).waitFor();
    expect(await page.getByRole('textbox', { name: /Text of / }).count()).toBe(2);
  });

  it('tells documents with the same title apart in the column headings and the texts’ names', async () => {
    const [a, b] = [byName('pakistan-among-key-partners'), byName('pakistan-on-the-sidelines')];
    const title = 'Pakistan and the minerals push';
    for (const d of [a, b]) await call(served, 'documents.update', { id: d.id, title, metadata: { outlet: '', published: '' } });
    try {
      await page.goto(`${served.url}#/compare?docs=${a.id},${b.id}`);
      const headings = page.locator('.gl-compare-title');
      await expect.poll(() => headings.allTextContents()).toEqual([`${title} (${a.name})`, `${title} (${b.name})`]);
      await page.getByRole('textbox', { name: `Text of ${title} (${a.name})` }).waitFor();
      await page.getByRole('textbox', { name: `Text of ${title} (${b.name})` }).waitFor();
    } finally {
      for (const d of [a, b]) await call(served, 'documents.update', { id: d.id, title: d.title });
    }
  });
});
