/**
 * A sign-in link `/?code=…` carries a one-time code (never a bearer token): it is
 * removed from the address bar (and history) at once and redeemed for an HttpOnly
 * session cookie. A username and password sign in the same way through
 * `POST /auth/login`.
 */
let exchange: Promise<string | null> | null = null;

/**
 * Idempotent for the page's lifetime: React may run the effect that calls it twice
 * (StrictMode in development), and the second call must wait for the same cookie
 * rather than find the code already gone and report "not signed in".
 */
export function exchangeSignInLink(location: Location, history: History): Promise<string | null> {
  exchange ??= exchangeOnce(location, history);
  return exchange;
}

async function exchangeOnce(location: Location, history: History): Promise<string | null> {
  const url = new URL(location.href);
  const code = url.searchParams.get('code');
  if (!code) return null;
  url.searchParams.delete('code');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  const res = await fetch('/auth/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ code }),
  });
  if (!res.ok) return ((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'sign-in failed';
  return null;
}

/** Signs in with a username and password; resolves to an error message, or null on success. */
export async function passwordSignIn(username: string, password: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return 'The server could not be reached.';
  }
  if (res.ok) return null;
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (body.error) return body.error;
  if (res.status === 404)
    return 'Password sign-in is not available on this server (POST /auth/login is missing).';
  if (res.status === 401) return 'Unknown username or wrong password.';
  if (res.status === 429) return 'Too many attempts; wait a little and try again.';
  return `Sign-in failed (HTTP ${res.status}).`;
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
}
