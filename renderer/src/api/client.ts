import { GlossError, type Args, type Client, type Method, type Result } from '../../../shared/index.ts';
import { defaultTransport, type Transport } from './transport.ts';

/** Calls one method; rejects with a GlossError carrying the backend's `{kind, message}`. */
export type Call = <M extends Method>(method: M, args: Args<M>) => Promise<Result<M>>;

export function createCall(transport: Transport): Call {
  return async (method, args) => {
    const envelope = await transport(method, args);
    if (!envelope.ok) throw new GlossError(envelope.error.kind, envelope.error.message);
    return envelope.result as Result<typeof method>;
  };
}

/** A typed client, `api.documents.list({})`, built from method names at run time. */
export function createClient(call: Call): Client {
  return new Proxy({} as Client, {
    get: (_t, domain: string) =>
      new Proxy({}, { get: (_d, verb: string) => (args: unknown) => call(`${domain}.${verb}` as Method, args as never) }),
  });
}

export const call: Call = createCall(defaultTransport());
export const api: Client = createClient(call);
