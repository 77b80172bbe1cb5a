import {
  API_ROUTES,
  type ApiRoute,
  apiErrorSchema,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_SECONDS,
} from '@referkit/core';
import { z } from 'zod';

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
  const { $schema: _ignored, ...rest } = json as Record<string, unknown>;
  return rest;
}

function queryParameters(route: ApiRoute): unknown[] {
  if (!route.query) return [];
  const json = schemaOf(route.query, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema,
  }));
}

function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

/**
 * The OpenAPI 3 document of the API, generated from core's `API_ROUTES` (the
 * same schemas the handler validates with), served at `/openapi.json`.
 */
export function buildOpenApiDocument(basePath = ''): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = {
    description: 'An error: `{ error: { code, message, fields?, issues? } }`',
    content: { 'application/json': { schema: schemaOf(apiErrorSchema, 'output') } },
  };
  for (const [name, route] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    const openApiPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    let requestBody: unknown;
    if (route.body) {
      requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
      };
    } else if (route.bodyType === 'text/csv') {
      requestBody = {
        required: true,
        content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
      };
    } else if (route.bodyType === 'raw') {
      requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'string', format: 'binary' } } },
      };
    }
    const success = route.response
      ? {
          description: route.summary,
          content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
        }
      : route.responseType === 'text/csv'
        ? {
            description: route.summary,
            content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
          }
        : { description: route.status === 302 ? 'Redirect' : 'No content' };
    const headers = route.idempotent
      ? [
          {
            name: IDEMPOTENCY_KEY_HEADER,
            in: 'header',
            required: false,
            description: `Makes the request safe to retry: a repeat with the same key (per tenant, for ${IDEMPOTENCY_KEY_TTL_SECONDS / 3600} hours) gets the first answer (with \`Idempotent-Replayed: true\`) and creates nothing more; the same key with another request is 422 \`idempotency_key_reused\`.`,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ]
      : [];
    paths[openApiPath] ??= {};
    (paths[openApiPath] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: name,
      summary: route.summary,
      security:
        route.auth === 'none'
          ? []
          : route.auth === 'tenant_or_api_key'
            ? [{ host: [] }, { apiKey: [] }]
            : [{ host: [] }],
      parameters: [...pathParameters(route.path), ...queryParameters(route), ...headers],
      ...(requestBody ? { requestBody } : {}),
      responses: { [String(route.status)]: success, default: errorResponse },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Referkit API',
      version: '0.1.0',
      description:
        'Integrations, campaigns and referrers, and Stripe syncs. Every error is `{ error: { code, message, fields?, issues? } }`.',
    },
    servers: [{ url: basePath || '/' }],
    components: {
      securitySchemes: {
        host: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: "The host app's own sign-in, checked by its `authenticate` hook.",
        },
        apiKey: { type: 'http', scheme: 'bearer', description: 'The account API key (`refk_…`).' },
      },
    },
    paths,
  };
}
