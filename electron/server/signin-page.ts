/**
 * The page a team server's sign-in link opens. It does not sign in by itself:
 * its button posts the token back (`POST /signin`), so a link scanner or a
 * chat app's preview that fetches the link cannot use up the one-time token,
 * and the session cookie is set in answer to a request from this server's own
 * page, which SameSite=Strict then keeps sending (after a link clicked in a
 * webmail, a redirect would not carry it). No script: the page works under a
 * policy that allows nothing but its form.
 */
export const SIGN_IN_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function signInPage(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to Gloss</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#111827}button{font:inherit;padding:.5rem 1.25rem;border:1px solid #1d4ed8;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}</style>
</head>
<body>
<main>
<h1>Sign in to Gloss</h1>
<p>This link signs you in once, on this browser.</p>
<form method="post" action="/signin">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit" autofocus>Sign in</button>
</form>
</main>
</body>
</html>
`;
}
