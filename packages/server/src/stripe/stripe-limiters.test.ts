import { afterAll, expect, it } from 'vitest';
import { createDatabase, type Database } from '../store/database';
import { migrateDatabase } from '../store/migrations';
import { createTestDatabase } from '../test-support/harness';
import { ENDPOINT } from './account-limiter';
import { StripeLimiters } from './stripe-limiters';

const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

it('starts each account at its documented budget for the key’s mode', async () => {
  const limiters = new StripeLimiters();
  const live = limiters.get('acct_live', 'live');
  expect(live.stats.global.requestsPerSecond).toBe(50);
  expect(live.endpoint(ENDPOINT.updateCustomer).stats.requestsPerSecond).toBe(20);
  expect(live.endpoint('GET /v1/customers/search').stats.requestsPerSecond).toBe(16);
  const test = limiters.get('acct_test', 'test');
  expect(test.stats.global.requestsPerSecond).toBe(12.5);
  expect(test.pace(ENDPOINT.updateCustomer)).toBe(12.5);
  // A host's explicit numbers win over shares; a bad share fails at once.
  const explicit = new StripeLimiters({ budget: { globalPerSecond: 30, endpointShare: 0.5 } });
  expect(explicit.get('acct', 'live').pace(ENDPOINT.listCustomers)).toBe(12.5);
  expect(() => new StripeLimiters({ budget: { globalShare: 1.5 } })).toThrow(/globalShare/);
  await Promise.all([limiters.stop(), explicit.stop()]);
});

it('splits each layer of an account’s budget among the processes using it, and gives it back when one stops', async () => {
  const url = await createTestDatabase();
  const open = () => {
    const db = createDatabase({ url });
    opened.push(db);
    return db;
  };
  await migrateDatabase(open());
  const budget = { globalPerSecond: 120, endpointPerSecond: 60 };
  // Two processes' limiters on one database: both writing to acct_shared, only the first to acct_alone.
  const first = new StripeLimiters({ budget }, open());
  const second = new StripeLimiters({ budget }, open());
  /** A burst of requests, more than the pace lets through at once. */
  const burst = (limiters: StripeLimiters, account: string, endpoint: string) =>
    Promise.all(
      Array.from({ length: 4 }, () =>
        limiters.get(account, 'live').schedule(endpoint, 3, async () => {}),
      ),
    );
  await Promise.all([
    burst(first, 'acct_shared', ENDPOINT.updateCustomer),
    burst(first, 'acct_alone', ENDPOINT.updateCustomer),
    burst(second, 'acct_shared', ENDPOINT.updateCustomer),
  ]);
  // The odd call does not claim a share.
  await second.get('acct_alone', 'live').schedule(ENDPOINT.listCustomers, 3, async () => {});
  for (const limiters of [first, second, first]) await limiters.shareBudget();
  const ceiling = (limiters: StripeLimiters, account: string) =>
    limiters.get(account).endpoint(ENDPOINT.updateCustomer).stats.ceilingPerSecond;
  expect(ceiling(first, 'acct_shared')).toBe(30);
  expect(ceiling(second, 'acct_shared')).toBe(30);
  expect(ceiling(first, 'acct_alone')).toBe(60);
  expect(ceiling(second, 'acct_alone')).toBe(60);
  // Layers nobody else is busy with stay whole.
  expect(first.get('acct_shared').endpoint(ENDPOINT.listCustomers).stats.ceilingPerSecond).toBe(60);

  await second.stop();
  await first.shareBudget();
  expect(ceiling(first, 'acct_shared')).toBe(60);
  await first.stop();
});
