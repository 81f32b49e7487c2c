import { useState } from 'react';
import { messageOf } from '../app/errors.ts';
import { notify } from '../app/Toasts.tsx';
import { signOut, useAccess } from './access.tsx';

/** The top bar's account on a team server: who is signed in, with which role, and a way to sign out. */
export function SignedIn({ onSignedOut }: { onSignedOut(): void }) {
  const access = useAccess();
  const [busy, setBusy] = useState(false);
  if (!access.team) return null;
  return (
    <span className="gl-signed-in" role="group" aria-label="Account">
      <span>
        Signed in as <strong>{access.name}</strong> <span className="gl-role">({access.role})</span>
      </span>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          signOut().then(onSignedOut, (err) => {
            setBusy(false);
            notify('error', messageOf(err));
          });
        }}
      >
        Sign out
      </button>
    </span>
  );
}

/** What the app shows once signed out: the session is gone, so nothing else can load. */
export function SignedOutPage() {
  return (
    <main className="gl-signed-out" id="gl-main" tabIndex={-1}>
      <h1>You are signed out</h1>
      <p>To sign in again, open a sign-in link from an admin of this Gloss team server (each link works once).</p>
    </main>
  );
}
