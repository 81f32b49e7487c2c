import { GlossError, type Args, type Client, type Method, type Result } from '../../../shared/index.ts';
import { isUndoableMethod } from '../../../shared/api/effects.ts';
import type { CallMeta, Transport } from './transport.ts';

/** Calls one method; rejects with a GlossError carrying the backend's `{kind, message}`. */
export type Call = <M extends Method>(method: M, args: Args<M>, meta?: CallMeta) => Promise<Result<M>>;

/** How long a call is sent again while the project's database cannot be reached (a team server's PostgreSQL restarting). */
const UNAVAILABLE_RETRY_MS = 30_000;

/**
 * Calls through `transport`. An `unavailable` answer means the database could
 * not be reached and nothing of the call was stored, so it is sent again,
 * with growing pauses, for up to half a minute: the page keeps what the user
 * did meanwhile, and only then shows the error.
 */
export function createCall(transport: Transport, retryForMs = UNAVAILABLE_RETRY_MS): Call {
  return async (method, args, meta) => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      // Sent again with the same undo step: `unavailable` means nothing of it was stored.
      const envelope = await transport(method, args, meta);
      if (envelope.ok) return envelope.result as Result<typeof method>;
      if (envelope.error.kind !== 'unavailable' || Date.now() - started >= retryForMs) throw new GlossError(envelope.error.kind, envelope.error.message);
      await new Promise((resolve) => setTimeout(resolve, Math.min(4_000, 250 * 2 ** attempt)));
    }
  };
}

/** A typed client, `api.documents.list({})`, built from method names at run time. */
export function createClient(call: Call): Client {
  return new Proxy({} as Client, {
    get: (_t, domain: string) =>
      new Proxy({}, { get: (_d, verb: string) => (args: unknown) => call(`${domain}.${verb}` as Method, args as never) }),
  });
}


/** A new undo step id (a UUID where the page is a secure context, else 128 random bits in hex). */
export function newStepId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A client for one user action: each undoable write it makes is named a new
 * undo step (sent with the call), reported to `onStep` once stored, so that
 * the action can later be undone by the backend (undo/history.ts).
 */
export function createRecordingClient(call: Call, onStep: (step: string) => void): Client {
  return createClient(async (method, args) => {
    if (!isUndoableMethod(method)) return call(method, args);
    const step = newStepId();
    const result = await call(method, args, { step });
    onStep(step);
    return result;
  });
}
