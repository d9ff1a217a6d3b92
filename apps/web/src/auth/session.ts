/**
 * A sign-in link `/?token=…` is exchanged for an HttpOnly session cookie, and the
 * token is removed from the address bar (and history) at once.
 */
export async function exchangeSignInLink(location: Location, history: History): Promise<string | null> {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return null;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  const res = await fetch('/auth/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token }),
  });
  if (!res.ok) return ((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'sign-in failed';
  return null;
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
}
