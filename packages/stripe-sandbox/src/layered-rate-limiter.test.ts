import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LayeredRateLimiter } from './layered-rate-limiter';
import { resolveRateLimits, STRIPE_RATE_LIMITS } from './rate-limit-options';
import { TAG_HEADER } from './request-stats';
import type { AccountCredentials } from './sandbox-state';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, sdk } from './test-support';

type Settled = PromiseSettledResult<unknown>;

/** Splits a burst's results into successes and the limiter reasons of its 429s. */
function tally(results: readonly Settled[]) {
  const reasons: string[] = [];
  let ok = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') {
      ok++;
      continue;
    }
    const error = result.reason as Stripe.errors.StripeError;
    if (!(error instanceof Stripe.errors.StripeRateLimitError)) throw error;
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe('rate_limit');
    expect(error.rawType).toBe('invalid_request_error');
    reasons.push(String(error.headers?.['stripe-rate-limited-reason']));
  }
  return { ok, limited: reasons.length, reasons: new Set(reasons) };
}

function burst(count: number, call: (i: number) => Promise<unknown>) {
  return Promise.allSettled(Array.from({ length: count }, (_, i) => call(i)));
}

describe('resolveRateLimits', () => {
  it("starts from Stripe's defaults and changes only the layers named", () => {
    expect(resolveRateLimits({}, false)).toEqual(STRIPE_RATE_LIMITS);
    const limits = resolveRateLimits(
      { global: { live: 50 }, operations: { 'POST /v1/customers/{id}': 10 } },
      STRIPE_RATE_LIMITS,
    );
    expect(limits).toMatchObject({
      global: { live: 50, test: 25 },
      endpoint: 25,
      operations: { 'GET /v1/customers/search': 20, 'POST /v1/customers/:id': 10 },
    });
    expect(resolveRateLimits(60, STRIPE_RATE_LIMITS)).toMatchObject({
      global: { live: 60, test: 60 },
      endpoint: 25,
    });
    expect(resolveRateLimits(false, STRIPE_RATE_LIMITS)).toBe(false);
  });

  it('refuses unknown layers, bad numbers and bad operation names', () => {
    expect(() => resolveRateLimits({ perSecond: 3 }, false)).toThrow(/Unknown rateLimit option/);
    expect(() => resolveRateLimits({ endpoint: 0 }, false)).toThrow(/endpoint/);
    expect(() => resolveRateLimits({ global: { sandbox: 3 } }, false)).toThrow(/live and test/);
    expect(() => resolveRateLimits({ operations: { customers: 3 } }, false)).toThrow(
      /GET \/v1\/customers/,
    );
    expect(() => resolveRateLimits('fast', false)).toThrow(RangeError);
  });
});

describe('LayeredRateLimiter', () => {
  it('names the layer that refuses, and takes nothing from a refused request', () => {
    const limiter = new LayeredRateLimiter(
      resolveRateLimits({ global: 5, endpoint: 3, concurrency: false }, false),
    );
    const a = Array.from({ length: 4 }, () => limiter.admit('acct_1', 'test', 'GET /v1/a'));
    expect(a.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['ok', 'ok', 'ok', 'endpoint-rate']);
    // The refused request took no global token: two are left for another operation.
    const b = Array.from({ length: 3 }, () => limiter.admit('acct_1', 'test', 'GET /v1/b'));
    expect(b.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['ok', 'ok', 'global-rate']);
    // Modes and accounts have budgets of their own.
    expect(limiter.admit('acct_1', 'live', 'GET /v1/a').ok).toBe(true);
    expect(limiter.admit('acct_2', 'test', 'GET /v1/a').ok).toBe(true);
  });

  it("gives Search Stripe's 20/s and every other operation 25/s by default", () => {
    const limiter = new LayeredRateLimiter(STRIPE_RATE_LIMITS);
    const served = (operation: string) =>
      Array.from({ length: 30 }, () => limiter.admit('acct_1', 'live', operation)).filter(
        (r) => r.ok,
      ).length;
    expect(served('GET /v1/customers/search')).toBe(20);
    expect(served('POST /v1/customers/:id')).toBe(25);
    expect(served('GET /v1/customers')).toBe(25);
  });

  it('holds in-flight slots until released', () => {
    const limiter = new LayeredRateLimiter(
      resolveRateLimits({ global: false, endpoint: false, concurrency: 2 }, false),
    );
    const first = limiter.admit('acct_1', 'test', 'GET /v1/a');
    const second = limiter.admit('acct_1', 'test', 'GET /v1/b');
    const third = limiter.admit('acct_1', 'test', 'GET /v1/c');
    expect(third).toEqual({ ok: false, reason: 'global-concurrency' });
    expect(limiter.inFlight('acct_1', 'test')).toBe(2);
    if (first.ok) first.release();
    if (first.ok) first.release(); // twice is once
    expect(limiter.inFlight('acct_1', 'test')).toBe(1);
    expect(limiter.admit('acct_1', 'test', 'GET /v1/c').ok).toBe(true);
    expect(second.ok).toBe(true);
  });
});

