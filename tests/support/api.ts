import type { Args, Method, Result } from '../../shared/index.ts';

/** A typed call to a project's API; throws with the backend's message when it answers `{ok: false}`. */
export type ApiCall = <M extends Method>(method: M, args: Args<M>) => Promise<Result<M>>;

/** Calls a served project's HTTP API, as the renderer does (for test setup and checks, never instead of the UI under test). */
export function httpApi(baseUrl: string): ApiCall {
  return async (method, args) => {
    const res = await fetch(`${baseUrl}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    const envelope = (await res.json()) as { ok: true; result: Result<typeof method> } | { ok: false; error: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.result;
  };
}
