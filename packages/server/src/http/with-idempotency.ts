import { createHash } from 'node:crypto';
import {
  API_ROUTES,
  type ApiRoute,
  type ApiRouteName,
  IDEMPOTENCY_KEY_HEADER,
  stableJson,
} from '@referkit/core';
import { ApiError } from '../api-error';
import type { ServerContext } from '../server-context';
import { type IdempotencyStoreOptions, idempotencyStore } from '../store/idempotency-store';
import {
  jsonResponse,
  type RouteImplementation,
  type RouteImplementations,
  type RouteRequest,
} from './http-handler';

/** A key the client chose: 1–255 visible ASCII characters (a UUID, say). */
const KEY_SHAPE = /^[\x21-\x7E]{1,255}$/;

/**
 * Makes every route core marks `idempotent` (the POST creates: campaigns,
 * referrers, syncs and runs) honour an `Idempotency-Key` header: a repeat of a
 * request with the same key, per tenant, gets the first answer (with
 * `Idempotent-Replayed: true`) and creates nothing more — however the repeats
 * race; the same key with another request gets 422 `idempotency_key_reused`.
 * Without the header a request runs as usual.
 */
export function withIdempotency(
  ctx: ServerContext,
  implementations: RouteImplementations,
  options: IdempotencyStoreOptions = {},
): RouteImplementations {
  const store = idempotencyStore(ctx.db, options);
  const wrapped: Record<string, RouteImplementation<ApiRouteName>> = { ...implementations };
  for (const [name, route] of Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][]) {
    if (!route.idempotent) continue;
    const inner = implementations[name] as RouteImplementation<ApiRouteName>;
    wrapped[name] = async (request: RouteRequest<ApiRouteName>) => {
      const key = request.request.headers.get(IDEMPOTENCY_KEY_HEADER);
      if (key === null || !request.tenant) return inner(request);
      if (!KEY_SHAPE.test(key)) {
        throw new ApiError(
          'invalid_request',
          `The ${IDEMPOTENCY_KEY_HEADER} header must be 1–255 visible ASCII characters, such as a UUID.`,
          { fields: { [IDEMPOTENCY_KEY_HEADER]: 'Use 1–255 visible ASCII characters.' } },
        );
      }
      const hash = createHash('sha256')
        .update(
          stableJson({
            route: name,
            params: request.params,
            query: request.query ?? null,
            body: request.body ?? null,
          }),
        )
        .digest('hex');
      const result = await store.run(request.tenant.accountId, key, hash, () => inner(request));
      if (!result.replayed) return result.response;
      return jsonResponse(result.response, route.status, { 'idempotent-replayed': 'true' });
    };
  }
  return wrapped as RouteImplementations;
}
