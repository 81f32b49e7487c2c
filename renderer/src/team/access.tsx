import { createContext, useContext, useEffect, useState } from 'react';
import { mayCall, type Method, type Role } from '../../../shared/index.ts';
import { api } from '../api/client.ts';

/**
 * Who is using the app and what they may do. On a team server (`gloss serve
 * --team`) it is the signed-in account and its role; elsewhere (desktop, a
 * server without --team) the project's owner, who may do everything. The app
 * hides what the role cannot use; the backend refuses it anyway (403).
 */
export interface Access {
  team: boolean;
  name: string | null;
  role: Role | null;
  can(method: Method): boolean;
}

export const OWNER_ACCESS: Access = { team: false, name: null, role: null, can: () => true };

const AccessContext = createContext<Access>(OWNER_ACCESS);
export const AccessProvider = AccessContext.Provider;

/** The access of this app's user (the owner's until told otherwise). */
export function useAccess(): Access {
  return useContext(AccessContext);
}

/** Asks the backend once who is calling; null until it answers (an error counts as the owner, as before accounts). */
export function useLoadAccess(): Access | null {
  const [access, setAccess] = useState<Access | null>(null);
  useEffect(() => {
    api.auth.me({}).then(
      (me) => {
        const role = me.role ?? undefined;
        setAccess(me.team ? { team: true, name: me.name, role: me.role, can: (m) => mayCall(role, m) } : OWNER_ACCESS);
      },
      () => setAccess(OWNER_ACCESS),
    );
  }, []);
  return access;
}

/** Ends the team server's session (its cookie is HttpOnly: only the server can clear it). */
export async function signOut(): Promise<void> {
  const res = await fetch(new URL('./signout', location.href).href, { method: 'POST', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`signing out failed: the server answered ${res.status}`);
}
