import { describe, expect, it } from 'vitest';
import { AccountLimiter, ENDPOINT, rateLimitScope } from './account-limiter';

describe('AccountLimiter', () => {
  it('backs off the layer a 429’s reason names, and nothing for a request’s own 429', () => {
    const limiter = new AccountLimiter('live');
    const writes = () => limiter.endpoint(ENDPOINT.updateCustomer).stats.requestsPerSecond;
    const reads = () => limiter.endpoint(ENDPOINT.listCustomers).stats.requestsPerSecond;
    expect([writes(), reads(), limiter.global.stats.requestsPerSecond]).toEqual([20, 20, 50]);

    limiter.rateLimited(ENDPOINT.updateCustomer, rateLimitScope('endpoint-rate'));
    expect(writes()).toBe(16);
    expect(reads()).toBe(20);
    expect(limiter.global.stats.requestsPerSecond).toBe(50);

    limiter.rateLimited(ENDPOINT.listCustomers, rateLimitScope('resource-specific'));
    limiter.rateLimited(ENDPOINT.listCustomers, rateLimitScope(null));
    expect([writes(), reads(), limiter.global.stats.requestsPerSecond]).toEqual([16, 20, 50]);

    // The merchant pushed the account over its global limit: everything yields, by half.
    limiter.rateLimited(ENDPOINT.listCustomers, rateLimitScope('global-rate'));
    expect(limiter.global.stats.requestsPerSecond).toBe(25);
    expect(reads()).toBe(20);
    expect(limiter.pace(ENDPOINT.listCustomers)).toBe(20);
    expect(rateLimitScope('global-concurrency')).toBe('global');
    expect(rateLimitScope('endpoint-concurrency')).toBe('endpoint');
  });

  it('follows the key’s mode', () => {
    const limiter = new AccountLimiter('test');
    expect(limiter.pace(ENDPOINT.updateCustomer)).toBe(12.5);
    limiter.setMode('live');
    expect(limiter.pace(ENDPOINT.updateCustomer)).toBe(20);
    expect(limiter.global.stats.requestsPerSecond).toBe(50);
  });
});
