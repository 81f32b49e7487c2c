import { useEffect, useState } from 'react';

export type Route =
  | { view: 'library' }
  | { view: 'reader'; documentId: string; annotationId?: string; /** A document search to scroll to and highlight. */ query?: string }
  | { view: 'history'; documentId: string }
  | { view: 'entities'; entityId?: string }
  | { view: 'propositions' }
  | { view: 'compare'; documentIds: string[]; versions?: boolean }
  | { view: 'tagset' }
  | { view: 'agreement' }
  | { view: 'curation'; documentId: string }
  | { view: 'accounts' };

/** The route lives in the URL hash, so a reload reopens the same view. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'doc':
      if (parts[1] && parts[2] === 'history') return { view: 'history', documentId: parts[1] };
      return parts[1]
        ? { view: 'reader', documentId: parts[1], ...(params.get('a') ? { annotationId: params.get('a')! } : {}), ...(params.get('q') ? { query: params.get('q')! } : {}) }
        : { view: 'library' };
    case 'entities':
      return parts[1] ? { view: 'entities', entityId: parts[1] } : { view: 'entities' };
    case 'propositions':
      return { view: 'propositions' };
    case 'compare':
      return { view: 'compare', documentIds: (params.get('docs') ?? '').split(',').filter(Boolean), ...(params.get('versions') === '1' ? { versions: true } : {}) };
    case 'tagset':
      return { view: 'tagset' };
    case 'agreement':
      return { view: 'agreement' };
    case 'curation':
      return parts[1] ? { view: 'curation', documentId: parts[1] } : { view: 'agreement' };
    case 'accounts':
      return { view: 'accounts' };
    default:
      return { view: 'library' };
  }
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'reader':
      return `#/doc/${encodeURIComponent(route.documentId)}${route.annotationId ? `?a=${encodeURIComponent(route.annotationId)}` : route.query ? `?q=${encodeURIComponent(route.query)}` : ''}`;
    case 'history':
      return `#/doc/${encodeURIComponent(route.documentId)}/history`;
    case 'entities':
      return route.entityId ? `#/entities/${encodeURIComponent(route.entityId)}` : '#/entities';
    case 'propositions':
      return '#/propositions';
    case 'compare':
      return `#/compare?docs=${route.documentIds.map(encodeURIComponent).join(',')}${route.versions ? '&versions=1' : ''}`;
    case 'tagset':
      return '#/tagset';
    case 'agreement':
      return '#/agreement';
    case 'curation':
      return `#/curation/${encodeURIComponent(route.documentId)}`;
    case 'accounts':
      return '#/accounts';
    default:
      return '#/';
  }
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
