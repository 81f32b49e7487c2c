// The Electron glue's plain-Node parts: the IPC sender check, the app://
// protocol's file mapping, and the store worker that keeps SQLite off the
// main thread (from source through tsx, and as the esbuild bundle Electron runs).
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerDispatcher, type WorkerDispatcher } from '../../electron/backend/worker/dispatcher.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/store/database.ts';
import { GLOSS_APPLICATION_ID } from '../../electron/backend/store/identify.ts';
import { APP_START_URL, appFilePath, appResponseHeaders, isAppUrl } from '../../electron/app-protocol.ts';
import { registerIpc, senderFacts, senderProblem, type SenderFacts } from '../../electron/ipc.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/server/csp.ts';
import { IPC_CHANNEL, type DocumentSummary, type Envelope } from '../../shared/index.ts';
import { GLOSS_BIN, REPO_ROOT } from '../support/paths.ts';
import { tempDir } from '../support/tmp.ts';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('gloss-glue-'));
});
afterAll(() => cleanup());

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('the IPC sender check', () => {
  const trusted: SenderFacts = { url: APP_START_URL, isMainFrame: true, fromAppWindow: true };

  it('lets the main frame of the app window, on the app origin, call', () => {
    expect(senderProblem(trusted)).toBeUndefined();
    expect(senderProblem({ ...trusted, url: 'app://gloss/some/route?x=1#frag' })).toBeUndefined();
  });

  it.each([
    ['another origin', { url: 'https://evil.example/index.html' }, /untrusted page \(https:\/\/evil\.example\)/],
    ['a file: URL', { url: 'file:///work/main/dist/renderer/index.html' }, /untrusted page/],
    ['another host on the app scheme', { url: 'app://gl0ss/index.html' }, /untrusted page/],
    ['the app host with a port', { url: 'app://gloss:81/index.html' }, /untrusted page/],
    ['the app host with credentials', { url: 'app://user@gloss/index.html' }, /untrusted page/],
    ['about:blank', { url: 'about:blank' }, /untrusted page/],
    ['a frame that is gone', { url: undefined }, /no longer exists/],
    ['a subframe', { isMainFrame: false }, /subframe/],
    ['another window', { fromAppWindow: false }, /not come from the Gloss window/],
  ])('refuses %s', (_name, change, reason) => {
    expect(senderProblem({ ...trusted, ...change })).toMatch(reason);
  });

  it('reads the facts off an event: same web contents, the top frame by process and token', () => {
    const mainFrame = { url: APP_START_URL, parent: null, processId: 4, frameToken: 'top' };
    const contents = { mainFrame };
    const win = { webContents: contents };
    expect(senderFacts({ sender: contents, senderFrame: mainFrame }, win)).toEqual({ url: APP_START_URL, isMainFrame: true, fromAppWindow: true });

    const iframe = { url: APP_START_URL, parent: mainFrame, processId: 4, frameToken: 'child' };
    expect(senderFacts({ sender: contents, senderFrame: iframe }, win).isMainFrame).toBe(false);
    expect(senderFacts({ sender: { mainFrame }, senderFrame: mainFrame }, win).fromAppWindow).toBe(false);
    expect(senderFacts({ sender: contents, senderFrame: null }, win)).toEqual({ url: undefined, isMainFrame: false, fromAppWindow: true });
    expect(senderFacts({ sender: contents, senderFrame: mainFrame }, null).fromAppWindow).toBe(false);

    // Electron throws when a disposed frame is read; that is a refusal, not a crash.
    const disposed = { parent: null, processId: 4, frameToken: 'top', get url(): string { throw new Error('Render frame was disposed'); } };
    const facts = senderFacts({ sender: contents, senderFrame: disposed }, win);
    expect(facts.url).toBeUndefined();
    expect(senderProblem(facts)).toBeDefined();
  });
});

