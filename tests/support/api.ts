import type { Args, Method, Result } from '../../shared/index.ts';

/** A typed call to a project's API; throws with the backend's message when it answers `{ok: false}`. */
export type ApiCall = <M extends Method>(method: M, args: Args<M>) => Promise<Result<M>>;

/**
 * Splits the URL `gloss serve` prints (`http://127.0.0.1:PORT/?token=…`) into the
 * server's base address and its access token.
 */
export function splitServedUrl(url: string): { base: string; token: string } {
  const u = new URL(url);
  const token = u.searchParams.get('token');
  if (!token) throw new Error(`${url} carries no ?token=`);
  return { base: `${u.origin}${u.pathname}`, token };
}

/**
 * Calls a served project's HTTP API, as the renderer does (for test setup and checks, never
 * instead of the UI under test). `url` is the printed one; its token goes in a bearer header.
 */
export function httpApi(url: string): ApiCall {
  const { base, token } = splitServedUrl(url);
  return async (method, args) => {
    const res = await fetch(`${base}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(args),
    });
    const envelope = (await res.json()) as { ok: true; result: Result<typeof method> } | { ok: false; error: { message: string } };
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.result;
  };
}
