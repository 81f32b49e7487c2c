import { BRIDGE_GLOBAL, type Envelope, type GlossBridge } from '../../../shared/index.ts';
import { TAB_ORIGIN } from './origin.ts';

/** Sends one API call and returns its envelope. */
export type Transport = (method: string, args: unknown, meta?: CallMeta) => Promise<Envelope<unknown>>;

/** What goes with a call besides its arguments: the undo step it is, for an undoable write (see undo/history.ts). */
export interface CallMeta {
  step?: string;
}

/** Electron's preload bridge when present, otherwise HTTP to the local server that served this page. */
export function defaultTransport(): Transport {
  const bridge = (globalThis as unknown as Record<string, GlossBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge && typeof bridge.call === 'function') return (method, args, meta) => (meta ? bridge.call(method, args, meta) : bridge.call(method, args));
  return httpTransport(new URL('./api/', location.href).href);
}

/** How long a call the server refused for now (503: busy receiving other large uploads) is retried. */
const BUSY_RETRY_MS = 30_000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls over HTTP. The server's answers are envelopes, including its 4xx refusals;
 * a 503 means the call was not read at all, so it is sent again after the server's Retry-After.
 */
export function httpTransport(base: string): Transport {
  return async (method, args, meta) => {
    const body = JSON.stringify(args ?? {});
    const started = Date.now();
    for (;;) {
      let res: Response;
      try {
        res = await fetch(base + encodeURIComponent(method), {
          method: 'POST',
          // The origin lets this tab recognise the live-update events its own writes cause (see liveUpdates.ts).
          headers: { 'Content-Type': 'application/json', 'X-Gloss-Origin': TAB_ORIGIN, ...(meta?.step ? { 'X-Gloss-Step': meta.step } : {}) },
          // The session cookie the server set for its ?token= URL is what lets these calls through.
          credentials: 'same-origin',
          body,
        });
      } catch (err) {
        return { ok: false, error: { kind: 'internal', message: `Gloss's local server did not answer (${(err as Error).message}). Is it still running?` } };
      }
      if (res.status === 503 && Date.now() - started < BUSY_RETRY_MS) {
        const seconds = Number(res.headers.get('Retry-After'));
        await res.body?.cancel();
        await wait(Math.min(5, Math.max(0.2, Number.isFinite(seconds) && seconds > 0 ? seconds : 1)) * 1000);
        continue;
      }
      try {
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { kind: 'internal', message: `the server answered ${res.status} ${res.statusText}` } };
      }
    }
  };
}
