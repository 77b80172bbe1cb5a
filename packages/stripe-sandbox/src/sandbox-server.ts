import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import { accountRoutes } from './account-routes';
import type { ApiRoute } from './api-route';
import { authenticate, resolveAccount } from './authenticate';
import { ControlError, type ControlRoute, controlRoutes } from './control-routes';
import { customerRoutes } from './customer-routes';
import { eventRoutes } from './event-routes';
import { BodyTooLarge, readBody, sendJson, sleep } from './http-io';
import { fingerprintParams, IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency-cache';
import { allows, rakName } from './key-permissions';
import type { Admission } from './layered-rate-limiter';
import { merchantRoutes } from './merchant-routes';
import { handleOAuth } from './oauth-routes';
import type { RateLimitReason } from './rate-limit-options';
import { type RequestOrigin, type RequestOutcome, TAG_HEADER } from './request-stats';
import type { SandboxState } from './sandbox-state';
import {
  apiError,
  idempotencyEndpointMismatch,
  idempotencyMismatch,
  invalidRequest,
  lockTimeout,
  missingPermission,
  rateLimited,
  StripeApiError,
  unrecognizedUrl,
} from './stripe-error';
import { createStripeId } from './stripe-id';
import { parseForm } from './stripe-params';
import { webhookEndpointRoutes } from './webhook-endpoint-routes';

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;

const noop = () => {};

function buildApiRouter(): Router {
  const router = FindMyWay({ ignoreTrailingSlash: false });
  for (const route of [
    ...accountRoutes,
    ...customerRoutes,
    ...eventRoutes,
    ...webhookEndpointRoutes,
    ...merchantRoutes,
  ]) {
    router.on(route.method, route.path, noop, route);
  }
  return router;
}

function buildControlRouter(): Router {
  const router = FindMyWay({ ignoreTrailingSlash: true });
  for (const route of controlRoutes) router.on(route.method, route.path, noop, route);
  return router;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const STRIPE_VERSION = /^\d{4}-\d{2}-\d{2}(\.[a-z_]+)?(;.*)?$/;

/** Longest tag counted; longer ones are cut. */
const MAX_TAG_LENGTH = 100;

/** Live-mode keys (`sk_live_`, `rk_live_`) get live-mode limits. */
const LIVE_KEY = /^(?:sk|rk)_live_/;

/**
 * The sandbox's HTTP server: Stripe's API under `/v1`, Connect OAuth under
 * `/oauth`, the control API under `/_sandbox`. Each API request goes through
 * Stripe's order of checks: route, authentication, account
 * (`Stripe-Account`), the layered rate limits, injected faults, latency,
 * permission, idempotency, then the endpoint. An admitted request holds its
 * in-flight slots (the concurrency limits) until it is answered, latency
 * included; every answer, refused or not, takes the configured latency.
 */
export function createSandboxServer(state: SandboxState, baseUrl: () => string): http.Server {
  const apiRouter = buildApiRouter();
  const controlRouter = buildControlRouter();

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: string,
  ): Promise<void> {
    const requestId = createStripeId('request');
    const found = apiRouter.find(method as FindMyWay.HTTPMethod, path);
    const route = found?.store as ApiRoute | undefined;
    const endpoint = route ? `${method} ${route.path}` : `${method} (unrecognized)`;
    const requestedVersion = header(req, 'stripe-version');
    const headers: Record<string, string> = {
      'Request-Id': requestId,
      'Stripe-Version': requestedVersion ?? state.apiVersion,
    };
    const idempotencyKey = method === 'POST' ? (header(req, 'idempotency-key') ?? null) : null;
    if (idempotencyKey !== null) headers['Idempotency-Key'] = idempotencyKey;
    const outcome: RequestOutcome = { status: 200 };
    const tag = header(req, TAG_HEADER.toLowerCase())?.slice(0, MAX_TAG_LENGTH);
    const origin: RequestOrigin = { method, ...(tag ? { tag } : {}) };
    let admission: Admission | null = null;
    let waited = false;
    const wait = async () => {
      if (waited) return;
      waited = true;
      const latency = state.latencyMs();
      if (latency > 0) await sleep(latency);
    };

    const respond = (status: number, json: string, extra: Record<string, string> = {}) => {
      outcome.status = status;
      sendJson(res, status, json, { ...headers, ...extra });
    };

    let fault: ReturnType<typeof state.faults.draw> = null;
    try {
      const body = method === 'POST' ? await readBody(req) : '';
      if (!route || !found) throw unrecognizedUrl(method, path);
      if (requestedVersion !== undefined && !STRIPE_VERSION.test(requestedVersion)) {
        throw invalidRequest(`Invalid Stripe API version: ${requestedVersion}`);
      }
      const key = authenticate(header(req, 'authorization'), state.keys);
      origin.key = key.secret;
      const account = resolveAccount(key, header(req, 'stripe-account'), state);
      // docs.stripe.com/rate-limits: limits are per account and mode, and
      // per operation (method + route template) within them.
      admission = state.rateLimiter.admit(
        account.id,
        LIVE_KEY.test(key.secret) ? 'live' : 'test',
        endpoint,
      );
      if (!admission.ok) throw rateLimited(admission.reason);
      fault = state.faults.draw();
      if (fault === 'rateLimit') throw rateLimited(state.config.faults.rateLimitReason);
      if (fault === 'lockTimeout') throw lockTimeout();
      if (fault === 'serverError') {
        throw apiError(
          'An unknown error occurred (injected by the Referkit Stripe sandbox before the request ran; retrying is safe).',
          true,
        );
      }
      await wait();
      if (route.permission) {
        const [resource, level] = route.permission;
        if (!allows(key.permissions, resource, level)) {
          throw missingPermission(key.secret, account.id, rakName(resource, level));
        }
      }
      const params =
        method === 'POST' ? { ...parseForm(query), ...parseForm(body) } : parseForm(query);

      const now = state.clock.now();
      let fingerprint = '';
      if (idempotencyKey !== null) {
        if (idempotencyKey.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
          throw invalidRequest(
            `Idempotency keys can be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters long; this one has ${idempotencyKey.length}.`,
          );
        }
        fingerprint = fingerprintParams(params);
        const saved = account.idempotency.get(idempotencyKey, now);
        if (saved) {
          if (saved.path !== path)
            throw idempotencyEndpointMismatch(idempotencyKey, path, saved.path);
          if (saved.fingerprint !== fingerprint) throw idempotencyMismatch(idempotencyKey);
          return await finish(() =>
            respond(saved.status, saved.json, {
              'Idempotent-Replayed': 'true',
              'Original-Request': saved.requestId,
            }),
          );
        }
      }

      let status = 200;
      let json: string;
      try {
        const result = route.handle({
          method,
          path,
          routeParams: found.params,
          params,
          account,
          key,
          requestId,
          idempotencyKey,
          eventRequest: { id: requestId, idempotency_key: idempotencyKey },
          state,
        });
        status = result.status ?? 200;
        json = result.json;
      } catch (error) {
        // Only an endpoint that began executing saves its result (Stripe
        // saves nothing for requests that failed validation).
        if (!(error instanceof StripeApiError) || error.status !== 404) throw error;
        status = error.status;
        json = JSON.stringify(error);
      }
      if (idempotencyKey !== null) {
        account.idempotency.set(
          idempotencyKey,
          { path, fingerprint, status, json, requestId },
          now,
        );
      }
      return await finish(() => respond(status, json));
    } catch (error) {
      await wait();
      if (error instanceof StripeApiError) {
        if (error.status === 429) {
          outcome.limitedBy =
            error.body.code === 'lock_timeout'
              ? 'lock_timeout'
              : (error.headers['Stripe-Rate-Limited-Reason'] as RateLimitReason | undefined);
        }
        respond(error.status, JSON.stringify(error), error.headers);
      } else if (error instanceof BodyTooLarge) {
        respond(413, JSON.stringify(invalidRequest(error.message, { status: 413 })));
      } else {
        console.error('[stripe-sandbox] unexpected error', error);
        const failure = apiError(
          'An unexpected error occurred in the Referkit Stripe sandbox.',
          false,
        );
        respond(500, JSON.stringify(failure), failure.headers);
      }
    } finally {
      if (admission?.ok) admission.release();
      state.stats.record(endpoint, outcome, origin);
    }

    async function finish(send: () => void): Promise<void> {
      if (fault === 'slow') {
        outcome.slowed = true;
        await sleep(state.config.faults.slowMs);
      }
      if (fault === 'dropConnection') {
        outcome.dropped = true;
        req.socket.destroy();
        return;
      }
      send();
    }
  }

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: string,
  ): Promise<void> {
    const found = controlRouter.find(method as FindMyWay.HTTPMethod, path);
    const route = found?.store as ControlRoute | undefined;
    try {
      if (!route || !found) throw new ControlError(404, `No control endpoint ${method} ${path}.`);
      const text = method === 'GET' ? '' : await readBody(req);
      let body: Record<string, unknown> = {};
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          throw new ControlError(400, 'The control API takes JSON bodies.');
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new ControlError(400, 'The control API takes a JSON object.');
        }
      }
      const result = await route.handle({
        state,
        routeParams: found.params,
        query: new URLSearchParams(query),
        body,
        url: baseUrl(),
      });
      sendJson(res, 200, JSON.stringify(result ?? null));
    } catch (error) {
      const status =
        error instanceof ControlError
          ? error.status
          : error instanceof RangeError || error instanceof TypeError
            ? 400
            : 500;
      if (status === 500) console.error('[stripe-sandbox] control API error', error);
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, status, JSON.stringify({ error: { message } }));
    }
  }

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    let work: Promise<unknown>;
    if (path.startsWith('/v1/')) {
      work = handleApi(req, res, method, path, query);
    } else if (path === '/_sandbox' || path.startsWith('/_sandbox/')) {
      work = handleControl(req, res, method, path, query);
    } else if (path.startsWith('/oauth/')) {
      work = handleOAuth(state, req, res, method, path, query).then((status) => {
        state.stats.record(`${method} ${path}`, { status }, { method });
      });
    } else if (path === '/' && method === 'GET') {
      sendJson(
        res,
        200,
        JSON.stringify({
          name: '@referkit/stripe-sandbox',
          description:
            'An offline, stateful Stripe for Referkit. API under /v1, Connect OAuth under /oauth, control API under /_sandbox.',
          apiBase: baseUrl(),
          control: `${baseUrl()}/_sandbox`,
        }),
      );
      return;
    } else {
      sendJson(res, 404, JSON.stringify(unrecognizedUrl(method, path)));
      return;
    }
    work.catch((error: unknown) => {
      console.error('[stripe-sandbox] request failed', error);
      if (!res.headersSent)
        sendJson(res, 500, JSON.stringify({ error: { message: 'Internal error' } }));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
