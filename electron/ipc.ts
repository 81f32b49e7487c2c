import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../shared/api/bridge.ts';
import type { Dispatch } from './backend/api/dispatch.ts';
import { isAppUrl } from './app-protocol.ts';

// Electron is imported for types only: this file loads under plain Node, so
// the unit tests exercise the sender check without Electron's binary.

/** What the IPC entry point knows about who sent a call. */
export interface SenderFacts {
  /** The sending frame's URL; undefined when the frame is gone (navigated away or destroyed). */
  url: string | undefined;
  /** The frame is the top-level frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** The page is our app window's (not another window or webview). */
  fromAppWindow: boolean;
}

/**
 * Why a call must be refused, or undefined when it may proceed: only the
 * main frame of our window, showing our own origin, may call the API.
 */
export function senderProblem(facts: SenderFacts): string | undefined {
  if (!facts.fromAppWindow) return 'the call did not come from the Gloss window';
  if (!facts.isMainFrame) return 'the call came from a subframe';
  if (!isAppUrl(facts.url)) return `the call came from ${facts.url ? `an untrusted page (${originOf(facts.url)})` : 'a frame that no longer exists'}`;
  return undefined;
}

type FrameLike = { url: string; parent: unknown; processId: number; frameToken: string; detached?: boolean };

/** Reads the sender facts off an IPC event. Tolerates frames that vanish while being inspected. */
export function senderFacts(
  event: { sender: unknown; senderFrame: FrameLike | null },
  window: { webContents: { mainFrame: FrameLike } } | null | undefined,
): SenderFacts {
  const frame = event.senderFrame;
  const contents = window?.webContents;
  const fromAppWindow = !!contents && event.sender === contents;
  try {
    if (!frame || frame.detached) return { url: undefined, isMainFrame: false, fromAppWindow };
    const main = contents?.mainFrame;
    const isMainFrame = !!main && frame.parent === null && frame.processId === main.processId && frame.frameToken === main.frameToken;
    return { url: frame.url, isMainFrame, fromAppWindow };
  } catch {
    return { url: undefined, isMainFrame: false, fromAppWindow }; // "Render frame was disposed"
  }
}

/**
 * Registers the one IPC entry point: every API call from the renderer comes
 * through here as `(method, args)`. The sender is checked, then the call goes
 * to `dispatch`, which validates it against the contract. Returns a function
 * that removes the handler.
 */
export function registerIpc(ipcMain: IpcMain, appWindow: () => BrowserWindow | null | undefined, dispatch: Dispatch): () => void {
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, args: unknown, meta: unknown) => {
    const problem = senderProblem(senderFacts(event, appWindow()));
    // Not an envelope: an untrusted page is not our UI, and the rejection is logged by Electron.
    if (problem) throw new Error(`Gloss refused an API call: ${problem}`);
    if (typeof method !== 'string') {
      return { ok: false, error: { kind: 'validation', message: 'the method name must be a string' } };
    }
    // Only the undo step is taken from the renderer's meta; the dispatcher checks its form. The window is the one client.
    const step = meta && typeof meta === 'object' && typeof (meta as { step?: unknown }).step === 'string' ? (meta as { step: string }).step : undefined;
    return dispatch(method, args, undefined, { step, client: 'desktop' });
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : u.protocol;
  } catch {
    return 'an invalid URL';
  }
}
