import {
  API_ERROR_MESSAGES,
  type API_ROUTES,
  type ApiResponse,
  type ApiRoute,
  type ApiRouteName,
  CSV_MEDIA_TYPES,
  csvMediaTypeMessage,
} from '@referkit/core';
import type { z } from 'zod';
import { ApiError } from '../api-error';
import type { ServerContext } from '../server-context';
import type { Tenant } from '../server-options';
import { createApiRouter } from './api-router';
import { buildOpenApiDocument } from './openapi';
import { readBodyBytes } from './read-body-bytes';
import { checkRequestOrigin } from './trusted-origins';

type RouteOf<N extends ApiRouteName> = (typeof API_ROUTES)[N];
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route implementation receives. */
export interface RouteRequest<N extends ApiRouteName> {
  /** The tenant (`null` on routes anyone may call). */
  tenant: RouteOf<N>['auth'] extends 'none' ? null : Tenant;
  /** How the caller proved who it is. */
  via: 'tenant' | 'api_key' | 'none';
  params: Record<string, string>;
  query: RouteOf<N> extends { query: infer Q } ? Parsed<Q> : undefined;
  body: RouteOf<N> extends { body: infer B } ? Parsed<B> : undefined;
  request: Request;
  url: URL;
}

/** A route implementation: the contract's success body, or a whole `Response` (redirects). */
export type RouteImplementation<N extends ApiRouteName> = (
  request: RouteRequest<N>,
) => Promise<ApiResponse<N> | Response>;

/** One implementation per route of the contract; the type checker insists on all of them. */
export type RouteImplementations = { [N in ApiRouteName]: RouteImplementation<N> };

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

/** A JSON response. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** Turns a zod error into `invalid_request` with one message per field. */
export function invalidRequest(error: z.ZodError, what = 'request'): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || what;
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  return new ApiError('invalid_request', `The ${what} is not valid — ${summary}`, { fields });
}

/** Reads a body up to `limit` bytes, answering 413 beyond it. */
export async function readText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  const tooLarge = () =>
    new ApiError('payload_too_large', `The request body is larger than ${limit} bytes.`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  return new TextDecoder().decode(await readBodyBytes(request.body, limit, tooLarge));
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const CSV_TYPES = new Set(CSV_MEDIA_TYPES);

/** Where a NUL character sits in a value, as a field path, or `null` when there is none. */
function findNul(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (key.includes('\u0000')) return path;
    const found = findNul(inner, path, depth + 1);
    if (found) return found;
  }
  return null;
}

/** 400 for a NUL character (`\u0000`): Postgres and Stripe store no such text. */
function refuseNul(field: string | null, what: string): void {
  if (field === null) return;
  const message = `${field} contains a NUL character (\\u0000), which cannot be stored: remove it.`;
  throw new ApiError('invalid_request', `The ${what} is not valid — ${message}`, {
    fields: { [field || what]: message },
  });
}

/**
 * Page cursors are what the server handed out (`nextCursor`): a short run of
 * digits and lower-case letters. Anything else is a 400, not a database error.
 */
const CURSOR_FORMAT = /^[0-9a-z]{1,12}$/;

/**
 * The Fetch-API handler: routes a request by core's `API_ROUTES` (`createApiRouter`), answers
 * 404/405 for unknown paths and methods, authenticates (the host's hook, or
 * an API key where the route allows it), validates query and body with the
 * route's zod schemas (413 too large, 415 wrong content type, 400 invalid),
 * runs the implementation and answers JSON. Every error is
 * `{ error: { code, message, … } }`; an unexpected throw is a 500
 * `internal_error` that carries nothing secret.
 */
