import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { RoleSchema, type Role, type SignInLink, type User } from '../../../shared/index.ts';
import { api } from '../api/client.ts';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';

const ROLES = RoleSchema.options;

/** A sign-in link as the server takes it: this server's address with `/signin?token=`. */
function linkOf(token: string): string {
  return new URL(`./signin?token=${encodeURIComponent(token)}`, location.href).href;
}

/**
 * A team server's accounts, for its admins (the same as `gloss users`): add
 * one with a role and hand over its one-time sign-in link, give a new link,
 * change a role, remove an account (its sessions end; its work stays).
 */
export function AccountsPage() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [link, setLink] = useState<SignInLink | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const ids = { name: useId(), role: useId(), link: useId() };

  const reload = useCallback(() => {
    api.users.list({}).then(setUsers, (err) => notify('error', messageOf(err)));
  }, []);
  useEffect(reload, [reload]);

  const act = (run: () => Promise<unknown>, done?: string) =>
    run().then(
      () => {
        if (done) notify('info', done);
        reload();
      },
      (err) => notify('error', messageOf(err)),
    );

  const add = (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (!clean) return;
    void act(async () => {
      setLink(await api.users.add({ name: clean, role }));
      setName('');
    });
  };

  return (
    <section className="gl-accounts" aria-labelledby="gl-accounts-title">
      <h1 id="gl-accounts-title">Accounts</h1>
      <form className="gl-accounts-add" onSubmit={add}>
        <label htmlFor={ids.name}>New account</label>
        <input id={ids.name} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <label htmlFor={ids.role}>Role</label>
        <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!name.trim()}>
          Add account
        </button>
      </form>
      {link && (
        <div className="gl-accounts-link" role="status">
          <label htmlFor={ids.link}>Sign-in link for {link.user.name}</label>
          <input id={ids.link} readOnly value={linkOf(link.token)} onFocus={(e) => e.target.select()} />
          <p>Give it to {link.user.name} only: it signs in once, until {new Date(link.expiresAt).toLocaleString()}. It is not shown again.</p>
        </div>
      )}
      {users && (
        <table className="gl-table" aria-label="Accounts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.name}>
                <th scope="row">{u.name}{u.disabled ? ' (removed)' : ''}</th>
                <td>
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    disabled={u.disabled}
                    onChange={(e) => void act(() => api.users.role({ name: u.name, role: e.target.value as Role }), `${u.name} is now ${e.target.value === 'annotator' || e.target.value === 'admin' ? 'an' : 'a'} ${e.target.value}.`)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.createdAt.slice(0, 10)}</td>
                <td className="gl-nowrap">
                  {!u.disabled && (
                    <>
                      <button type="button" onClick={() => void act(async () => setLink(await api.users.link({ name: u.name })))}>
                        New link<span className="gl-visually-hidden"> for {u.name}</span>
                      </button>
                      <button type="button" onClick={() => void act(() => api.users.remove({ name: u.name }), `${u.name} was removed and signed out; their work stays.`)}>
                        Remove<span className="gl-visually-hidden"> {u.name}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
