import { GlossError, type Args, type Client, type Method, type Result } from '../../../shared/index.ts';
import type { Transport } from './transport.ts';

/** Calls one method; rejects with a GlossError carrying the backend's `{kind, message}`. */
export type Call = <M extends Method>(method: M, args: Args<M>) => Promise<Result<M>>;

/** How long a call is sent again while the project's database cannot be reached (a team server's PostgreSQL restarting). */
const UNAVAILABLE_RETRY_MS = 30_000;

/**
 * Calls through `transport`. An `unavailable` answer means the database could
 * not be reached and nothing of the call was stored, so it is sent again,
 * with growing pauses, for up to half a minute: the page keeps what the user
 * did meanwhile, and only then shows the error.
 */
export function createCall(transport: Transport, retryForMs = UNAVAILABLE_RETRY_MS): Call {
  return async (method, args) => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const envelope = await transport(method, args);
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

