import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRateLimiter } from './account-rate-limiter';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, sdk } from './test-support';

describe('AccountRateLimiter', () => {
  it('allows `rate` requests per window per account, then refuses', async () => {
    const limiter = new AccountRateLimiter(3);
    const results = await Promise.all(Array.from({ length: 5 }, () => limiter.allow('acct_a')));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await limiter.allow('acct_b')).toBe(true);
    limiter.configure(false);
    expect(await limiter.allow('acct_a')).toBe(true);
    expect(() => limiter.configure(0)).toThrow(RangeError);
  });
});

describe('rate limiting', () => {
  let sandbox: StripeSandbox;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ customers: 3, rateLimit: 5 });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('serves 429 rate_limit beyond the configured rate, raised as StripeRateLimitError and not retried by the SDK', async () => {
    sandbox.resetStats();
    // The SDK would retry errors it deems retryable; a plain 429 is not one of them.
    const stripe = sdk(sandbox, sandbox.secretKey, { maxNetworkRetries: 2 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => stripe.customers.list({ limit: 1 })),
    );
    const limited = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof Stripe.errors.StripeRateLimitError,
    ) as PromiseRejectedResult[];
    const ok = results.filter((r) => r.status === 'fulfilled');
    // 5 per one-second window: a burst that spans two windows lets 10 through.
    expect(ok.length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited.length).toBe(20 - ok.length);
    const error = limited[0]?.reason as Stripe.errors.StripeRateLimitError;
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe('rate_limit');
    expect(error.rawType).toBe('invalid_request_error');

    const stats = sandbox.stats();
    expect(stats.total.requests).toBe(20);
    expect(stats.endpoints['GET /v1/customers']?.rateLimited).toBe(limited.length);
    expect(stats.total.succeeded).toBe(ok.length);
  });

  it('never limits the control API and can change the rate at run time', async () => {
    const calls = await Promise.all(
      Array.from({ length: 30 }, () => control(sandbox, 'GET', '/clock')),
    );
    expect(calls).toHaveLength(30);
    await control(sandbox, 'PATCH', '/config', { rateLimit: false });
    const stripe = sdk(sandbox);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => stripe.customers.list()),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const config = await control<{ rateLimit: unknown }>(sandbox, 'PATCH', '/config', {
      rateLimit: 25,
    });
    expect(config.rateLimit).toBe(25);
  });

  it('limits each account separately', async () => {
    sandbox.configure({ rateLimit: 3 });
    const other = sandbox.createAccount();
    const a = sdk(sandbox);
    const b = sdk(sandbox, other.secretKey);
    const burst = await Promise.allSettled(Array.from({ length: 12 }, () => a.customers.list()));
    expect(burst.some((r) => r.status === 'rejected')).toBe(true);
    await expect(b.customers.list()).resolves.toBeTruthy();
  });
});
