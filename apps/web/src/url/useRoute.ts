// The current route from the address bar, and navigation through the history API
// (no router dependency: the URL is the state, see ./route).
import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, type Route, serializeRoute } from './route';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const u = new URL(url, window.location.origin);
    return parseRoute(u.pathname, u.search);
  }, [url]);
}

/**
 * Goes to a route. `replace` is for refinements of the same view (selection, the
 * scrubber) so that Back leaves the view instead of replaying every click.
 */
export function navigate(to: Route | string, options: { replace?: boolean } = {}): void {
  const url = typeof to === 'string' ? to : serializeRoute(to);
  if (url === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const l of listeners) l();
}
