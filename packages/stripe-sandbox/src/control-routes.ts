import type { MerchantTraffic, MerchantTrafficOptions } from './merchant-traffic';
import type { SandboxState } from './sandbox-state';
import type { StripeAccount } from './stripe-account';

/** A request to the control API (`/_sandbox/…`). */
export interface ControlRequest {
  state: SandboxState;
  routeParams: Record<string, string | undefined>;
  /** Query string parameters. */
  query: URLSearchParams;
  /** Parsed JSON body (`{}` when empty). */
  body: Record<string, unknown>;
  /** The sandbox's base URL. */
  url: string;
}

/** A control endpoint. */
export interface ControlRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handle(request: ControlRequest): unknown;
}

/** A control API error: `{ error: { message } }` with `status`. */
export class ControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function accountSummary(state: SandboxState, account: StripeAccount) {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    livemode: account.livemode,
    clientId: account.clientId,
    customers: account.customers.size,
    events: account.events.size,
    webhookEndpoints: account.webhookEndpoints.size,
    connectedPlatforms: [...account.connectedPlatforms],
    keys: state.keys.forAccount(account.id).map((k) => ({
      secret: k.secret,
      kind: k.kind,
      name: k.name,
      permissions: k.permissions,
      revoked: k.revoked,
      ...(k.platformId ? { platformId: k.platformId } : {}),
    })),
  };
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ControlError(400, `${name} must be a string.`);
  return value;
}

function optionalNumber(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw new ControlError(400, `${name} must be a number.`);
  return value;
}

function seedValue(body: Record<string, unknown>): number | string | undefined {
  const seed = body.seed;
  if (seed === undefined || typeof seed === 'number' || typeof seed === 'string') return seed;
  throw new ControlError(400, 'seed must be a number or a string.');
}

function snapshot(state: SandboxState) {
  return {
    ...state.stats.snapshot(),
    webhooks: state.dispatcher.stats(),
  };
}

function trafficSummary(traffic: MerchantTraffic) {
  return {
    id: traffic.id,
    tag: traffic.tag,
    ratePerSecond: traffic.ratePerSecond,
    stats: traffic.stats(),
  };
}

function revoke(request: ControlRequest) {
  const key = request.routeParams.key ?? '';
  if (!request.state.revokeKey(key)) throw new ControlError(404, `No such key: '${key}'.`);
  return { key, revoked: true };
}

/**
 * The control API. Never rate limited, never faulted, not counted in the
 * statistics; JSON in and out; no authentication (the sandbox is for
 * localhost).
 */
