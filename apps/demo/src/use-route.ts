import { useCallback, useSyncExternalStore } from 'react';

/** The dashboard's two pages. */
export type Page = 'promote' | 'referrers';

/** Where the dashboard is: `#/campaigns/<id>/<page>`. */
export interface Route {
  campaignId: string | null;
  page: Page;
}

const ROUTE_PATTERN = /^#\/campaigns\/([^/]+)\/(promote|referrers)\/?$/;

/** Reads a route from a location hash; anything else is the Promote page of the first campaign. */
export function parseRoute(hash: string): Route {
  const match = ROUTE_PATTERN.exec(hash);
  if (!match) return { campaignId: null, page: 'promote' };
  return { campaignId: decodeURIComponent(match[1] as string), page: match[2] as Page };
}

/** The hash of a route. */
export function routeHref(route: { campaignId: string; page: Page }): string {
  return `#/campaigns/${encodeURIComponent(route.campaignId)}/${route.page}`;
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * Hash routing without a router: the page and campaign live in the URL, so a
 * reload or a shared link lands on the same screen.
 */
export function useRoute(): [Route, (route: { campaignId: string; page: Page }) => void] {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  const navigate = useCallback((route: { campaignId: string; page: Page }) => {
    window.location.hash = routeHref(route);
  }, []);
  return [parseRoute(hash), navigate];
}
