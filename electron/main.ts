import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { toApiError } from '../shared/index.ts';
import type { Dispatch } from './backend/api/dispatch.ts';
import { defaultProjectPath } from './backend/paths.ts';
import { openSession } from './backend/session/session.ts';
import { APP_SCHEME, APP_START_URL, appFilePath, appResponseHeaders, isAppUrl } from './app-protocol.ts';
import { registerIpc } from './ipc.ts';

// The Electron main process, kept thin: it opens the project in the store
// worker, serves the built renderer from app://gloss/ and forwards API calls
// from the one window to the worker. It runs only as the esbuild bundle
// dist-electron/main.cjs, so `__dirname` is that folder.

const RENDERER_DIR = path.join(__dirname, '..', 'dist', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');
const STORE_WORKER = path.join(__dirname, 'worker.cjs');

/** `--db FILE` or `--db=FILE` on the command line, else `$GLOSS_DB`, else the default project. */
function projectPath(argv: readonly string[]): string {
  const i = argv.indexOf('--db');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice('--db='.length);
  return value ? path.resolve(value) : defaultProjectPath();
}

// Must happen before `ready`: a standard, secure scheme gets a real origin for the CSP and the sender check.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

// The store opens in its worker while Electron starts; calls made before it is open wait for it.
// The session answers workspace.* (open, create, recent projects); the system's file dialog
// is how the user chooses a file, so the renderer never names a path the user did not pick.
const dbPath = projectPath(process.argv);
const store = openSession(dbPath, { worker: { entry: STORE_WORKER }, choose: chooseProjectFile, typedPaths: false });

/** The system's open or save dialog for a project file; null when cancelled. */
async function chooseProjectFile(mode: 'open' | 'create'): Promise<string | null> {
  const filters = [{ name: 'Gloss projects', extensions: ['gloss'] }];
  if (mode === 'open') {
    const r = mainWindow ? await dialog.showOpenDialog(mainWindow, { title: 'Open a Gloss project', properties: ['openFile'], filters }) : await dialog.showOpenDialog({ title: 'Open a Gloss project', properties: ['openFile'], filters });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  const r = mainWindow ? await dialog.showSaveDialog(mainWindow, { title: 'New Gloss project', filters }) : await dialog.showSaveDialog({ title: 'New Gloss project', filters });
  return r.canceled || !r.filePath ? null : r.filePath;
}
store.catch((err: unknown) => {
  // The backend's message names the file and says what to do (update Gloss, pick a project file).
  dialog.showErrorBox('Gloss cannot open the project', toApiError(err).message);
  app.exit(1);
});
const dispatch: Dispatch = async (method, args, caller, meta) => (await store).dispatch(method, args, caller, meta);

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    title: 'Gloss',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_START_URL);
  return win;
}

/** Serves dist/renderer at app://gloss/, with the local server's CSP on HTML pages. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFilePath(RENDERER_DIR, request.url);
    if (!file) return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    try {
      const body = await fs.readFile(file);
      return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: 200, headers: appResponseHeaders(file) });
    } catch {
      if (path.basename(file) === 'index.html') {
        return new Response(`The renderer is not built (${RENDERER_DIR}). Run: npm run build`, { status: 500, headers: { 'Content-Type': 'text/plain' } });
      }
      return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
  });
}

/** Nothing leaves the app: no new windows, no navigation or redirects to other origins, no webviews, no permissions. */
function lockDown(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    {
      label: 'Edit',
      submenu: [
        // Shown but not registered: Ctrl+Z reaches the renderer, whose own history undoes annotations.
        { role: 'undo', registerAccelerator: false },
        { role: 'redo', registerAccelerator: false },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

app.on('window-all-closed', () => app.quit());

// Close the store (finishing calls in flight) before the process ends.
let storeClosed = false;
app.on('will-quit', (event) => {
  if (storeClosed) return;
  event.preventDefault();
  void store
    .then((s) => s.close(), () => undefined)
    .finally(() => {
      storeClosed = true;
      app.quit();
    });
});

void app.whenReady().then(() => {
  lockDown();
  serveRenderer();
  Menu.setApplicationMenu(buildMenu());
  registerIpc(ipcMain, () => mainWindow, dispatch);
  mainWindow = createWindow();
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
});
