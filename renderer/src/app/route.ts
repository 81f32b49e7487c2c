import { useEffect, useState } from 'react';

export type Route = { view: 'library' } | { view: 'reader'; documentId: string };

/** The route lives in the URL hash, so a reload reopens the same document. */
export function parseRoute(hash: string): Route {
  const m = /^#\/doc\/([^/?#]+)/.exec(hash);
  return m ? { view: 'reader', documentId: decodeURIComponent(m[1]!) } : { view: 'library' };
}

export function routeHash(route: Route): string {
  return route.view === 'reader' ? `#/doc/${encodeURIComponent(route.documentId)}` : '#/';
}

export function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (r) => (location.hash = routeHash(r))];
}
