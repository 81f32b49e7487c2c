// Preloaded with `node -r` before dist-electron/main.cjs: resolves 'electron'
// to the stub, then, once main has set things up, acts as Chromium would and
// logs what main answered, one JSON object per line.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const STUB = path.join(__dirname, 'electron.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? STUB : resolve.call(this, request, ...rest);
};
const { __stub } = require(STUB);
const { state, log, StubEvent } = __stub;

setImmediate(async () => {
  __stub.markReady();
  // Give main's whenReady().then(...) its turn.
  await new Promise((r) => setTimeout(r, 50));
  if (!state.windows.length) return; // an opening error: main shows it and exits
  const win = state.windows[0];
  const contents = win.webContents;

  const fetchApp = async (url) => {
    const res = await state.protocolHandler(new Request(url));
    return { url, status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), length: (await res.arrayBuffer()).byteLength };
  };
  for (const url of ['app://gloss/index.html', 'app://gloss/..%2f..%2fpackage.json', 'app://gloss/no-such-file.js']) log('fetch', await fetchApp(url));

  const call = async (frame, method, args) => {
    try {
      return { envelope: await state.ipcHandler({ sender: contents, senderFrame: frame }, method, args) };
    } catch (err) {
      return { thrown: err.message };
    }
  };
  log('ipc', { as: 'app', ...(await call(contents.mainFrame, 'project.info', {})) });
  log('ipc', { as: 'app', ...(await call(contents.mainFrame, 'documents.list', { stray: 1 })) });
  log('ipc', { as: 'other-origin', ...(await call({ ...contents.mainFrame, url: 'https://example.org/' }, 'documents.list', {})) });

  const nav = (name, url) => {
    const event = new StubEvent();
    contents.emit(name, event, url);
    return event.defaultPrevented;
  };
  log('navigation', {
    toOtherOrigin: nav('will-navigate', 'https://example.org/'),
    withinApp: nav('will-navigate', 'app://gloss/index.html#/doc/1'),
    redirectAway: nav('will-redirect', 'http://127.0.0.1:9/'),
  });
  const webview = new StubEvent();
  contents.emit('will-attach-webview', webview);
  log('lockdown', { webviewPrevented: webview.defaultPrevented, windowOpen: state.windowOpenHandler?.({ url: 'https://example.org/' }) });
  let granted;
  state.permissionRequest(contents, 'media', (ok) => (granted = ok), {});
  log('permissions', { requestGranted: granted, checkGranted: state.permissionCheck(contents, 'clipboard-read', 'app://gloss', {}) });
  log('menu', { labels: state.menu.template.map((m) => m.label ?? m.role), edit: state.menu.template.find((m) => m.label === 'Edit').submenu.map((i) => i.role ?? i.type) });

  require('electron').app.quit();
});
