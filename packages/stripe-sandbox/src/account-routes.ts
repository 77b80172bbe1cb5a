import { z } from 'zod';
import type { ApiRoute } from './api-route';
import { asciiJson } from './ascii-json';
import { accountNotAccessible } from './stripe-error';
import { expandParam, parseParams } from './stripe-params';

const retrieveParams = z.strictObject({ expand: expandParam.optional() });

/**
 * `GET /v1/account` (the key's account, or the one named by
 * `Stripe-Account`) and `GET /v1/accounts/:id` (itself or a connected
 * account). Every key may read its own account.
 */
export const accountRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/account',
    handle(request) {
      parseParams(retrieveParams, request.params);
      return { json: asciiJson(request.account.toObject()) };
    },
  },
  {
    method: 'GET',
    path: '/v1/accounts/:id',
    handle(request) {
      parseParams(retrieveParams, request.params);
      const id = request.routeParams.id ?? '';
      const target = request.state.account(id);
      const reachable =
        target &&
        (target.id === request.account.id || target.connectedPlatforms.has(request.account.id));
      if (!target || !reachable) throw accountNotAccessible(request.key.secret, id);
      return { json: asciiJson(target.toObject()) };
    },
  },
];
