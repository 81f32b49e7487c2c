import { GlossError, mayCall, METHOD_ROLES, type Caller, type Method } from '../../../shared/index.ts';

/** Refuses a method the caller's role may not call (see METHOD_ROLES), before anything runs. */
export function authorize(method: Method, caller: Caller | undefined): void {
  if (mayCall(caller?.role, method)) return;
  const need = METHOD_ROLES[method];
  throw new GlossError('forbidden', `${method} needs the ${need === 'owner' ? "project file's owner (it cannot be called on a team server)" : `${need} role`}; ${caller!.name} is ${caller!.role === 'curator' ? 'a' : 'an'} ${caller!.role}`);
}
