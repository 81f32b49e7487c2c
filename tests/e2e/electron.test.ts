// The packaged shape of Gloss: the Electron app built by build/scripts/build.mjs,
// launched through Playwright's Electron driver. Electron's binary cannot be
// downloaded on every machine (DEVELOPERS.md, "Electron on these machines"),
// so without it this file is skipped and says why; the same renderer and
// backend are covered through the local server by the other e2e tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, Envelope, GlossBridge } from '../../shared/index.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

/** Electron's executable, or undefined when the package was installed without it (`require('electron')` throws then). */
function electronBinary(): string | undefined {
  try {
    const bin: unknown = createRequire(import.meta.url)('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const ELECTRON = electronBinary();
const SKIP_REASON = !ELECTRON
  ? "Electron's binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD, or no access to its download)"
  : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? 'no display to open a window on (run under xvfb-run)'
    : undefined;
if (SKIP_REASON) console.warn(`tests/e2e/electron.test.ts skipped: ${SKIP_REASON}.`);

type GlossWindow = { gloss?: GlossBridge; require?: unknown; process?: unknown };

describe.skipIf(SKIP_REASON !== undefined)(`the Electron app${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'build', 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
    tmp = tempDir('gloss-electron-');
    db = path.join(tmp.dir, 'electron.gloss');
    app = await _electron.launch({
      executablePath: ELECTRON!,
      args: [REPO_ROOT, '--db', db],
      cwd: REPO_ROOT,
      env: { ...(process.env as Record<string, string>), GLOSS_DB: db, ELECTRON_DISABLE_SECURITY_WARNINGS: 'true' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    tmp?.cleanup();
  });

  it('opens one window on app://gloss/ with the sandboxed preferences', async () => {
    expect(page.url()).toBe('app://gloss/index.html');
    expect(await page.title()).toBe('Gloss');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wins = BrowserWindow.getAllWindows();
      // Undocumented but long-standing (Electron's own tests use it); typed here because electron.d.ts omits it.
      type Prefs = { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean; webSecurity?: boolean };
      const p = (wins[0]!.webContents as unknown as { getLastWebPreferences?: () => Prefs | null }).getLastWebPreferences?.();
      return { count: wins.length, contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity };
    });
    expect(prefs).toEqual({ count: 1, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });

  it('exposes only the bridge: window.gloss.call and no Node', async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as GlossWindow;
      return { keys: w.gloss ? Object.keys(w.gloss) : null, call: typeof w.gloss?.call, require: typeof w.require, process: typeof w.process };
    });
    expect(seen).toEqual({ keys: ['call'], call: 'function', require: 'undefined', process: 'undefined' });
  });

  it('answers documents.list over IPC from the store worker', async () => {
    const envelope = await page.evaluate(() => (window as unknown as GlossWindow).gloss!.call('documents.list', {}));
    expect(envelope).toEqual({ ok: true, result: [] } satisfies Envelope<DocumentSummary[]>);
    const invalid = await page.evaluate(() => (window as unknown as GlossWindow).gloss!.call('documents.list', { stray: 1 }));
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const info = await page.evaluate(() => (window as unknown as GlossWindow).gloss!.call('project.info', {}));
    expect(info).toMatchObject({ ok: true, result: { path: db } });
  });

  it('serves the page with the CSP header and stays on its origin', async () => {
    const csp = await page.evaluate(() => fetch('app://gloss/index.html').then((r) => r.headers.get('content-security-policy')));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await page.evaluate(() => {
      location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://gloss/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
