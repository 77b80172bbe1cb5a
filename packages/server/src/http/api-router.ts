import { API_ROUTES, type ApiRoute, type ApiRouteName } from '@referkit/core';
import FindMyWay from 'find-my-way';

/** Where a request lands: a route, a path served for other methods only, or nowhere. */
export type ApiRouteMatch =
  | { kind: 'route'; name: ApiRouteName; route: ApiRoute; params: Record<string, string> }
  | { kind: 'wrong_method'; allow: string }
  | { kind: 'not_found' };

/** What the router keeps beside each route of the contract. */
interface RouteEntry {
  name: ApiRouteName;
  route: ApiRoute;
  /** Place in the `Allow` list: routes with more literal segments first, then the contract's order. */
  rank: number;
}

/** Finds the route of core's `API_ROUTES` that serves a method and path. */
export interface ApiRouter {
  match(method: string, path: string): ApiRouteMatch;
}

/**
 * Routes by core's `API_ROUTES` with find-my-way (the router the sandbox uses
 * too): a literal segment wins over a parameter, so
 * `/campaigns/:campaignId/referrers/import` is not a referrer called `import`.
 * Trailing slashes do not count, a path parameter is never empty, and a path
 * served for other methods only answers 405 with the methods it takes.
 */
export function createApiRouter(): ApiRouter {
  // The contract bounds no path parameter's length here; a route answers an unknown id itself.
  const router = FindMyWay({ maxParamLength: Number.POSITIVE_INFINITY });
  const entries = (Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][])
    .map(([name, route]) => ({ name, route, literals: literalSegments(route.path) }))
    .sort((a, b) => b.literals - a.literals);
  entries.forEach(({ name, route }, rank) => {
    const entry: RouteEntry = { name, route, rank };
    router.on(route.method, route.path, () => undefined, entry);
  });
  const methods = [...new Set(entries.map(({ route }) => route.method))];

  const find = (method: string, path: string) => {
    const found = router.find(method as FindMyWay.HTTPMethod, path);
    if (!found) return null;
    const params = found.params as Record<string, string>;
    return Object.values(params).includes('') ? null : { entry: found.store as RouteEntry, params };
  };

  return {
    match(method, requestPath) {
      const path = requestPath.replace(/\/+$/, '') || '/';
      const found = find(method, path);
      if (found) {
        const { name, route } = found.entry;
        return { kind: 'route', name, route, params: found.params };
      }
      const allow = methods
        .flatMap((other) => find(other, path)?.entry ?? [])
        .sort((a, b) => a.rank - b.rank)
        .map(({ route }) => route.method);
      return allow.length > 0
        ? { kind: 'wrong_method', allow: allow.join(', ') }
        : { kind: 'not_found' };
    },
  };
}

function literalSegments(path: string): number {
  return path.split('/').filter((segment) => segment && !segment.startsWith(':')).length;
}
