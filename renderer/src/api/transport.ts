import { BRIDGE_GLOBAL, type Envelope, type GlossBridge } from '../../../shared/index.ts';

/** Sends one API call and returns its envelope. */
export type Transport = (method: string, args: unknown) => Promise<Envelope<unknown>>;

/** Electron's preload bridge when present, otherwise HTTP to the local server that served this page. */
export function defaultTransport(): Transport {
  const bridge = (globalThis as unknown as Record<string, GlossBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge && typeof bridge.call === 'function') return (method, args) => bridge.call(method, args);
  return httpTransport(new URL('./api/', location.href).href);
}

export function httpTransport(base: string): Transport {
  return async (method, args) => {
    let res: Response;
    try {
      res = await fetch(base + encodeURIComponent(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        // The session cookie the server set for its ?token= URL is what lets these calls through.
        credentials: 'same-origin',
        body: JSON.stringify(args ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { kind: 'internal', message: `Gloss's local server did not answer (${(err as Error).message}). Is it still running?` } };
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { kind: 'internal', message: `the server answered ${res.status} ${res.statusText}` } };
    }
  };
}
