import { z } from 'zod';
import { type ApiRequest, type ApiRoute, listJson } from './api-route';
import { asciiJson } from './ascii-json';
import { applyMetadata, metadataParam } from './metadata';
import { invalidRequest, resourceMissing } from './stripe-error';
import {
  assertOneCursor,
  emptyableString,
  expandParam,
  listCursors,
  listParams,
  parseParams,
  stripeBoolean,
  stripeString,
} from './stripe-params';
import { MAX_WEBHOOK_ENDPOINTS, type WebhookEndpointRecord } from './webhook-endpoint-store';

/** `*` (every event) or one event type; unlike `GET /v1/events?type=`, no `customer.*` groups. */
const EVENT_TYPE = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)+)$/;

const urlParam = stripeString(5000).check((ctx) => {
  let ok = false;
  try {
    const url = new URL(ctx.value);
    ok = url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `Invalid URL: ${ctx.value}. URLs must begin with http:// or https://.`,
    });
  }
});

const enabledEventsParam = z
  .union([z.array(z.string()), z.record(z.string(), z.string()).transform((v) => Object.values(v))])
  .check((ctx) => {
    if (ctx.value.length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'enabled_events cannot be empty.',
      });
    }
    for (const type of ctx.value) {
      if (!EVENT_TYPE.test(type)) {
        ctx.issues.push({
          code: 'custom',
          input: type,
          message: `Invalid enabled_events: '${type}' is not an event type. Use '*' for every event.`,
        });
        return;
      }
    }
  });

const createParams = z.strictObject({
  url: urlParam,
  enabled_events: enabledEventsParam,
  description: emptyableString(5000).optional(),
  metadata: metadataParam.optional(),
  api_version: z.string().optional(),
  connect: stripeBoolean().optional(),
  expand: expandParam.optional(),
});

const updateParams = z.strictObject({
  url: urlParam.optional(),
  enabled_events: enabledEventsParam.optional(),
  description: emptyableString(5000).optional(),
  metadata: metadataParam.optional(),
  disabled: stripeBoolean().optional(),
  expand: expandParam.optional(),
});

const listEndpointParams = z.strictObject(listParams);
const retrieveParams = z.strictObject({ expand: expandParam.optional() });

function find(request: ApiRequest, id: string, param = 'id'): WebhookEndpointRecord {
  const endpoint = request.account.webhookEndpoints.get(id);
  if (!endpoint) throw resourceMissing('webhook endpoint', id, param);
  return endpoint;
}

function json(endpoint: WebhookEndpointRecord, includeSecret = false): string {
  return asciiJson(endpoint.toObject(includeSecret));
}

/** Webhook endpoints: create (the only response with `secret`), retrieve, update, delete, list. */
export const webhookEndpointRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/webhook_endpoints',
    permission: ['webhookEndpoints', 'write'],
    handle(request) {
      const params = parseParams(createParams, request.params);
      if (request.account.webhookEndpoints.size >= MAX_WEBHOOK_ENDPOINTS) {
        throw invalidRequest(
          `You have reached the maximum of ${MAX_WEBHOOK_ENDPOINTS} test webhook endpoints.`,
        );
      }
      const endpoint = request.state.createWebhookEndpoint(request.account.id, {
        url: params.url,
        enabledEvents: params.enabled_events,
        connect: params.connect ?? false,
        ...(params.description ? { description: params.description } : {}),
      });
      if (params.metadata !== undefined)
        endpoint.metadata = applyMetadata({}, params.metadata).next;
      if (params.api_version !== undefined) endpoint.apiVersion = params.api_version;
      return { json: json(endpoint, true) };
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints',
    permission: ['webhookEndpoints', 'read'],
    handle(request) {
      const params = parseParams(listEndpointParams, request.params);
      assertOneCursor(params);
      const page = request.account.webhookEndpoints.list({
        limit: params.limit ?? 10,
        ...listCursors(params, (id, param) => find(request, id, param)),
      });
      return {
        json: listJson(
          '/v1/webhook_endpoints',
          page.data.map((e) => json(e)),
          page.hasMore,
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook_endpoints/:id',
    permission: ['webhookEndpoints', 'read'],
    handle(request) {
      parseParams(retrieveParams, request.params);
      return { json: json(find(request, request.routeParams.id ?? '')) };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook_endpoints/:id',
    permission: ['webhookEndpoints', 'write'],
    handle(request) {
      const params = parseParams(updateParams, request.params);
      const endpoint = find(request, request.routeParams.id ?? '');
      if (params.url !== undefined) endpoint.url = params.url;
      if (params.enabled_events !== undefined) endpoint.enabledEvents = params.enabled_events;
      if (params.description !== undefined) endpoint.description = params.description;
      if (params.metadata !== undefined) {
        endpoint.metadata = applyMetadata(endpoint.metadata, params.metadata).next;
      }
      if (params.disabled !== undefined) endpoint.status = params.disabled ? 'disabled' : 'enabled';
      return { json: json(endpoint) };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/webhook_endpoints/:id',
    permission: ['webhookEndpoints', 'write'],
    handle(request) {
      const endpoint = find(request, request.routeParams.id ?? '');
      request.account.webhookEndpoints.remove(endpoint.id);
      return {
        json: JSON.stringify({ id: endpoint.id, object: 'webhook_endpoint', deleted: true }),
      };
    },
  },
];
