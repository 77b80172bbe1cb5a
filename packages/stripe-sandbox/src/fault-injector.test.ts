import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector, resolveFaults } from './fault-injector';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { rejection, sdk } from './test-support';

describe('FaultInjector', () => {
  it('draws each fault at about its share, the same way for the same seed', () => {
    const faults = resolveFaults({ rateLimit: 0.2, serverError: 0.1, dropConnection: 0.05 });
    const a = new FaultInjector(faults, 1);
    const b = new FaultInjector(faults, 1);
    const drawsA = Array.from({ length: 5000 }, () => a.draw());
    const drawsB = Array.from({ length: 5000 }, () => b.draw());
    expect(drawsA).toEqual(drawsB);
    const share = (f: string) => drawsA.filter((d) => d === f).length / drawsA.length;
    expect(share('rateLimit')).toBeGreaterThan(0.17);
    expect(share('rateLimit')).toBeLessThan(0.23);
    expect(share('serverError')).toBeGreaterThan(0.08);
    expect(share('serverError')).toBeLessThan(0.12);
    expect(share('slow')).toBe(0);
  });

  it('refuses shares outside 0..1 or adding up to more than 1', () => {
    expect(() => resolveFaults({ rateLimit: 1.5 })).toThrow(RangeError);
    expect(() => resolveFaults({ rateLimit: 0.6, serverError: 0.6 })).toThrow(/more than 1/);
  });
});

describe('injected faults', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ customers: 3, rateLimit: false });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('answers 429 for the configured share, naming the configured limiter', async () => {
    sandbox.configure({ faults: { rateLimit: 1 } });
    const error = await rejection(sdk(sandbox).customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error.code).toBe('rate_limit');
    expect(error.headers?.['stripe-rate-limited-reason']).toBe('global-rate');
    sandbox.configure({ faults: { rateLimitReason: 'resource-specific' } });
    const specific = await rejection(sdk(sandbox).customers.list());
    expect(specific.headers?.['stripe-rate-limited-reason']).toBe('resource-specific');
    sandbox.configure({ faults: { rateLimit: 0, rateLimitReason: 'global-rate' } });
    expect(() => sandbox.configure({ faults: { rateLimitReason: 'too-fast' as never } })).toThrow(
      /rateLimitReason/,
    );
  });

  it('answers lock_timeout 429s without a limiter reason; the SDK retries them itself', async () => {
    sandbox.resetStats();
    sandbox.configure({ faults: { lockTimeout: 1 } });
    const error = await rejection(
      sdk(sandbox, sandbox.secretKey, { maxNetworkRetries: 2 }).customers.create({
        name: 'Locked',
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe('lock_timeout');
    expect(error.rawType).toBe('invalid_request_error');
    expect(error.headers?.['stripe-rate-limited-reason']).toBeUndefined();
    expect(error.headers?.['stripe-should-retry']).toBe('true');
    // Stripe-Should-Retry: true makes stripe-node retry it (two retries: three requests).
    const stats = sandbox.stats().endpoints['POST /v1/customers'];
    expect(stats?.requests).toBe(3);
    expect(stats?.rateLimitedBy).toEqual({ lock_timeout: 3 });

    // Half of the requests time out on the lock: the SDK's retries get through, once.
    sandbox.configure({ faults: { lockTimeout: 0.5 } });
    const retrying = sdk(sandbox, sandbox.secretKey, { maxNetworkRetries: 20 });
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => retrying.customers.create({ name: `Retried ${i}` })),
    );
    sandbox.configure({ faults: { lockTimeout: 0 } });
    expect(new Set(created.map((c) => c.id)).size).toBe(10);
    expect(
      sandbox.stats().endpoints['POST /v1/customers']?.rateLimitedBy.lock_timeout,
    ).toBeGreaterThan(3);
    const all = await sdk(sandbox).customers.list({ limit: 100 });
    expect(all.data.filter((c) => c.name?.startsWith('Retried ')).length).toBe(10);
    expect(all.data.some((c) => c.name === 'Locked')).toBe(false);
  });

  it('answers 500 with Stripe-Should-Retry: true, which the SDK retries', async () => {
    sandbox.configure({ faults: { serverError: 1 } });
    sandbox.resetStats();
    const error = await rejection(
      sdk(sandbox, sandbox.secretKey, { maxNetworkRetries: 2 }).customers.list(),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error.statusCode).toBe(500);
    expect(error.headers?.['stripe-should-retry']).toBe('true');
    expect(sandbox.stats().endpoints['GET /v1/customers']?.serverErrors).toBe(3);
    sandbox.configure({ faults: { serverError: 0 } });
  });

  it('drops connections after the write ran; the SDK retry with the same key replays it', async () => {
    sandbox.resetStats();
    sandbox.configure({ faults: { dropConnection: 1 } });
    const failing = await rejection(sdk(sandbox).customers.create({ name: 'Lost answer' }));
    expect(failing).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    sandbox.configure({ faults: { dropConnection: 0.5 } });
    const retrying = sdk(sandbox, sandbox.secretKey, { maxNetworkRetries: 10 });
    const customer = await retrying.customers.create(
      { name: 'Exactly once' },
      { idempotencyKey: 'drop-1' },
    );
    sandbox.configure({ faults: { dropConnection: 0 } });
    const same = await sdk(sandbox).customers.list({ limit: 100 });
    expect(same.data.filter((c) => c.name === 'Exactly once').map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect(sandbox.stats().total.dropped).toBeGreaterThanOrEqual(1);
  });

  it('answers slow responses late and counts them', async () => {
    sandbox.resetStats();
    sandbox.configure({ faults: { slow: 1, slowMs: 30 } });
    await expect(sdk(sandbox).customers.list()).resolves.toBeTruthy();
    expect(sandbox.stats().total.slowed).toBe(1);
    sandbox.configure({ faults: { slow: 0 }, latency: { min: 1, max: 3 } });
    await expect(sdk(sandbox).customers.list()).resolves.toBeTruthy();
    sandbox.configure({ latency: 0 });
  });
});
