import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { clickHighlight, highlightCount, highlightPoint, selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

/** Calls the served project's real API (for checks, not for the actions under test). */
/** The served project's real API, loosely typed for checks (not for the actions under test). */
const call = <T>(served: ServedProject, method: string, args: unknown): Promise<T> => httpApi(served.url)(method as never, args as never) as Promise<T>;

describe('claims, stances and entities in the reader', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;
  let page: Page;
  let docs: { id: string; name: string }[];

  const open = async (name: string) => {
    const doc = docs.find((d) => d.name === name)!;
    await page.goto(`${served.url}#/doc/${doc.id}`);
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    return doc;
  };

  beforeAll(async () => {
    tmp = tempDir();
    const db = path.join(tmp.dir, 'research.gloss');
    execFileSync(process.execPath, [GLOSS_BIN, 'import', CORPUS_DIR, '--db', db]);
    docs = JSON.parse(execFileSync(process.execPath, [GLOSS_BIN, 'list', '--json', '--db', db], { encoding: 'utf8' }));
    served = await serveProject(db);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('tags "Pakistan" as an entity and propagates it to its mentions in all three articles', async () => {
    await open('pakistan-among-key-partners');
    await selectPhrase(page, 'Pakistan');
    await page.keyboard.press('3'); // Location
    await clickHighlight(page, /^Pakistan$/);
    const editor = page.getByRole('dialog', { name: 'Edit annotation' });
    await editor.getByRole('combobox', { name: 'Link to entity' }).fill('Pakistan');
    await editor.getByRole('option', { name: 'Create “Pakistan”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag other mentions' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: 'All documents' }).check();
    await dialog.getByRole('list', { name: 'Mentions found' }).waitFor();
    const found = await dialog.getByRole('checkbox').count();
    expect(found).toBeGreaterThan(10);
    await dialog.getByRole('button', { name: /^Tag \d+ selected$/ }).click();
    await dialog.waitFor({ state: 'detached' });

    const [entity] = await call<{ entity: { id: string; name: string }; mentionCount: number; documents: { document: { name: string }; count: number }[] }[]>(served, 'entities.list', {});
    expect(entity!.entity.name).toBe('Pakistan');
    expect(entity!.mentionCount).toBe(found + 1);
    expect(entity!.documents.map((d) => d.document.name).sort()).toEqual(docs.map((d) => d.name).sort());
    // The reader shows the new mentions in this document at once.
    expect(await highlightCount(page, /^Pakistan$/)).toBeGreaterThan(1);

    // Undo takes every propagated mention back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await call<{ mentionCount: number }[]>(served, 'entities.list', {}))[0]!.mentionCount).toBe(1);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(async () => (await call<{ mentionCount: number }[]>(served, 'entities.list', {}))[0]!.mentionCount).toBe(found + 1);
  });

  it('links claims in two articles to one proposition with opposite stances', async () => {
    const proposition = 'Pakistan is a key US partner on critical minerals';
    const a = await open('pakistan-among-key-partners');
    await selectPhrase(page, 'Pakistan has emerged as a notable partner in the US strategy');
    await page.keyboard.press('7'); // Claim
    await clickHighlight(page, 'notable partner');
    let editor = page.getByRole('dialog', { name: 'Edit annotation' });
    // A claim not yet linked opens on the step it needs: the proposition field has focus.
    await expect.poll(() => editor.getByRole('combobox', { name: 'Link to proposition' }).evaluate((el) => el === document.activeElement)).toBe(true);
    const picker = editor.getByRole('combobox', { name: 'Link to proposition' });
    const pickerFocused = () => picker.evaluate((el) => el === document.activeElement);
    // Escape in the stance step cancels it, links nothing, and gives focus back to the field.
    await picker.fill(proposition);
    await page.keyboard.press('Enter');
    const stanceStep = editor.getByRole('group', { name: `Stance toward “${proposition}”` });
    await stanceStep.waitFor();
    await page.keyboard.press('Escape');
    await stanceStep.waitFor({ state: 'detached' });
    await expect.poll(pickerFocused).toBe(true);
    expect(await call<unknown[]>(served, 'propositions.list', {})).toEqual([]);
    await picker.fill(proposition);
    await editor.getByRole('option', { name: `Create “${proposition}”` }).click();
    // The stance is chosen in the same step: nothing is linked until it is.
    await editor.getByRole('group', { name: `Stance toward “${proposition}”` }).getByText('Needs a stance').waitFor();
    await page.keyboard.press('1'); // favor
    const claim = editor.getByRole('group', { name: `Claim on ${proposition}` });
    await expect.poll(() => claim.getByLabel('Stance').inputValue()).toBe('favor');
    // The stance step closes with focus back in the proposition field, not dropped on the page.
    await expect.poll(pickerFocused).toBe(true);

    const b = await open('pakistan-on-the-sidelines');
    await selectPhrase(page, 'Pakistan was not invited to the Global Minerals Conference');
    await page.keyboard.press('7');
    await clickHighlight(page, 'not invited');
    editor = page.getByRole('dialog', { name: 'Edit annotation' });
    await editor.getByRole('combobox', { name: 'Link to proposition' }).fill('key US partner');
    await editor.getByRole('option', { name: new RegExp(proposition) }).click();
    await page.keyboard.press('3'); // neutral, changed below
    const claimB = editor.getByRole('group', { name: `Claim on ${proposition}` });
    await claimB.getByLabel('Stance').selectOption('against');
    await claimB.getByLabel('Said by').fill('Former Pakistani envoy Abdul Basit');
    await claimB.getByLabel('Said by').blur();

    await expect
      .poll(async () => {
        const [overview] = await call<{ proposition: { text: string }; documents: { document: { id: string }; claims: { claim: { stance: string; attribution: { text: string } } }[] }[] }[]>(
          served,
          'propositions.overview',
          {},
        );
        return overview?.documents.map((d) => `${d.document.id}:${d.claims.map((c) => `${c.claim.stance}/${c.claim.attribution.text}`).join(',')}`).sort();
      })
      .toEqual([`${a.id}:favor/`, `${b.id}:against/Former Pakistani envoy Abdul Basit`].sort());

    // The propositions tab of the reader lists it with the document's claim.
    await page.getByRole('tab', { name: 'Propositions' }).click();
    await page.getByRole('list', { name: 'Propositions in this document' }).getByText(proposition).waitFor();
  });

  it('never links a new statement to a merely similar proposition; relinking keeps who said it', async () => {
    const proposition = 'Pakistan is a key US partner on critical minerals';
    const b = await open('pakistan-on-the-sidelines');
    await page.locator('.gl-reader-text [data-ann]', { hasText: 'not invited' }).first().click();
    const editor = page.getByRole('dialog', { name: 'Edit annotation' });
    const picker = editor.getByRole('combobox', { name: 'Link to proposition' });
    // Unlink the claim said by the envoy (to fix it, say); its framing is remembered for the next link.
    await editor.getByRole('group', { name: `Claim on ${proposition}` }).getByRole('button', { name: 'Unlink from this proposition' }).click();
    await editor.getByRole('group', { name: `Claim on ${proposition}` }).waitFor({ state: 'detached' });
    // Shares most words with the existing proposition: Enter must create, not link to it.
    const similar = 'Pakistan is a key partner';
    await picker.fill(similar);
    await editor.getByRole('option', { name: new RegExp(proposition) }).waitFor();
    await expect.poll(() => editor.getByRole('option', { name: `Create “${similar}”` }).getAttribute('aria-selected')).toBe('true');
    await picker.press('Enter');
    await editor.getByRole('group', { name: `Stance toward “${similar}”` }).getByRole('button').first().and(page.locator(':focus')).waitFor();
    await page.keyboard.press('3');
    await editor.getByRole('group', { name: `Claim on ${similar}` }).waitFor();
    const texts = async () => (await call<{ proposition: { text: string } }[]>(served, 'propositions.overview', {})).map((o) => o.proposition.text).sort();
    await expect.poll(texts).toEqual([similar, proposition].sort());

    // Typed again in other case and spacing: the exact match is taken, with the stance chosen ahead and the framing kept.
    await picker.fill('  pakistan is a KEY us partner   on critical minerals');
    await editor.getByRole('option', { name: new RegExp(proposition) }).waitFor();
    await picker.press('Alt+2'); // against, chosen ahead
    await picker.press('Enter');
    const relinked = editor.getByRole('group', { name: `Claim on ${proposition}` });
    await expect.poll(() => relinked.getByLabel('Said by').inputValue()).toBe('Former Pakistani envoy Abdul Basit');
    await expect.poll(() => relinked.getByLabel('Stance').inputValue()).toBe('against');
    await expect.poll(texts).toEqual([similar, proposition].sort());
    const claims = await call<{ propositionText: string; stance: string; attribution: { text: string } }[]>(served, 'claims.listByDocument', { documentId: b.id });
    expect(claims.map((c) => `${c.propositionText}|${c.stance}|${c.attribution.text}`).sort()).toEqual(
      [`${proposition}|against|Former Pakistani envoy Abdul Basit`, `${similar}|neutral|Former Pakistani envoy Abdul Basit`].sort(),
    );
  });

  it('accepts and rejects suggestions from the keyboard; a rejected one does not come back', async () => {
    const doc = await open('rare-earth-diplomacy-white-house');
    const existing = await call<{ id: string }[]>(served, 'annotations.list', { documentId: doc.id });
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Show suggestions' }).click();
    const list = page.getByRole('list', { name: 'Suggestions' });
    await list.getByRole('listitem').first().waitFor();
    const before = await list.getByRole('listitem').count();
    const first = (await list.getByRole('listitem').nth(0).locator('.gl-suggest-quote').textContent())!.trim();
    // The same suggestions through the API, in the same order, to know their ids.
    const offered = await call<{ id: string; quote: string }[]>(served, 'suggestions.list', { documentId: doc.id });
    expect(offered).toHaveLength(before);
    const text = page.getByRole('textbox', { name: 'Document text' });
    await text.focus();
    await page.keyboard.press('Enter'); // accept the first
    await expect.poll(() => list.getByRole('listitem').count()).toBe(before - 1);
    await page.keyboard.press('Backspace'); // reject the next
    await expect.poll(() => list.getByRole('listitem').count()).toBe(before - 2);
    const annotations = await call<{ id: string; quote: string }[]>(served, 'annotations.list', { documentId: doc.id });
    const added = annotations.filter((a) => !existing.some((e) => e.id === a.id));
    expect(added).toHaveLength(1);
    expect(first).toContain(added[0]!.quote.slice(0, 20));

    await page.reload();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Show suggestions' }).click();
    await list.getByRole('listitem').first().waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(before - 2);
    const remaining = (await call<{ id: string }[]>(served, 'suggestions.list', { documentId: doc.id })).map((x) => x.id);
    expect(remaining).not.toContain(offered[0]!.id); // accepted: now an annotation
    expect(remaining).not.toContain(offered[1]!.id); // rejected: does not come back
    expect(remaining).toHaveLength(before - 2);
  });

  it('relates two annotations from the keyboard and by Alt+drag, and shows the relation in the text', async () => {
    const doc = await open('pakistan-on-the-sidelines');
    await selectPhrase(page, 'Abdul Basit');
    await page.keyboard.press('1'); // Person
    await clickHighlight(page, /^Abdul Basit$/);
    const editor = page.getByRole('dialog', { name: 'Edit annotation' });
    const add = editor.getByRole('group', { name: 'Add relation' });
    await add.getByLabel('Relation type').selectOption({ label: 'Says' });
    const target = await add.getByLabel('Other annotation').locator('option', { hasText: 'Claim: Pakistan was not invited' }).getAttribute('value');
    await add.getByLabel('Other annotation').selectOption(target!);
    await add.getByRole('button', { name: 'Add relation' }).click();
    await editor.getByRole('button', { name: /^Delete relation Says Claim: Pakistan was not invited/ }).waitFor();
    const relations = await call<{ fromAnnotationId: string; toAnnotationId: string }[]>(served, 'relations.listByDocument', { documentId: doc.id });
    expect(relations).toHaveLength(1);
    // The other end is outlined in the text while this one is selected.
    const claim = page.locator('.gl-reader-text [data-ann]', { hasText: 'not invited' }).first();
    await expect.poll(() => claim.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('dashed');

    // Alt+drag from the claim to the person proposes the relation types.
    await selectPhrase(page, 'Former Pakistani envoy');
    await page.keyboard.press('2'); // Organization
    // From the centre of each highlight's first line box (a highlight may wrap across lines); the new one is painted as a range.
    const from = await highlightPoint(page, /^Former Pakistani envoy$/);
    const to = await highlightPoint(page, /^Abdul Basit$/);
    await page.keyboard.down('Alt');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await page.getByRole('toolbar', { name: 'Relate as' }).getByRole('button', { name: 'Represents' }).click();
    await expect.poll(async () => (await call<unknown[]>(served, 'relations.listByDocument', { documentId: doc.id })).length).toBe(2);
  });
});
