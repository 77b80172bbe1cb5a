import { type StripeSandbox, startStripeSandbox } from '@referkit/stripe-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountLimiter, ENDPOINT } from './account-limiter';
import { PRIORITY } from './adaptive-rate-limiter';
import { callStripe } from './call-stripe';
import { createStripeClient } from './stripe-client';

/** Layered limits of Stripe, met through the official SDK: each 429 backs off the scope its reason names. */
describe('callStripe against Stripe’s layered limits', () => {
  let sandbox: StripeSandbox;
  let customerIds: string[];
  beforeAll(async () => {
    sandbox = await startStripeSandbox({ customers: 40, seed: 'layers', rateLimit: false });
    const stripe = createStripeClient(sandbox.secretKey, { apiBase: sandbox.url });
    customerIds = (await stripe.customers.list({ limit: 40 })).data.map((c) => c.id);
  });
  afterAll(() => sandbox?.stop());

  const client = () => createStripeClient(sandbox.secretKey, { apiBase: sandbox.url });
  const fast = { minTimeoutMs: 10, maxTimeoutMs: 50 };
  const rates = (limiter: AccountLimiter) => ({
    global: limiter.global.stats.requestsPerSecond,
    reads: limiter.endpoint(ENDPOINT.listCustomers).stats.requestsPerSecond,
    writes: limiter.endpoint(ENDPOINT.updateCustomer).stats.requestsPerSecond,
    events: limiter.endpoint(ENDPOINT.listEvents).stats.requestsPerSecond,
  });

  it('an endpoint-rate 429 slows that endpoint only', async () => {
    sandbox.configure({ rateLimit: { global: false, endpoint: 4 }, faults: {} });
    sandbox.resetStats();
    const limiter = new AccountLimiter('test', { globalPerSecond: 100, endpointPerSecond: 40 });
    const stripe = client();
    const before = rates(limiter);
    const pages = await Promise.all(
      Array.from({ length: 16 }, () =>
        callStripe(limiter, PRIORITY.read, () => stripe.customers.list({ limit: 1 }), {
          ...fast,
          endpoint: ENDPOINT.listCustomers,
        }),
      ),
    );
    expect(pages.every((page) => page.data.length === 1)).toBe(true);
    expect(sandbox.stats().total.rateLimitedBy['endpoint-rate']).toBeGreaterThan(0);
    expect(limiter.endpoint(ENDPOINT.listCustomers).stats.rateLimited).toBeGreaterThan(0);
    expect(rates(limiter)).toEqual({ ...before, reads: expect.any(Number) });
    expect(rates(limiter).reads).toBeLessThan(before.reads);
    expect(limiter.global.stats.rateLimited).toBe(0);
    await limiter.stop();
  });

  it('a global-rate 429 slows every request to the account', async () => {
    sandbox.configure({ rateLimit: { global: 4, endpoint: false }, faults: {} });
    sandbox.resetStats();
    const limiter = new AccountLimiter('test', { globalPerSecond: 40, endpointPerSecond: 40 });
    const stripe = client();
    const before = rates(limiter);
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        i % 2 === 0
          ? callStripe(limiter, PRIORITY.read, () => stripe.customers.list({ limit: 1 }), {
              ...fast,
              endpoint: ENDPOINT.listCustomers,
            })
          : callStripe(limiter, PRIORITY.read, () => stripe.events.list({ limit: 1 }), {
              ...fast,
              endpoint: ENDPOINT.listEvents,
            }),
      ),
    );
    expect(sandbox.stats().total.rateLimitedBy['global-rate']).toBeGreaterThan(0);
    expect(limiter.global.stats.rateLimited).toBeGreaterThan(0);
    expect(rates(limiter).global).toBeLessThan(before.global);
    // The endpoints keep their own pace; the global one holds them all back.
    expect(rates(limiter)).toMatchObject({ reads: before.reads, events: before.events });
    expect(limiter.pace(ENDPOINT.updateCustomer)).toBeLessThan(before.global);
    await limiter.stop();
  });

  it('a lock_timeout or resource-specific 429 retries only that request, slowing nothing', async () => {
    sandbox.configure({
      rateLimit: false,
      faults: { lockTimeout: 0.25, rateLimit: 0.1, rateLimitReason: 'resource-specific' },
    });
    sandbox.resetStats();
    const limiter = new AccountLimiter('test', { globalPerSecond: 100, endpointPerSecond: 100 });
    const stripe = client();
    const before = rates(limiter);
    const ids = customerIds.slice(0, 30);
    await Promise.all(
      ids.map((id, i) =>
        callStripe(
          limiter,
          PRIORITY.write,
          () =>
            stripe.customers.update(
              id,
              { metadata: { lock: String(i) } },
              { idempotencyKey: `lock-${id}` },
            ),
          { ...fast, endpoint: ENDPOINT.updateCustomer },
        ),
      ),
    );
    sandbox.configure({ faults: { lockTimeout: 0, rateLimit: 0 } });
    const stats = sandbox.stats().endpoints['POST /v1/customers/:id'];
    expect(stats?.rateLimitedBy.lock_timeout).toBeGreaterThan(0);
    expect(stats?.rateLimitedBy['resource-specific']).toBeGreaterThan(0);
    // One success per customer; every other request was a retry of a refused one.
    expect(stats?.succeeded).toBe(ids.length);
    expect(stats?.requests).toBe(ids.length + (stats?.rateLimited ?? 0));
    expect(rates(limiter)).toEqual(before);
    expect(
      limiter.global.stats.rateLimited +
        limiter.endpoint(ENDPOINT.updateCustomer).stats.rateLimited,
    ).toBe(0);
    const updated = await stripe.customers.retrieve(ids[3] as string);
    expect((updated as { metadata: Record<string, string> }).metadata.lock).toBe('3');
    await limiter.stop();
  });
});
