// The app on a team project in PostgreSQL, in a real Chromium: opened by its
// URL from the Projects dialog beside local files, then read and tagged as
// a project file is; the tag is in the database (a real PostgreSQL started
// in a temporary folder), and another server on the same database shows it.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project.ts';
import { importSources } from '../../electron/backend/import/index.ts';
import { httpApi } from '../support/api.ts';
import { seriousViolations, describeFindings } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { CORPUS_DIR } from '../support/paths.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

const SIDELINES = 'Pakistan on the Sidelines of US Mineral Diplomacy';

describe('a team project on PostgreSQL in the app', () => {
  let tmp: ReturnType<typeof tempDir>;
  let postgres: TestPostgres;
  let url: string;
  const served: ServedProject[] = [];
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    tmp = tempDir();
    process.env.GLOSS_RECENT_FILE = path.join(tmp.dir, 'recent.json');
    postgres = await startPostgres();
    url = postgres.createDatabase('lab');
    const project = await Project.open(url);
    try {
      const files = fs.readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.txt'));
      await importSources(project, files.map((name) => ({ name, bytes: fs.readFileSync(path.join(CORPUS_DIR, name)) })));
    } finally {
      project.close();
    }
    served.push(await serveProject(path.join(tmp.dir, 'local.gloss')));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  }, 120_000);

  afterAll(async () => {
    delete process.env.GLOSS_RECENT_FILE;
    await browser?.close();
    for (const s of served) await s.stop();
    await postgres?.stop();
    tmp?.cleanup();
  });

  it('opens it by URL from the Projects dialog, tags a document, and the tag is in the database', async () => {
    await page.goto(served[0]!.url);
    await page.getByText('No documents yet').waitFor();
    await page.getByRole('button', { name: /^Project local/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Projects' });
    await dialog.waitFor();
    await dialog.getByLabel(/team project \(postgres:/).fill(url);
    await dialog.getByRole('button', { name: 'Open project', exact: true }).click();
    await page.getByRole('button', { name: `Open ${SIDELINES}` }).waitFor();
    const findings = await seriousViolations(page);
    expect(findings, describeFindings('library on PostgreSQL', findings)).toEqual([]);

    // Shown by its database, never with a password; the recent list keeps it.
    const api = httpApi(served[0]!.url);
    const state = await api('workspace.state', {});
    expect(state.current).toBe(url);
    expect(state.recent.map((r) => r.path)).toContain(url);

    await page.getByRole('button', { name: `Open ${SIDELINES}` }).click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    await page.waitForTimeout(300);
    await selectPhrase(page, 'Pakistan');
    await page.keyboard.press('3'); // Location
    const doc = (await api('documents.list', {})).find((d) => d.title === SIDELINES)!;
    await expect.poll(async () => (await api('annotations.list', { documentId: doc.id })).length).toBe(1);

    // In the database itself, recorded in the change log under this session's annotator.
    const check = await Project.open(url);
    try {
      const [stored] = check.annotations.listByDocument(doc.id);
      expect(stored?.quote).toBe('Pakistan');
      expect(check.labels.get(stored!.labelId).name).toBe('Location');
    } finally {
      check.close();
    }

    // A second server on the same database (another machine of the lab) shows it too.
    const other = await serveProject(url);
    served.push(other);
    const seen = await httpApi(other.url)('annotations.list', { documentId: doc.id });
    expect(seen.map((a) => a.quote)).toEqual(['Pakistan']);
  }, 120_000);
});
