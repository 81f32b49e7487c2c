import { addUser, newSignInLink, removeUser, resolveSession, setRole, signIn, signOut } from '../team/accounts.ts';
import type { HandlerMap } from './handler.ts';

export const userHandlers: HandlerMap<'users'> = {
  'users.list': (_args, { project }) => project.users.list(),
  'users.add': ({ name, role }, { project }) => addUser(project, name, role),
  'users.link': ({ name }, { project }) => newSignInLink(project, name),
  'users.remove': ({ name }, { project }) => removeUser(project, name),
  'users.role': ({ name, role }, { project }) => setRole(project, name, role),
};

export const authHandlers: HandlerMap<'auth'> = {
  'auth.me': (_args, { caller }) => ({ team: caller !== undefined, name: caller?.name ?? null, role: caller?.role ?? null }),
  'auth.signIn': ({ token }, { project }) => signIn(project, token),
  'auth.resolve': ({ sessionId }, { project }) => ({ user: resolveSession(project, sessionId) }),
  'auth.signOut': ({ sessionId }, { project }) => ({ ended: signOut(project, sessionId) }),
};
