import type http from 'node:http';
import type { Caller, Envelope } from '../../shared/index.ts';
import type { Dispatch } from '../backend/api/dispatch.ts';
import { cookieValues } from './access.ts';

/**
 * Sessions of a team server (`gloss serve --team`). A one-time sign-in token
 * (from `gloss users add` or `gloss users link`) is exchanged at `POST /signin`
 * (the link's page, `GET /signin?token=`, posts it) for a session id, which the browser keeps in a cookie bound as the start secret's
 * is (access.ts): HttpOnly, SameSite=Strict, its name carrying the port.
 * Scripts may send the session id as a bearer token instead. The project's
 * store keeps only the ids' hashes and answers who a session is (auth.*).
 */
export interface TeamAccess {
  cookieName: string;
  dispatch: Dispatch;
  /** Behind a TLS reverse proxy (`--public-url https://…`): the cookie is sent over HTTPS only. */
  secure: boolean;
}

export function teamAccessFor(port: number, dispatch: Dispatch, secure = false): TeamAccess {
  return { cookieName: `gloss-session-${port}`, dispatch, secure };
}

/** The session ids a request presents: its cookies, then its bearer token (at most a few are tried). */
function presented(req: http.IncomingMessage, access: TeamAccess): string[] {
  const ids = cookieValues(req.headers.cookie, access.cookieName);
  const auth = req.headers.authorization;
  const bearer = auth ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth) : null;
  if (bearer) ids.push(bearer[1]!);
  return ids.filter((id) => id.length > 0 && id.length <= 200).slice(0, 4);
}

/** The signed-in account of a request, or undefined when it has no live session. */
export async function callerOf(req: http.IncomingMessage, access: TeamAccess): Promise<{ caller: Caller; sessionId: string } | undefined> {
  for (const sessionId of presented(req, access)) {
    const answer = (await access.dispatch('auth.resolve', { sessionId })) as Envelope<{ user: { name: string; role: Caller['role'] } | null }>;
    if (!answer.ok) throw new Error(`resolving a session failed: ${answer.error.message}`);
    if (answer.result.user) return { caller: { name: answer.result.user.name, role: answer.result.user.role }, sessionId };
  }
  return undefined;
}

/** The cookie a sign-in sets: the session id, not readable by scripts, never sent by other sites' requests, gone when the session ends. */
export function sessionCookie(access: TeamAccess, sessionId: string, expiresAt: string): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  return `${access.cookieName}=${sessionId}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${access.secure ? '; Secure' : ''}`;
}

/** The cookie that signs a browser out. */
export function clearedCookie(access: TeamAccess): string {
  return `${access.cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${access.secure ? '; Secure' : ''}`;
}
