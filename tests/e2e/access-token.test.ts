// The access token in a real browser: the printed URL becomes an HttpOnly,
// SameSite=Strict cookie and leaves the address bar; without it the app shell
// loads but its API calls are refused, and the app says how to get in.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi } from '../support/api.ts';
import { launchChromium } from '../support/browser.ts';
import { serveProject, type ServedProject } from '../support/server.ts';
import { tempDir } from '../support/tmp.ts';

describe('opening the app with and without its token', () => {
  let tmp: ReturnType<typeof tempDir>;
  let served: ServedProject;
  let browser: Browser;

  beforeAll(async () => {
    tmp = tempDir();
    served = await serveProject(path.join(tmp.dir, 'token.gloss'));
    await httpApi(served.url)('documents.import', { files: [{ name: 'kept.txt', base64: Buffer.from('A document only the token reveals.\n').toString('base64') }] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp?.cleanup();
  });

  it('without the token: the shell loads, no data does, and an alert names the printed address', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const refused: number[] = [];
      page.on('response', (r) => r.url().includes('/api/') && refused.push(r.status()));
      await page.goto(served.base);
      await page.getByRole('alert').filter({ hasText: 'access token' }).first().waitFor();
      expect(await page.getByRole('alert').first().textContent()).toContain('?token=');
      expect(refused.length).toBeGreaterThan(0);
      expect(new Set(refused)).toEqual(new Set([401]));
      expect(await page.getByText('kept', { exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('with the printed URL: a session cookie scripts cannot read, no token left in the address, and the app works', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${served.url}#/`);
      expect(page.url()).toBe(`${served.base}#/`);
      await page.getByRole('button', { name: /^Open A document only the token reveals/ }).waitFor();
      const cookies = await context.cookies(served.base);
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatchObject({ value: served.token, httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
      expect(await page.evaluate(() => document.cookie)).toBe('');
      // A reload keeps the session.
      await page.reload();
      await page.getByRole('button', { name: /^Open A document only the token reveals/ }).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('with a wrong token: refused, and no cookie set', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const res = await page.goto(`${served.base}?token=not-the-token`);
      expect(res?.status()).toBe(401);
      expect(await context.cookies(served.base)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