export function createHttpHandler(
  ctx: ServerContext,
  implementations: RouteImplementations,
): (request: Request) => Promise<Response> {
  const router = createApiRouter();
  let openApi: unknown = null;

  const authenticate = async (
    route: ApiRoute,
    request: Request,
  ): Promise<{ tenant: Tenant | null; via: RouteRequest<ApiRouteName>['via'] }> => {
    if (route.auth === 'none') return { tenant: null, via: 'none' };
    const authorization = request.headers.get('authorization') ?? '';
    const bearer = /^Bearer\s+(refk_\S+)$/i.exec(authorization)?.[1];
    if (route.auth === 'tenant_or_api_key' && bearer) {
      const accountId = await ctx.apiKeys.authenticate(bearer);
      if (!accountId) {
        throw new ApiError('unauthorized', API_ERROR_MESSAGES.apiKeyInvalid);
      }
      return { tenant: { accountId }, via: 'api_key' };
    }
    const tenant = await ctx.options.authenticate(request);
    if (!tenant || typeof tenant.accountId !== 'string' || tenant.accountId === '') {
      throw new ApiError('unauthorized', 'Sign in to use this endpoint.');
    }
    return { tenant: { accountId: tenant.accountId }, via: 'tenant' };
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    let path = url.pathname;
    if (ctx.basePath) {
      if (path !== ctx.basePath && !path.startsWith(`${ctx.basePath}/`)) {
        throw new ApiError('not_found', API_ERROR_MESSAGES.nothingServedAt(url.pathname));
      }
      path = path.slice(ctx.basePath.length) || '/';
    }
    if (path === '/openapi.json') {
      if (request.method !== 'GET') {
        throw new ApiError(
          'method_not_allowed',
          `${request.method} is not allowed here; use GET.`,
          {
            headers: { allow: 'GET' },
          },
        );
      }
      openApi ??= buildOpenApiDocument(ctx.basePath);
      return jsonResponse(openApi);
    }
    const match = router.match(request.method, path);
    if (match.kind === 'not_found') {
      throw new ApiError('not_found', API_ERROR_MESSAGES.nothingServedAt(url.pathname));
    }
    if (match.kind === 'wrong_method') {
      throw new ApiError(
        'method_not_allowed',
        `${request.method} is not allowed on ${url.pathname}; use ${match.allow}.`,
        { headers: { allow: match.allow } },
      );
    }
    const { route, name, params } = match;
    const withApiKey =
      route.auth === 'tenant_or_api_key' &&
      /^Bearer\s+refk_/i.test(request.headers.get('authorization') ?? '');
    if (route.auth !== 'none' && !withApiKey) {
      checkRequestOrigin(request, url, ctx.trustedOrigins);
    }
    refuseNul(findNul(params, ''), 'path');
    const { tenant, via } = await authenticate(route, request);

    refuseNul(findNul(Object.fromEntries(url.searchParams), ''), 'query');
    const cursor = url.searchParams.get('cursor');
    if (cursor !== null && !CURSOR_FORMAT.test(cursor)) {
      const message =
        'cursor must be a nextCursor this API returned: start again from the first page.';
      throw new ApiError('invalid_request', `The query is not valid — ${message}`, {
        fields: { cursor: message },
      });
    }
    let query: unknown;
    if (route.query) {
      const parsed = route.query.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) throw invalidRequest(parsed.error, 'query');
      query = parsed.data;
    }
    let body: unknown;
    if (route.body) {
      const type = mediaType(request);
      if (type !== 'application/json') {
        throw new ApiError(
          'unsupported_media_type',
          `Send the body as application/json${type ? `, not ${type}` : ''}.`,
        );
      }
      const text = await readText(request, ctx.limits.maxBodyBytes);
      let json: unknown;
      try {
        json = text === '' ? {} : JSON.parse(text);
      } catch {
        throw new ApiError('invalid_request', API_ERROR_MESSAGES.bodyNotJson);
      }
      refuseNul(findNul(json, ''), 'body');
      const parsed = route.body.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error, 'body');
      body = parsed.data;
    } else if (route.bodyType === 'text/csv' && !CSV_TYPES.has(mediaType(request))) {
      throw new ApiError('unsupported_media_type', csvMediaTypeMessage(mediaType(request)));
    }

    const implementation = implementations[name] as RouteImplementation<ApiRouteName>;
    const result = await implementation({
      tenant: tenant as never,
      via,
      params,
      query: query as never,
      body: body as never,
      request,
      url,
    });
    if (result instanceof Response) return result;
    if (route.response === null) return new Response(null, { status: route.status });
    if (ctx.options.validateResponses) route.response.parse(result);
    return jsonResponse(result, route.status);
  };

  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof ApiError)
        return jsonResponse(error.toBody(), error.status, error.headers);
      ctx.logger.error('Unexpected error in a Referkit route', {
        method: request.method,
        path: new URL(request.url).pathname,
        error,
      });
      return jsonResponse(
        new ApiError(
          'internal_error',
          'Something went wrong on our side. Try again; if it keeps happening, contact support.',
        ).toBody(),
        500,
      );
    }
  };
}