describe("the sandbox's layered limits, through the SDK", () => {
  let sandbox: StripeSandbox;
  let live: AccountCredentials;
  let customerIds: string[];

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ customers: 60, seed: 'layers' });
    live = sandbox.createAccount({ livemode: true, customers: 80 });
    customerIds = (await sdk(sandbox, live.secretKey).customers.list({ limit: 100 })).data.map(
      (c) => c.id,
    );
    expect(customerIds.length).toBeGreaterThanOrEqual(60);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  beforeEach(() => {
    // Fresh, full budgets for every test, at Stripe's defaults.
    sandbox.configure({ rateLimit: false, latency: 0 });
    sandbox.configure({ rateLimit: {} });
    sandbox.resetStats();
  });

  it('gives live-mode accounts live keys and test mode 25/s against live 100/s globally', async () => {
    expect(live.livemode).toBe(true);
    expect(live.secretKey).toMatch(/^sk_live_/);
    expect(sandbox.createRestrictedKey({ account: live.accountId }).secret).toMatch(/^rk_live_/);
    expect(sandbox.createRestrictedKey().secret).toMatch(/^rk_test_/);
    // Its objects are live mode too.
    const liveStripe = sdk(sandbox, live.secretKey);
    const created = await liveStripe.customers.create({ name: 'Live Shopper' });
    expect(created.livemode).toBe(true);
    const [event] = (await liveStripe.events.list({ limit: 1 })).data;
    expect(event?.livemode).toBe(true);
    expect(event?.data.object).toMatchObject({ livemode: true });
    const endpoint = await liveStripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hook',
      enabled_events: ['customer.created'],
    });
    expect(endpoint.livemode).toBe(true);
    await liveStripe.webhookEndpoints.del(endpoint.id);
    expect((await sdk(sandbox).customers.list({ limit: 1 })).data[0]?.livemode).toBe(false);
    // 60 requests over three operations: within each endpoint's 25/s.
    const spread = (stripe: Stripe) =>
      burst(60, (i) =>
        i % 3 === 0
          ? stripe.customers.list({ limit: 1 })
          : i % 3 === 1
            ? stripe.balance.retrieve()
            : stripe.accounts.retrieveCurrent(),
      );
    const liveResult = tally(await spread(sdk(sandbox, live.secretKey)));
    expect(liveResult.ok).toBe(60);

    const testResult = tally(await spread(sdk(sandbox)));
    expect(testResult.ok).toBeGreaterThanOrEqual(25);
    expect(testResult.limited).toBeGreaterThanOrEqual(10);
    expect([...testResult.reasons]).toEqual(['global-rate']);
  });

  it('creates live-mode accounts through the control API too', async () => {
    const created = await control<{ accountId: string; secretKey: string; livemode: boolean }>(
      sandbox,
      'POST',
      '/accounts',
      { livemode: true },
    );
    expect(created.livemode).toBe(true);
    expect(created.secretKey).toMatch(/^sk_live_/);
    const summary = await control<{ livemode: boolean }>(
      sandbox,
      'GET',
      `/accounts/${created.accountId}`,
    );
    expect(summary.livemode).toBe(true);
    await expect(sdk(sandbox, created.secretKey).balance.retrieve()).resolves.toMatchObject({
      livemode: true,
    });
    await expect(control(sandbox, 'POST', '/accounts', { livemode: 'yes' })).rejects.toThrow(
      /400.*livemode/,
    );
    expect(() => sandbox.createAccount({ livemode: true, secretKey: 'sk_test_abc' })).toThrow(
      /sk_live_/,
    );
  });

  it('restricted keys follow their mode', async () => {
    const restricted = sandbox.createRestrictedKey({
      account: live.accountId,
      permissions: { customers: 'read', balance: 'read' },
    });
    const stripe = sdk(sandbox, restricted.secret);
    const result = tally(
      await burst(40, (i) =>
        i % 2 === 0 ? stripe.customers.list({ limit: 1 }) : stripe.balance.retrieve(),
      ),
    );
    expect(result.ok).toBe(40);
    const testKey = sandbox.createRestrictedKey({
      permissions: { customers: 'read', balance: 'read' },
    });
    const testStripe = sdk(sandbox, testKey.secret);
    const testResult = tally(
      await burst(40, (i) =>
        i % 2 === 0 ? testStripe.customers.list({ limit: 1 }) : testStripe.balance.retrieve(),
      ),
    );
    expect(testResult.limited).toBeGreaterThan(0);
    expect([...testResult.reasons]).toEqual(['global-rate']);
  });

  it('limits each operation, not each id: updates of 60 different customers share 25/s', async () => {
    // Retries allowed: the SDK still does not retry a limiter's 429.
    const stripe = sdk(sandbox, live.secretKey, { maxNetworkRetries: 2 });
    const updates = tally(
      await burst(60, (i) =>
        stripe.customers.update(customerIds[i] as string, { metadata: { n: String(i) } }),
      ),
    );
    expect(updates.ok).toBeGreaterThanOrEqual(25);
    expect(updates.limited).toBeGreaterThanOrEqual(10);
    expect([...updates.reasons]).toEqual(['endpoint-rate']);
    // Other operations have budgets of their own.
    await expect(stripe.customers.retrieve(customerIds[0] as string)).resolves.toBeTruthy();
    await expect(stripe.balance.retrieve()).resolves.toBeTruthy();

    const stats = sandbox.stats().endpoints['POST /v1/customers/:id'];
    expect(stats?.requests).toBe(60);
    expect(stats?.rateLimitedBy).toEqual({ 'endpoint-rate': updates.limited });
  });

  it('allows Search 20/s', async () => {
    const stripe = sdk(sandbox, live.secretKey);
    const result = tally(
      await burst(50, () => stripe.customers.search({ query: 'email~"example"' })),
    );
    expect(result.ok).toBeGreaterThanOrEqual(20);
    expect(result.limited).toBeGreaterThanOrEqual(10);
    expect([...result.reasons]).toEqual(['endpoint-rate']);
    expect(sandbox.stats().endpoints['GET /v1/customers/search']?.rateLimitedBy).toEqual({
      'endpoint-rate': result.limited,
    });
  });

  it('counts endpoint calls against the global limit', async () => {
    // Balance is exempt from the endpoint layer here, so only the global one can refuse it.
    sandbox.configure({
      rateLimit: { global: { live: 30 }, operations: { 'GET /v1/balance': false } },
    });
    const stripe = sdk(sandbox, live.secretKey);
    const updates = tally(
      await burst(25, (i) =>
        stripe.customers.update(customerIds[i] as string, { metadata: { g: String(i) } }),
      ),
    );
    expect(updates.ok).toBe(25);
    // The updates left about 5 of the 30 global tokens for everything else.
    const others = tally(await burst(60, () => stripe.balance.retrieve()));
    expect(others.ok).toBeGreaterThanOrEqual(5);
    expect(others.limited).toBeGreaterThanOrEqual(20);
    expect([...others.reasons]).toEqual(['global-rate']);
  });

  it('limits requests in flight per account (global-concurrency)', async () => {
    sandbox.configure({
      rateLimit: { global: false, endpoint: false, concurrency: 3 },
      latency: 800,
    });
    const stripe = sdk(sandbox, live.secretKey);
    const result = tally(
      await burst(10, (i) => (i % 2 ? stripe.balance.retrieve() : stripe.customers.list())),
    );
    expect(result.ok).toBeGreaterThanOrEqual(3);
    expect(result.limited).toBeGreaterThanOrEqual(5);
    expect([...result.reasons]).toEqual(['global-concurrency']);
    // Once answered, the slots are free again.
    await expect(stripe.balance.retrieve()).resolves.toBeTruthy();
    expect(sandbox.stats().total.rateLimitedBy['global-concurrency']).toBe(result.limited);
  });

  it('limits requests in flight per operation (endpoint-concurrency) when configured', async () => {
    sandbox.configure({
      rateLimit: { global: false, endpoint: false, concurrency: false, endpointConcurrency: 2 },
      latency: 800,
    });
    const stripe = sdk(sandbox, live.secretKey);
    const [lists, balances] = await Promise.all([
      burst(6, () => stripe.customers.list({ limit: 1 })),
      burst(2, () => stripe.balance.retrieve()),
    ]);
    const listed = tally(lists);
    expect(listed.ok).toBeGreaterThanOrEqual(2);
    expect(listed.limited).toBeGreaterThanOrEqual(2);
    expect([...listed.reasons]).toEqual(['endpoint-concurrency']);
    expect(tally(balances).ok).toBe(2);
  });

  it('turns every layer off with rateLimit: false, also through the control API', async () => {
    await control(sandbox, 'PATCH', '/config', { rateLimit: false });
    const stripe = sdk(sandbox);
    const [first] = (await stripe.customers.list({ limit: 1 })).data;
    const result = tally(
      await burst(120, (i) =>
        i % 2
          ? stripe.customers.update(first?.id as string, { metadata: { off: String(i) } })
          : stripe.customers.list(),
      ),
    );
    expect(result).toMatchObject({ ok: 120, limited: 0 });
    const config = await control<{ rateLimit: unknown }>(sandbox, 'PATCH', '/config', {
      rateLimit: { endpoint: 10, operations: { 'GET /v1/balance': false } },
    });
    expect(config.rateLimit).toMatchObject({
      global: { live: 100, test: 25 },
      endpoint: 10,
      operations: { 'GET /v1/balance': false },
    });
    await expect(
      control(sandbox, 'PATCH', '/config', { rateLimit: { endpoint: -1 } }),
    ).rejects.toThrow(/400/);
  });

  it('counts per operation, per key, per tag, and reads against writes', async () => {
    sandbox.configure({ rateLimit: false });
    const reader = sandbox.createRestrictedKey({
      account: live.accountId,
      permissions: { customers: 'read' },
    });
    const writer = sdk(sandbox, live.secretKey);
    await writer.customers.update(customerIds[1] as string, { metadata: { k: 'v' } });
    await writer.customers.update(customerIds[2] as string, { metadata: { k: 'v' } });
    await sdk(sandbox, reader.secret).customers.list({ limit: 3 });
    await writer.balance.retrieve({}, { headers: { [TAG_HEADER]: 'merchant' } });
    await writer.paymentIntents.create(
      { amount: 1200, currency: 'usd' },
      { headers: { [TAG_HEADER]: 'merchant' } },
    );

    const stats = sandbox.stats();
    expect(stats.total).toMatchObject({ requests: 5, reads: 2, writes: 3, succeeded: 5 });
    expect(stats.endpoints['POST /v1/customers/:id']).toMatchObject({ requests: 2, writes: 2 });
    expect(stats.endpoints['GET /v1/customers']).toMatchObject({ requests: 1, reads: 1 });
    expect(stats.keys[live.secretKey]).toMatchObject({ requests: 4, reads: 1, writes: 3 });
    expect(stats.keys[reader.secret]).toMatchObject({ requests: 1, reads: 1, writes: 0 });
    expect(stats.tags).toEqual({
      merchant: expect.objectContaining({ requests: 2, reads: 1, writes: 1 }),
    });
    const overControl = await control<typeof stats>(sandbox, 'GET', '/stats');
    expect(overControl.keys[reader.secret]?.reads).toBe(1);
    expect(overControl.tags.merchant?.requests).toBe(2);
  });
});
