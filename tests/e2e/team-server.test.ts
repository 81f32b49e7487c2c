// A team server in Chromium: `gloss serve --team` on a project with the
// corpus, accounts added with `gloss users add`. An annotator signs in with
// the printed link, sees only their own layer and no curator's controls, and
// annotates; a curator signed in (in another browser context) sees both
// layers. Both pages pass axe; signing out ends the session.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { selectPhrase } from '../support/page.ts';
import { CORPUS_DIR, GLOSS_BIN } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

const TITLE = 'Pakistan on the Sidelines of US Mineral Diplomacy';

describe('the team server in the app', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let server: ChildProcess;
  let url: string;
  let browser: Browser;
  let annotator: BrowserContext;
  let curator: BrowserContext;
  let page: Page;

  const gloss = (...args: string[]) => execFileSync(process.execPath, [GLOSS_BIN, ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, GLOSS_ANNOTATOR: '' } });
  const linkFor = (name: string, role: string) => /(http:\S+signin\?token=\S+)\n/.exec(gloss('users', 'add', name, '--role', role, '--url', url))![1]!;

  /** A call as a signed-in account, through the server's API with its session cookie (setup and checks only). */
  async function callAs<T>(cookie: string, method: string, args: unknown): Promise<T> {
    const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(args) });
    const envelope = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
    return envelope.result;
  }

  beforeAll(async () => {
    tmp = tempDir();
    db = path.join(tmp.dir, 'team.gloss');
    gloss('import', path.join(CORPUS_DIR, 'pakistan-on-the-sidelines.txt'));
    server = spawn(process.execPath, [GLOSS_BIN, 'serve', '--team', '--port', '0', '--json', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        try {
          resolve((JSON.parse(out) as { url: string }).url);
        } catch {
          // not all of it yet
        }
      });
      server.once('exit', (code) => reject(new Error(`gloss serve --team exited with ${code}`)));
    });
    // Another annotator's layer: ben tags India through the API, signed in with his own link.
    const token = new URL(linkFor('ben', 'annotator')).searchParams.get('token')!;
    const signin = await fetch(`${url}signin`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    const ben = signin.headers.get('set-cookie')!.split(';')[0]!;
    const [doc] = await callAs<{ id: string }[]>(ben, 'documents.list', {});
    const { text } = await callAs<{ text: string }>(ben, 'documents.get', { id: doc!.id });
    const labels = await callAs<{ id: string; name: string }[]>(ben, 'labels.list', {});
    const at = text.indexOf('India');
    await callAs(ben, 'annotations.create', { documentId: doc!.id, labelId: labels.find((l) => l.name === 'Location')!.id, ranges: [{ start: at, end: at + 5 }] });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      await new Promise<void>((r) => {
        server.once('exit', () => r());
        server.kill('SIGTERM');
      });
    }
    tmp?.cleanup();
  });

  it('asks for a session before the app loads', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(401);
  });

  it('signs an annotator in with the printed link and shows who they are, without curator controls', async () => {
    annotator = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await annotator.newPage();
    await page.goto(linkFor('ana', 'annotator'));
    await page.getByRole('heading', { name: 'Sign in to Gloss' }).waitFor();
    const signInFound = await seriousViolations(page);
    expect(signInFound, describeFindings('sign-in page', signInFound)).toEqual([]);
    await page.keyboard.press('Enter'); // the Sign in button has the focus
    await page.getByRole('group', { name: 'Account' }).waitFor();
    expect(new URL(page.url()).search).toBe(''); // the token is gone from the address
    const account = page.getByRole('group', { name: 'Account' });
    await account.getByText('Signed in as').waitFor();
    expect(await account.textContent()).toContain('ana (annotator)');
    await page.getByRole('button', { name: `Open ${TITLE}` }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('button', { name: 'Agreement' }).count()).toBe(0);
    expect(await nav.getByRole('button', { name: 'Compare' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import files…' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: `Delete ${TITLE}` }).count()).toBe(0);
    const found = await seriousViolations(page);
    expect(found, describeFindings('team library (annotator)', found)).toEqual([]);
  });

  it("lets the annotator annotate, blind to the other annotator's layer", async () => {
    await page.getByRole('button', { name: `Open ${TITLE}` }).click();
    await page.getByRole('textbox', { name: 'Document text' }).waitFor();
    const annotations = page.getByRole('region', { name: 'Annotations' });
    await selectPhrase(page, 'Marco Rubio');
    await page.keyboard.press('1'); // Person
    await annotations.getByRole('button', { name: /Person\s*Marco Rubio/ }).waitFor();
    expect(await annotations.getByRole('button', { name: /Location\s*India/ }).count()).toBe(0);
    const found = await seriousViolations(page);
    expect(found, describeFindings('team reader (annotator)', found)).toEqual([]);
  });

  it('shows a curator both layers', async () => {
    curator = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const cpage = await curator.newPage();
    await cpage.goto(linkFor('cleo', 'curator'));
    await cpage.getByRole('button', { name: 'Sign in' }).click();
    await cpage.getByRole('group', { name: 'Account' }).getByText('cleo').waitFor();
    await cpage.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Agreement' }).waitFor();
    await cpage.getByRole('button', { name: `Open ${TITLE}` }).click();
    await cpage.getByRole('textbox', { name: 'Document text' }).waitFor();
    await expect.poll(() => cpage.locator('.gl-hl[title$="· ana"]').count()).toBeGreaterThan(0);
    expect(await cpage.locator('.gl-hl[title$="· ben"]').count()).toBeGreaterThan(0);
    const annotations = cpage.getByRole('region', { name: 'Annotations' });
    await annotations.getByRole('button', { name: /Person\s*Marco Rubio/ }).waitFor();
    await annotations.getByRole('button', { name: /Location\s*India/ }).waitFor();
    const found = await seriousViolations(cpage);
    expect(found, describeFindings('team reader (curator)', found)).toEqual([]);
  });

  it("lets an admin add an account in the app and hand over its link, which signs it in", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const apage = await context.newPage();
    await apage.goto(linkFor('lead', 'admin'));
    await apage.getByRole('button', { name: 'Sign in' }).click();
    await apage.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).click();
    await apage.getByRole('heading', { name: 'Accounts' }).waitFor();
    await apage.getByLabel('New account').fill('dora');
    await apage.getByLabel('Role', { exact: true }).selectOption('curator');
    await apage.getByRole('button', { name: 'Add account' }).click();
    const link = await apage.getByLabel('Sign-in link for dora').inputValue();
    expect(link).toMatch(/\/signin\?token=[A-Za-z0-9_-]{43}$/);
    await apage.getByLabel('Role of dora').selectOption('annotator');
    await expect.poll(() => apage.getByLabel('Role of dora').inputValue()).toBe('annotator');
    const found = await seriousViolations(apage);
    expect(found, describeFindings('accounts page', found)).toEqual([]);
    // The link signs dora in, as an annotator now.
    const dpage = await (await browser.newContext()).newPage();
    await dpage.goto(link);
    await dpage.getByRole('button', { name: 'Sign in' }).click();
    expect(await dpage.getByRole('group', { name: 'Account' }).textContent()).toContain('dora (annotator)');
    // Annotators have no Accounts page.
    expect(await dpage.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Accounts' }).count()).toBe(0);
    await context.close();
  });

  it('signs the annotator out from the keyboard', async () => {
    const button = page.getByRole('button', { name: 'Sign out' });
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await page.reload();
    expect(await page.textContent('body')).toMatch(/Sign in first/);
  });
});
