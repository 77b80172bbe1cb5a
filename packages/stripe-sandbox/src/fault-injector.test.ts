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

  it('answers 429 for the configured share', async () => {
    sandbox.configure({ faults: { rateLimit: 1 } });
    const error = await rejection(sdk(sandbox).customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    sandbox.configure({ faults: { rateLimit: 0 } });
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
