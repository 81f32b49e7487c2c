import type { Envelope } from './errors.ts';

/**
 * What Electron's preload script exposes as `window.gloss`: one function that
 * calls an API method by name. Arguments are validated on the other side.
 */
export interface GlossBridge {
  /** `meta.step`: the undo step the renderer names for an undoable call (see shared/api/effects.ts). */
  call(method: string, args: unknown, meta?: { step?: string }): Promise<Envelope<unknown>>;
}

/** The global name of the bridge in the renderer. */
export const BRIDGE_GLOBAL = 'gloss';

/** The one IPC channel every API call travels on. */
export const IPC_CHANNEL = 'gloss:api';
