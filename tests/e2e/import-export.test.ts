// Importing and exporting in the browser as jobs: the export dialog, downloads, progress and cancel.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, type ApiCall } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const CORPUS_FILES = fs
  .readdirSync(CORPUS_DIR)
  .sort()
  .map((f) => path.join(CORPUS_DIR, f));

const TITLES = ['Pakistan on the Sidelines of US Mineral Diplomacy'];

async function bytesOf(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}

describe('import and export jobs in the library', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let api: ApiCall;
  let browser: Browser;
  let page: Page;

  const dialog = () => page.getByRole('dialog', { name: 'Export' });

  /** Opens the export dialog, picks a format and documents, and returns the download. */
  async function exportAs(format: RegExp, documents: RegExp): Promise<Download> {
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    await dialog().getByRole('radio', { name: format }).check();
    await dialog().getByRole('radio', { name: documents }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog().getByRole('button', { name: 'Export', exact: true }).click()]);
    await dialog().waitFor({ state: 'detached' });
    return download;
  }

  beforeAll(async () => {
    tmp = tempDir();
    served = await serveProject(path.join(tmp.dir, 'jobs.gloss'));
    api = httpApi(served.url);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('imports the three corpus files through the file input', async () => {
    await page.goto(served.url);
    await page.getByText('No documents yet').waitFor();
    await page.getByTestId('import-files').setInputFiles(CORPUS_FILES);
    await page.getByText('Imported 3 documents.').waitFor();
    await page.getByRole('button', { name: `Open ${TITLES[0]}` }).waitFor();
    expect(await page.getByRole('table', { name: 'Documents' }).locator('tbody tr').count()).toBe(3);
    expect((await api('documents.list', {})).length).toBe(3);
  });

  it('exports all documents as W3C Web Annotations: an AnnotationCollection with every annotation', async () => {
    // Annotations to export, made through the API (setup, not the behaviour under test).
    const docs = await api('documents.list', {});
    const labels = await api('labels.list', {});
    for (const [i, phrase] of ['Pakistan', 'United States', 'Pakistan'].entries()) {
      const doc = docs[i % docs.length]!;
      const { text } = await api('documents.get', { id: doc.id });
      const start = text.indexOf(phrase);
      if (start < 0) continue;
      await api('annotations.create', { documentId: doc.id, ranges: [{ start, end: start + phrase.length }], labelId: labels[i % 3]!.id });
    }
    const annotations = (await api('documents.list', {})).reduce((n, d) => n + d.annotationCount, 0);
    expect(annotations).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    expect(await dialog().getAttribute('aria-modal')).toBe('true');
    // Focus moved into the dialog; Escape closes it and gives focus back.
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export…');

    const download = await exportAs(/W3C Web Annotation/, /All documents \(3\)/);
    expect(download.suggestedFilename()).toBe('gloss-annotations.jsonld');
    const collection = JSON.parse((await bytesOf(download)).toString('utf8')) as { type: string; total: number; 'gloss:documents': unknown[] };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(annotations);
    expect(collection['gloss:documents']).toHaveLength(3);
    await page.getByText(/Exported 3 document\(s\) as W3C Web Annotation JSON-LD/).waitFor();
  });

  it('exports as brat: a zip of .txt and .ann files', async () => {
    const download = await exportAs(/brat \(zip\)/, /All documents/);
    expect(download.suggestedFilename()).toBe('gloss-brat.zip');
    const bytes = await bytesOf(download);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const names = Object.keys(unzipSync(bytes));
    expect(names.filter((n) => n.endsWith('.ann'))).toHaveLength(3);
    expect(names).toContain('gloss-brat/annotation.conf');
  });

  it('exports only the documents checked in the library', async () => {
    await page.getByRole('checkbox', { name: `Select ${TITLES[0]}` }).check();
    const download = await exportAs(/^CSV/, /checked in the library \(1\)/);
    const rows = (await bytesOf(download)).toString('utf8').trim().split('\r\n').slice(1);
    const [doc] = (await api('documents.list', {})).filter((d) => d.title === TITLES[0]);
    expect(rows).toHaveLength(doc!.annotationCount);
    for (const row of rows) expect(row.startsWith(`${doc!.name},`)).toBe(true);
    await page.getByRole('checkbox', { name: `Select ${TITLES[0]}` }).uncheck();
  });

  it('exports CoNLL tagged with the labels chosen in the dialog only', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog().waitFor();
    await dialog().getByRole('radio', { name: /CoNLL IOB2/ }).check();
    const filter = dialog().getByRole('group', { name: 'Labels to tag' });
    for (const name of ['Organization', 'Location']) await filter.getByRole('checkbox', { name: new RegExp(`^${name}`) }).uncheck();
    expect(await filter.getByRole('checkbox', { name: /^Person/ }).isChecked()).toBe(true);
    await dialog().getByRole('radio', { name: /All documents/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog().getByRole('button', { name: 'Export', exact: true }).click()]);
    const tags = new Set((await bytesOf(download)).toString('utf8').split('\n').filter((l) => l && !l.startsWith('-DOCSTART-')).flatMap((l) => l.split('\t').slice(1)));
    expect(tags.has('B-Person')).toBe(true);
    expect([...tags].every((t) => t === 'O' || t.endsWith('-Person'))).toBe(true);
  });

  it('shows an import’s progress and cancels it: nothing of it is imported', async () => {
    // HTML pages, as parsing them (readability) takes long enough to cancel in the middle; 300 text files import in a tenth of a second.
    const dir = path.join(tmp.dir, 'many');
    fs.mkdirSync(dir);
    const files = Array.from({ length: 300 }, (_, i) => {
      const file = path.join(dir, `page-${String(i).padStart(3, '0')}.html`);
      const body = Array.from({ length: 20 }, (_, p) => `<p>Paragraph ${p} of page ${i}, with a few more words.</p>`).join('');
      fs.writeFileSync(file, `<!doctype html><html><head><title>Page ${i}</title></head><body><article><h1>Page ${i}</h1>${body}</article></body></html>`);
      return file;
    });
    await page.getByTestId('import-files').setInputFiles(files);
    // The backend's progress, polled from the job.
    await page.getByText(/Parsing \d+ of 300 file\(s\)/).waitFor();
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    expect(Number(await bar.getAttribute('max'))).toBe(300);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Import cancelled: nothing was imported.').waitFor();
    await bar.waitFor({ state: 'detached' });
    expect((await api('documents.list', {})).length).toBe(3);
    // And nothing arrives later.
    await page.waitForTimeout(500);
    expect((await api('documents.list', {})).length).toBe(3);
    await page.reload();
    await page.getByRole('button', { name: `Open ${TITLES[0]}` }).waitFor();
    expect(await page.getByRole('table', { name: 'Documents' }).locator('tbody tr').count()).toBe(3);
  });
});
