import { describe, expect, it } from 'vitest';
import { AdaptiveRateLimiter, PRIORITY } from './adaptive-rate-limiter';

describe('AdaptiveRateLimiter', () => {
  it('starts at its target, slows down once per burst of 429s, never below the minimum', () => {
    const limiter = new AdaptiveRateLimiter(20, { decreaseFactor: 0.5 });
    expect(limiter.stats.requestsPerSecond).toBe(20);
    for (let i = 0; i < 5; i++) limiter.rateLimited();
    expect(limiter.stats).toEqual({
      requests: 0,
      rateLimited: 5,
      requestsPerSecond: 10,
      ceilingPerSecond: 20,
    });
    const floor = new AdaptiveRateLimiter(2, { minRequestsPerSecond: 2 });
    floor.rateLimited();
    expect(floor.stats.requestsPerSecond).toBe(2);
  });

  it('paces at most at its share of the target, and follows a new target', () => {
    const limiter = new AdaptiveRateLimiter(120);
    limiter.setShare(1 / 3);
    expect(limiter.stats).toMatchObject({ requestsPerSecond: 40, ceilingPerSecond: 40 });
    limiter.setShare(1);
    expect(limiter.stats).toMatchObject({ requestsPerSecond: 40, ceilingPerSecond: 120 });
    limiter.setTarget(50);
    expect(limiter.stats).toMatchObject({ requestsPerSecond: 50, ceilingPerSecond: 50 });
  });

  it('runs queued reads before queued writes', async () => {
    const limiter = new AdaptiveRateLimiter(200, { maxConcurrent: 1 });
    const order: string[] = [];
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const task = (name: string, wait?: Promise<void>) => async () => {
      order.push(name);
      await wait;
    };
    // The first write holds the only slot until everything else is queued.
    const done = [
      limiter.schedule(PRIORITY.write, task('write 1', gate)),
      limiter.schedule(PRIORITY.write, task('write 2')),
      limiter.schedule(PRIORITY.write, task('write 3')),
      limiter.schedule(PRIORITY.read, task('read')),
    ];
    while (limiter.queued < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    open();
    await Promise.all(done);
    expect(order).toEqual(['write 1', 'read', 'write 2', 'write 3']);
    expect(limiter.stats.requests).toBe(4);
    await limiter.stop();
  });
});