describe('the app:// protocol', () => {
  const root = path.join(REPO_ROOT, 'dist', 'renderer');

  it('maps app://gloss/ URLs to files inside the renderer folder only', () => {
    expect(appFilePath(root, 'app://gloss/')).toBe(path.join(root, 'index.html'));
    expect(appFilePath(root, 'app://gloss/index.html')).toBe(path.join(root, 'index.html'));
    expect(appFilePath(root, 'app://gloss/assets/index-abc.js?v=1')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(appFilePath(root, 'app://gloss/..%2f..%2fpackage.json')).toBeUndefined();
    // The URL parser resolves %2e%2e as a dot segment, so this stays inside the folder.
    expect(appFilePath(root, 'app://gloss/%2e%2e/%2e%2e/package.json')).toBe(path.join(root, 'package.json'));
    expect(appFilePath(root, 'app://gloss/a%00b')).toBeUndefined();
    expect(appFilePath(root, 'app://gloss/%E0%A4%A')).toBeUndefined();
    expect(appFilePath(root, 'app://other/index.html')).toBeUndefined();
    expect(appFilePath(root, 'https://gloss/index.html')).toBeUndefined();
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('sends the local server’s CSP with HTML pages, and the right types', () => {
    expect(appResponseHeaders('/x/index.html')).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    const js = appResponseHeaders('/x/assets/a.js');
    expect(js['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(js['Content-Security-Policy']).toBeUndefined();
    expect(js['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('the store worker', () => {
  let store: WorkerDispatcher;
  beforeAll(async () => {
    store = await createWorkerDispatcher(path.join(dir, 'worker.gloss'), { openOptions: { synchronous: 'NORMAL' } });
  });
  afterAll(() => store.close());

  it('answers calls with the same envelopes as the in-process dispatcher', async () => {
    const info = await store.dispatch('project.info', {});
    expect(info).toMatchObject({ ok: true, result: { path: path.join(dir, 'worker.gloss'), schemaVersion: LATEST_SCHEMA_VERSION } });
    expect(await store.dispatch('documents.list', { extra: 1 })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await store.dispatch('no.such', {})).toEqual({ ok: false, error: { kind: 'validation', message: 'unknown method "no.such"' } });
    expect(await store.dispatch('documents.get', { id: 'nope' })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const fn = () => 1;
    expect(await store.dispatch('documents.list', { fn })).toMatchObject({ ok: false, error: { kind: 'validation', message: /cannot be sent/ } });
  });

  it('serves a documents.list while a 1000-file import is still running', async () => {
    const files = Array.from({ length: 1000 }, (_, i) => ({
      name: `article-${String(i).padStart(4, '0')}.txt`,
      base64: b64(`Article ${i} 🇵🇰\n\n${'Pakistan and the United States discussed critical minerals. '.repeat(40)}`),
    }));
    const before = await store.dispatch('documents.list', {});
    if (!before.ok) throw new Error(before.error.message);

    const settled: string[] = [];
    const importing = store.dispatch('documents.import', { files }).then((e) => (settled.push('import'), e));
    const listing = store.dispatch('documents.list', {}).then((e) => (settled.push('list'), e));
    const [imported, listed] = await Promise.all([importing, listing]);

    expect(settled).toEqual(['list', 'import']);
    expect(imported.ok && (imported.result as DocumentSummary[]).length).toBe(1000);
    // The list saw the project as it was: the import is all or nothing and had not been stored yet.
    expect(listed.ok && (listed.result as DocumentSummary[]).length).toBe((before.result as DocumentSummary[]).length);
    const after = (await store.dispatch('documents.list', {})) as Envelope<DocumentSummary[]>;
    expect(after.ok && after.result.length).toBe((before.result as DocumentSummary[]).length + 1000);
  });

  it('finishes calls in flight on close, then refuses new ones', async () => {
    const own = await createWorkerDispatcher(path.join(dir, 'closing.gloss'));
    const inFlight = own.dispatch('documents.import', { files: [{ name: 'a.md', base64: b64('# A\n\ntext') }] });
    await own.close();
    expect(await inFlight).toMatchObject({ ok: true });
    expect(await own.dispatch('documents.list', {})).toEqual({ ok: false, error: { kind: 'internal', message: 'the project is closed' } });
    await own.close(); // twice is harmless
  });

  it('rejects with the backend’s error when the project cannot be opened', async () => {
    const newer = path.join(dir, 'newer.gloss');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma(`application_id = ${GLOSS_APPLICATION_ID}`); // a newer Gloss marks its projects
    raw.close();
    await expect(createWorkerDispatcher(newer)).rejects.toMatchObject({ name: 'GlossError', kind: 'version', message: expect.stringContaining(`${newer}: this project was written by a newer version of Gloss`) });

    const notes = path.join(dir, 'notes.gloss');
    fs.writeFileSync(notes, 'just some notes, not a database\n');
    await expect(createWorkerDispatcher(notes)).rejects.toMatchObject({ kind: 'validation', message: `${notes}: not a Gloss project file (it is not an SQLite database)` });
  });

  it('gets an opening error to the user of `gloss serve`', () => {
    const newer = path.join(dir, 'newer-serve.gloss');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma(`application_id = ${GLOSS_APPLICATION_ID}`); // a newer Gloss marks its projects
    raw.close();
    const run = spawnSync(process.execPath, [GLOSS_BIN, 'serve', '--port', '0', '--db', newer], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`gloss: ${newer}: this project was written by a newer version of Gloss`);
    expect(run.stdout).not.toContain('Open http');
  });
});

describe('the IPC entry point', () => {
  it('forwards calls from the app window to the store and refuses other senders', async () => {
    const store = await createWorkerDispatcher(path.join(dir, 'ipc.gloss'));
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    const mainFrame = { url: APP_START_URL, parent: null, processId: 1, frameToken: 't' };
    const win = { webContents: { mainFrame } };
    const unregister = registerIpc(ipcMain as never, () => win as never, store.dispatch);
    try {
      const handler = handlers.get(IPC_CHANNEL)!;
      expect(handler).toBeTypeOf('function');
      const fromApp = { sender: win.webContents, senderFrame: mainFrame };
      expect(await handler(fromApp, 'labels.list', {})).toMatchObject({ ok: true, result: expect.any(Array) });
      expect(await handler(fromApp, 'labels.create', { name: '' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
      expect(await handler(fromApp, 42, {})).toMatchObject({ ok: false, error: { kind: 'validation' } });

      // The renderer's undo step comes as the third argument: the write is journaled under it, for the desktop window, and can be undone.
      const [doc] = (await handler(fromApp, 'documents.import', { files: [{ name: 'a.txt', base64: Buffer.from('Lithium in Chile.').toString('base64') }] }) as { result: { id: string }[] }).result;
      const labels = (await handler(fromApp, 'labels.list', {}) as { result: { id: string }[] }).result;
      const step = crypto.randomUUID();
      expect(await handler(fromApp, 'annotations.create', { documentId: doc!.id, labelId: labels[0]!.id, ranges: [{ start: 0, end: 7 }] }, { step })).toMatchObject({ ok: true });
      expect(await handler(fromApp, 'history.steps', {})).toMatchObject({ ok: true, result: { steps: [{ id: step, client: 'desktop', via: 'annotations.create' }] } });
      expect(await handler(fromApp, 'history.undo', { steps: [step] })).toMatchObject({ ok: true, result: { documentIds: [doc!.id] } });
      expect(await handler(fromApp, 'annotations.list', { documentId: doc!.id })).toEqual({ ok: true, result: [] });
      // Meta that is not an object with a string step is ignored, not trusted.
      expect(await handler(fromApp, 'annotations.create', { documentId: doc!.id, labelId: labels[0]!.id, ranges: [{ start: 0, end: 7 }] }, { step: 42, client: 'spoofed' })).toMatchObject({ ok: true });
      expect((await handler(fromApp, 'history.steps', {}) as { result: { steps: unknown[] } }).result.steps).toHaveLength(1);

      const evil = { ...mainFrame, url: 'https://evil.example/' };
      expect(() => handler({ sender: win.webContents, senderFrame: evil }, 'documents.list', {})).toThrow(/refused.*evil\.example/);
      const child = { ...mainFrame, parent: mainFrame, frameToken: 'c' };
      expect(() => handler({ sender: win.webContents, senderFrame: child }, 'documents.list', {})).toThrow(/subframe/);
      unregister();
      expect(handlers.has(IPC_CHANNEL)).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describe('the Electron bundles', () => {
  // Laid out as in the app (dist-electron/ beside dist/renderer/) and inside the
  // repository, so the bundles find node_modules as they will when packaged.
  const appDir = path.join(REPO_ROOT, '.test-tmp', `electron-glue-${process.pid}`);
  const outDir = path.join(appDir, 'dist-electron');
  const INDEX_HTML = '<!doctype html><title>Gloss</title><p>test renderer</p>';
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'build', 'scripts', 'build.mjs'), '--electron', '--out-dir', outDir], { stdio: 'pipe' });
    fs.mkdirSync(path.join(appDir, 'dist', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(appDir, 'dist', 'renderer', 'index.html'), INDEX_HTML);
  }, 60_000);
  afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

  /**
   * Starts the bundled main process under Node with a stand-in for the
   * 'electron' module (tests/support/electron-stub): the Electron binary is
   * not installed everywhere, and this still runs main's own code, the real
   * protocol handler, the IPC entry point and the bundled store worker.
   */
  function runMain(db: string): { status: number | null; log: Record<string, unknown>[]; stderr: string } {
    const run = spawnSync(process.execPath, ['-r', path.join(REPO_ROOT, 'tests', 'support', 'electron-stub', 'scenario.cjs'), path.join(outDir, 'main.cjs'), '--db', db], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, GLOSS_DB: '' },
    });
    const log = run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    return { status: run.status, log, stderr: run.stderr };
  }
  const find = (log: Record<string, unknown>[], event: string) => log.filter((e) => e.event === event);

  it('main opens the project in the worker, serves the renderer with the CSP and locks the window down', () => {
    const db = path.join(dir, 'main.gloss');
    const { status, log, stderr } = runMain(db);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // The scheme is privileged before the app is ready, as Electron requires.
    expect(find(log, 'registerSchemesAsPrivileged')[0]).toMatchObject({ ready: false, schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }] });
    expect(find(log, 'BrowserWindow')[0]).toMatchObject({
      options: { webPreferences: { preload: path.join(outDir, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true } },
    });
    expect(find(log, 'loadURL')).toEqual([{ event: 'loadURL', url: APP_START_URL }]);
    expect(find(log, 'fetch')).toEqual([
      { event: 'fetch', url: APP_START_URL, status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY, length: INDEX_HTML.length },
      { event: 'fetch', url: 'app://gloss/..%2f..%2fpackage.json', status: 404, type: 'text/plain', csp: null, length: 9 },
      { event: 'fetch', url: 'app://gloss/no-such-file.js', status: 404, type: 'text/plain', csp: null, length: 9 },
    ]);
    const ipc = find(log, 'ipc');
    expect(ipc[0]).toMatchObject({ as: 'app', envelope: { ok: true, result: { path: db, schemaVersion: LATEST_SCHEMA_VERSION } } });
    expect(ipc[1]).toMatchObject({ as: 'app', envelope: { ok: false, error: { kind: 'validation' } } });
    expect(ipc[2]).toMatchObject({ as: 'other-origin', thrown: expect.stringContaining('untrusted page (https://example.org)') });
    expect(find(log, 'navigation')[0]).toEqual({ event: 'navigation', toOtherOrigin: true, withinApp: false, redirectAway: true });
    expect(find(log, 'lockdown')[0]).toEqual({ event: 'lockdown', webviewPrevented: true, windowOpen: { action: 'deny' } });
    expect(find(log, 'permissions')[0]).toEqual({ event: 'permissions', requestGranted: false, checkGranted: false });
    expect(find(log, 'menu')[0]).toMatchObject({ edit: expect.arrayContaining(['undo', 'redo', 'copy', 'selectAll']) });
    expect(log.at(-1)).toEqual({ event: 'quit' }); // after the store closed
  });

  it('main shows an opening error to the user and exits', () => {
    const newer = path.join(dir, 'main-newer.gloss');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.pragma(`application_id = ${GLOSS_APPLICATION_ID}`); // a newer Gloss marks its projects
    raw.close();
    const { status, log } = runMain(newer);
    expect(status).toBe(1);
    expect(find(log, 'showErrorBox')).toEqual([
      { event: 'showErrorBox', title: 'Gloss cannot open the project', content: expect.stringContaining(`${newer}: this project was written by a newer version of Gloss`) },
    ]);
    expect(log.at(-1)).toEqual({ event: 'exit', code: 1 });
  });

  const requires = (file: string): string[] =>
    [...new Set([...fs.readFileSync(path.join(outDir, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();

  it('gives the sandboxed preload nothing to require but electron', () => {
    expect(requires('preload.cjs')).toEqual(['electron']);
  });

  it('leaves only electron, Node built-ins and the native or unbundlable packages to require', () => {
    const allowed = (name: string): boolean => name.startsWith('node:') || builtinModules.includes(name) || /^(electron|better-sqlite3|jsdom|pdfjs-dist(\/.*)?)$/.test(name);
    for (const file of ['main.cjs', 'worker.cjs']) expect(requires(file).filter((r) => !allowed(r))).toEqual([]);
    expect(requires('main.cjs')).not.toContain('better-sqlite3'); // the store is the worker's alone
  });

  it('runs the bundled store worker (no tsx), HTML import included', async () => {
    const store = await createWorkerDispatcher(path.join(dir, 'bundled.gloss'), { entry: path.join(outDir, 'worker.cjs') });
    try {
      const html = '<!doctype html><html lang="en"><head><title>Minerals</title></head><body><article><h1>Minerals</h1><p>Pakistan and the United States discussed critical minerals at length.</p></article></body></html>';
      const imported = await store.dispatch('documents.import', { files: [{ name: 'a.html', base64: b64(html) }, { name: 'b.md', base64: b64('# B\n\nSome *text*.') }] });
      expect(imported).toMatchObject({ ok: true, result: [{ name: 'a', title: 'Minerals' }, { name: 'b' }] });
      expect(await store.dispatch('documents.list', {})).toMatchObject({ ok: true, result: { length: 2 } });
    } finally {
      await store.close();
    }
  });
});
