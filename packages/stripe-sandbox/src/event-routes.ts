import { z } from 'zod';
import { type ApiRequest, type ApiRoute, listJson } from './api-route';
import type { EventRecord } from './event-log';
import { invalidRequest, resourceMissing } from './stripe-error';
import {
  assertOneCursor,
  expandParam,
  listCursors,
  listParams,
  parseParams,
  rangeFilterParam,
  stripeBoolean,
  stripeString,
} from './stripe-params';

/** Stripe's cap on `types[]`. */
export const MAX_EVENT_TYPES = 20;

const eventListParams = z.strictObject({
  ...listParams,
  created: rangeFilterParam.optional(),
  type: stripeString(5000).optional(),
  types: z
    .union([
      z.array(z.string()),
      z.record(z.string(), z.string()).transform((v) => Object.values(v)),
    ])
    .optional(),
  delivery_success: stripeBoolean().optional(),
});

const eventRetrieveParams = z.strictObject({ expand: expandParam.optional() });

function rejectExpand(expand: readonly string[] | undefined): void {
  const first = expand?.[0];
  if (first !== undefined) {
    throw invalidRequest(`This property cannot be expanded (${first}).`, { param: 'expand[0]' });
  }
}

function findEvent(request: ApiRequest, id: string, param: string): EventRecord {
  const event = request.account.events.get(id);
  if (!event) throw resourceMissing('event', id, param);
  return event;
}

/** `GET /v1/events` and `GET /v1/events/:id`, over the last 30 days of the sandbox clock. */
export const eventRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/events',
    permission: ['events', 'read'],
    handle(request) {
      const params = parseParams(eventListParams, request.params);
      assertOneCursor(params);
      rejectExpand(params.expand);
      if (params.type !== undefined && params.types !== undefined) {
        throw invalidRequest('You may only specify one of these parameters: type, types.', {
          param: 'types',
        });
      }
      if (params.types !== undefined && params.types.length > MAX_EVENT_TYPES) {
        throw invalidRequest(`You may pass at most ${MAX_EVENT_TYPES} types.`, { param: 'types' });
      }
      const events = request.account.events;
      events.prune(request.state.clock.now());
      const types = params.types ?? (params.type === undefined ? undefined : [params.type]);
      const page = events.list({
        limit: params.limit ?? 10,
        ...listCursors(params, (id, param) => findEvent(request, id, param)),
        ...(params.created === undefined ? {} : { created: params.created }),
        ...(types === undefined ? {} : { types }),
        ...(params.delivery_success === undefined
          ? {}
          : { deliverySuccess: params.delivery_success }),
      });
      return {
        json: listJson(
          '/v1/events',
          page.data.map((e) => e.json),
          page.hasMore,
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/events/:id',
    permission: ['events', 'read'],
    handle(request) {
      const params = parseParams(eventRetrieveParams, request.params);
      rejectExpand(params.expand);
      request.account.events.prune(request.state.clock.now());
      return { json: findEvent(request, request.routeParams.id ?? '', 'id').json };
    },
  },
];
