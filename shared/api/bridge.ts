import type { Envelope } from './errors.ts';

/**
 * What Electron's preload script exposes as `window.gloss`: one function that
 * calls an API method by name. Arguments are validated on the other side.
 */
export interface GlossBridge {
  call(method: string, args: unknown): Promise<Envelope<unknown>>;
}

/** The global name of the bridge in the renderer. */
export const BRIDGE_GLOBAL = 'gloss';

/** The one IPC channel every API call travels on. */
export const IPC_CHANNEL = 'gloss:api';