export const controlRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '/_sandbox',
    handle: ({ state, url }) => ({
      url,
      apiVersion: state.apiVersion,
      now: state.clock.now(),
      defaultAccount: state.defaultAccount.id,
      secretKey: state.defaultCredentials.secretKey,
      config: state.config,
      accounts: [...state.accounts.values()].map((a) => accountSummary(state, a)),
      memory: process.memoryUsage(),
      cpu: process.cpuUsage(),
    }),
  },
  { method: 'GET', path: '/_sandbox/config', handle: ({ state }) => state.config },
  {
    method: 'PATCH',
    path: '/_sandbox/config',
    handle: ({ state, body }) => state.configure(body),
  },
  {
    method: 'POST',
    path: '/_sandbox/config',
    handle: ({ state, body }) => state.configure(body),
  },
  { method: 'GET', path: '/_sandbox/clock', handle: ({ state }) => ({ now: state.clock.now() }) },
  {
    method: 'POST',
    path: '/_sandbox/clock',
    handle: ({ state, body }) => {
      const advance = optionalNumber(body, 'advance');
      const to = optionalNumber(body, 'to');
      if ((advance === undefined) === (to === undefined)) {
        throw new ControlError(400, 'Pass either advance (seconds) or to (Unix seconds).');
      }
      const now =
        advance === undefined ? state.clock.set(to as number) : state.clock.advance(advance);
      return { now };
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/accounts',
    handle: ({ state }) => [...state.accounts.values()].map((a) => accountSummary(state, a)),
  },
  {
    method: 'POST',
    path: '/_sandbox/accounts',
    handle: ({ state, body }) => {
      const id = optionalString(body, 'id');
      const name = optionalString(body, 'name');
      const email = optionalString(body, 'email');
      const secretKey = optionalString(body, 'secretKey');
      const customers = optionalNumber(body, 'customers');
      const seed = seedValue(body);
      const livemode = body.livemode;
      if (livemode !== undefined && typeof livemode !== 'boolean') {
        throw new ControlError(400, 'livemode must be true or false.');
      }
      return state.createAccount({
        ...(livemode === undefined ? {} : { livemode }),
        ...(id === undefined ? {} : { id }),
        ...(name === undefined ? {} : { name }),
        ...(email === undefined ? {} : { email }),
        ...(secretKey === undefined ? {} : { secretKey }),
        ...(customers === undefined ? {} : { customers }),
        ...(seed === undefined ? {} : { seed }),
      });
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/accounts/:id',
    handle: ({ state, routeParams }) => {
      const account = state.account(routeParams.id ?? '');
      if (!account) throw new ControlError(404, `No such account: '${routeParams.id}'.`);
      return accountSummary(state, account);
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/keys',
    handle: ({ state, query }) => {
      const account = state.requireAccount(query.get('account') ?? undefined);
      return accountSummary(state, account).keys;
    },
  },
  {
    method: 'POST',
    path: '/_sandbox/keys',
    handle: ({ state, body }) => {
      const account = optionalString(body, 'account');
      const name = optionalString(body, 'name');
      const permissions = body.permissions;
      if (permissions !== undefined && (typeof permissions !== 'object' || permissions === null)) {
        throw new ControlError(
          400,
          'permissions must be an object such as { "customers": "read" }.',
        );
      }
      return state.createRestrictedKey({
        ...(account === undefined ? {} : { account }),
        ...(name === undefined ? {} : { name }),
        ...(permissions === undefined ? {} : { permissions: permissions as Record<string, never> }),
      });
    },
  },
  { method: 'DELETE', path: '/_sandbox/keys/:key', handle: revoke },
  { method: 'POST', path: '/_sandbox/keys/:key/revoke', handle: revoke },
  {
    method: 'POST',
    path: '/_sandbox/seed',
    handle: ({ state, body }) => {
      const customers = optionalNumber(body, 'customers');
      if (customers === undefined) throw new ControlError(400, 'customers (a count) is required.');
      const account = optionalString(body, 'account');
      const created = state.seedCustomers(account, customers, seedValue(body));
      return { account: state.requireAccount(account).id, created };
    },
  },
  {
    method: 'POST',
    path: '/_sandbox/mutate',
    handle: ({ state, body }) => state.mutateCustomers(body),
  },
  {
    method: 'POST',
    path: '/_sandbox/reset',
    handle: ({ state, body }) => {
      const customers = optionalNumber(body, 'customers');
      const seed = seedValue(body);
      state.reset({
        ...(customers === undefined ? {} : { customers }),
        ...(seed === undefined ? {} : { seed }),
      });
      return {
        accountId: state.defaultAccount.id,
        secretKey: state.defaultCredentials.secretKey,
        customers: state.defaultAccount.customers.size,
      };
    },
  },
  { method: 'GET', path: '/_sandbox/stats', handle: ({ state }) => snapshot(state) },
  {
    method: 'DELETE',
    path: '/_sandbox/stats',
    handle: ({ state }) => {
      state.stats.reset();
      state.dispatcher.resetStats();
      return snapshot(state);
    },
  },
  {
    method: 'POST',
    path: '/_sandbox/stats/reset',
    handle: ({ state }) => {
      state.stats.reset();
      state.dispatcher.resetStats();
      return snapshot(state);
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/merchant-traffic',
    handle: ({ state }) => [...state.merchantTraffic.values()].map(trafficSummary),
  },
  {
    method: 'POST',
    path: '/_sandbox/merchant-traffic',
    handle: ({ state, body, url }) => {
      const known = [
        'ratePerSecond',
        'operations',
        'apiKey',
        'stripeAccount',
        'tag',
        'maxInFlight',
      ];
      for (const key of Object.keys(body)) {
        if (!known.includes(key)) {
          throw new ControlError(
            400,
            `Unknown merchant traffic option '${key}'. Known: ${known.join(', ')}.`,
          );
        }
      }
      for (const name of ['apiKey', 'stripeAccount', 'tag']) optionalString(body, name);
      return trafficSummary(
        state.startMerchantTraffic(url, body as unknown as MerchantTrafficOptions),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/_sandbox/merchant-traffic/:id',
    handle: async ({ state, routeParams }) => {
      const traffic = state.merchantTraffic.get(routeParams.id ?? '');
      if (!traffic) {
        throw new ControlError(404, `No merchant traffic '${routeParams.id}' is running.`);
      }
      return { id: traffic.id, tag: traffic.tag, stats: await traffic.stop() };
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/webhooks/deliveries',
    handle: ({ state, query }) => {
      const limit = Number(query.get('limit') ?? 100);
      return state.dispatcher.deliveries().slice(0, Number.isFinite(limit) ? limit : 100);
    },
  },
  {
    method: 'GET',
    path: '/_sandbox/webhooks/idle',
    handle: async ({ state, query }) => {
      const timeout = Number(query.get('timeout') ?? 10_000);
      return { idle: await state.dispatcher.idle(Number.isFinite(timeout) ? timeout : 10_000) };
    },
  },
];
