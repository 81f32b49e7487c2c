// Living texts in the browser (issue 11): "Import new version…" on a document in
// the library, its history with the diff (inline, side by side, versions as
// columns) and the annotations each change touched, "Needs review" with undo,
// and the question asked when an imported file is a new version of a document.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const V1 = fs.readFileSync(path.join(CORPUS_DIR, 'rare-earth-diplomacy-white-house.txt'), 'utf8');
const TITLE = V1.slice(0, V1.indexOf('\n'));
const CUT = ', a region plagued by insurgency and separatist movements';
const V2 = V1.replace(CUT, '').replace('a box of rare earth minerals', 'a box of rare-earth minerals 🪨').replace('Historical Context and Skepticism\n', 'Historical Context and Skepticism\nEditor’s note: updated to add a caption.\n');

describe('document versions in the app', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let api: ApiCall;
  let browser: Browser;
  let page: Page;
  let docId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tmp = tempDir();
    served = await serveProject(path.join(tmp.dir, 'versions.gloss'));
    api = httpApi(served.url);
    const [doc] = await api('documents.import', { files: [{ name: 'white-house.txt', base64: Buffer.from(V1).toString('base64') }] });
    docId = doc!.id;
    const labels = await api('labels.list', {});
    const label = (n: string) => labels.find((l) => l.name === n)!.id;
    const annotate = async (key: string, needle: string, name: string) => {
      const at = V1.indexOf(needle);
      ids[key] = (await api('annotations.create', { documentId: docId, ranges: [{ start: at, end: at + needle.length }], labelId: label(name) })).id;
    };
    await annotate('region', 'plagued by insurgency and separatist movements', 'Claim');
    await annotate('box', 'a box of rare earth minerals', 'Event');
    await annotate('trump', 'Donald Trump', 'Person');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('imports a new version from the library and reports what became of the annotations', async () => {
    await page.goto(served.url);
    await page.getByRole('button', { name: `Open ${TITLE}` }).waitFor();
    await page.getByTestId(`import-version-${docId}`).setInputFiles({ name: 'white-house-v2.txt', mimeType: 'text/plain', buffer: Buffer.from(V2) });
    await page.getByRole('status').getByText('Version 2: 1 kept, 0 moved, 1 changed, 1 orphaned — 2 to review.').waitFor();
    expect((await api('documents.get', { id: docId })).text).toBe(V2);
  });

  it('shows the history, the diff with the annotations each change touched, and the versions as columns', async () => {
    await page.getByRole('button', { name: `History of ${TITLE}` }).click();
    const table = page.getByRole('table', { name: 'Versions' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    await table.getByRole('rowheader', { name: '2 (current)' }).waitFor();

    const inline = page.getByRole('region', { name: 'Changes from Version 1 to Version 2' });
    await inline.waitFor();
    expect(await inline.locator('del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('plagued by insurgency')]));
    expect((await inline.locator('ins').allTextContents()).join('')).toContain('🪨');
    const changes = page.getByRole('region', { name: 'Changes and the annotations they touched' });
    await changes.getByText('“plagued by insurgency and separatist movements”').waitFor();
    await changes.getByText('orphaned', { exact: false }).first().waitFor();

    await page.getByRole('radio', { name: 'Side by side' }).check();
    await page.getByRole('region', { name: 'Version 1, with deletions marked' }).waitFor();
    expect(await page.getByRole('region', { name: 'Version 2, with insertions marked' }).locator('ins').count()).toBeGreaterThan(0);

    await page.getByRole('radio', { name: 'Versions as columns' }).check();
    await page.getByRole('region', { name: 'Version 1, with what the next version deleted' }).waitFor();
    await page.getByRole('region', { name: 'Version 2, with what it inserted' }).waitFor();
  });

  it('shows a document’s versions as columns in the compare view', async () => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('checkbox', { name: new RegExp(TITLE.slice(0, 30)) }).check();
    await page.getByRole('button', { name: 'Compare versions of the checked document' }).click();
    await page.getByRole('region', { name: 'Version 1, with what the next version deleted' }).waitFor();
    const v2 = page.getByRole('region', { name: 'Version 2, with what it inserted' });
    expect((await v2.locator('ins').allTextContents()).join('')).toContain('Editor’s note');
    await page.goBack();
    await page.goBack();
    await page.getByRole('region', { name: 'Needs review' }).waitFor();
  });

  it('lists what needs review; marking a changed annotation reviewed is undoable', async () => {
    const review = page.getByRole('region', { name: 'Needs review' });
    await review.getByRole('heading', { name: 'Needs review (2)' }).waitFor();
    await review.getByText('its text is gone, so it is not drawn').waitFor();
    await review.getByRole('button', { name: 'Mark “a box of rare-earth minerals” reviewed' }).click();
    await review.getByRole('heading', { name: 'Needs review (1)' }).waitFor();
    await page.keyboard.press('Control+z');
    await review.getByRole('heading', { name: 'Needs review (2)' }).waitFor();
    await page.getByRole('button', { name: /^Redo/ }).click();
    await review.getByRole('heading', { name: 'Needs review (1)' }).waitFor();
    // The orphan is not drawn: the reader's annotations leave it out, with its links kept.
    const listed = await api('annotations.list', { documentId: docId });
    expect(listed.map((a) => a.id).sort()).toEqual([ids.box!, ids.trump!].sort());
  });

  it('asks whether an imported file with the name of a document is a new version of it', async () => {
    await page.getByRole('button', { name: 'Library' }).click();
    const V3 = V2.replace('Impact on US-Pakistan Relations', 'Impact on Pakistan–US Relations');
    await page.getByTestId('import-files').setInputFiles({ name: 'white-house.txt', mimeType: 'text/plain', buffer: Buffer.from(V3) });
    const dialog = page.getByRole('dialog', { name: 'New versions of documents you have?' });
    await dialog.waitFor();
    const box = dialog.getByRole('checkbox', { name: `Import white-house.txt as a new version of “${TITLE}” (same name)` });
    expect(await box.isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('status').getByText(/Version 3: /).waitFor();
    expect((await api('documents.list', {})).length).toBe(1);
    expect((await api('versions.list', { documentId: docId })).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
