// A stand-in for the 'electron' module, just enough for the bundled main
// process (dist-electron/main.cjs) to start under plain Node where Electron's
// binary is missing. It records what main does and lets scenario.cjs play the
// parts of Chromium: requests to app://, IPC calls, navigation attempts.
'use strict';
const { EventEmitter } = require('node:events');

const log = (event, data = {}) => process.stdout.write(JSON.stringify({ event, ...data }) + '\n');
const state = { ready: false, protocolHandler: undefined, ipcHandler: undefined, windowOpenHandler: undefined, windows: [], permissionRequest: undefined, permissionCheck: undefined, menu: undefined };

let markReady;
const whenReady = new Promise((resolve) => (markReady = resolve));

class StubEvent {
  constructor() { this.defaultPrevented = false; }
  preventDefault() { this.defaultPrevented = true; }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  enableSandbox: () => log('enableSandbox', { ready: state.ready }),
  whenReady: () => whenReady,
  quit() {
    const event = new StubEvent();
    app.emit('will-quit', event);
    if (!event.defaultPrevented) {
      log('quit');
      process.exit(0);
    }
  },
  exit(code) {
    log('exit', { code });
    process.exit(code);
  },
});

const protocol = {
  registerSchemesAsPrivileged: (schemes) => log('registerSchemesAsPrivileged', { schemes, ready: state.ready }),
  handle: (scheme, handler) => {
    log('protocol.handle', { scheme });
    state.protocolHandler = handler;
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (state.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (state.permissionCheck = fn),
  },
};

const ipcMain = {
  handle: (channel, fn) => {
    log('ipcMain.handle', { channel });
    state.ipcHandler = fn;
  },
  removeHandler: () => (state.ipcHandler = undefined),
};

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    log('BrowserWindow', { options });
    const mainFrame = { url: '', parent: null, processId: 7, frameToken: 'main-frame', detached: false };
    this.webContents = Object.assign(new EventEmitter(), { mainFrame, setWindowOpenHandler: (fn) => (state.windowOpenHandler = fn) });
    state.windows.push(this);
    app.emit('web-contents-created', new StubEvent(), this.webContents);
  }
  async loadURL(url) {
    log('loadURL', { url });
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  }
  show() { log('show'); }
}

const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => (state.menu = menu),
};

const dialog = { showErrorBox: (title, content) => log('showErrorBox', { title, content }) };

module.exports = {
  app, protocol, session, ipcMain, BrowserWindow, Menu, dialog,
  // For scenario.cjs only.
  __stub: { state, log, StubEvent, markReady: () => { state.ready = true; markReady(); } },
};
