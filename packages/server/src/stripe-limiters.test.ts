import { afterAll, expect, it } from 'vitest';
import { createDatabase, type Database } from './database';
import { migrateDatabase } from './migrations';
import { StripeLimiters } from './stripe-limiters';
import { createTestDatabase } from './test-support/harness';

const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

it('splits an account’s budget among the processes using it, and gives it back when one stops', async () => {
  const url = await createTestDatabase();
  const open = () => {
    const db = createDatabase({ url });
    opened.push(db);
    return db;
  };
  await migrateDatabase(open());
  // Two processes' limiters on one database: both busy with acct_shared, only the first with acct_alone.
  const first = new StripeLimiters({ maxRequestsPerSecond: 120 }, open());
  const second = new StripeLimiters({ maxRequestsPerSecond: 120 }, open());
  /** A burst of requests, more than the pace lets through at once. */
  const burst = (limiters: StripeLimiters, account: string) =>
    Promise.all(Array.from({ length: 4 }, () => limiters.get(account).schedule(3, async () => {})));
  await Promise.all([
    burst(first, 'acct_shared'),
    burst(first, 'acct_alone'),
    burst(second, 'acct_shared'),
  ]);
  // The odd call does not claim a share.
  await second.get('acct_alone').schedule(3, async () => {});
  for (const limiters of [first, second, first]) await limiters.shareBudget();
  expect(first.get('acct_shared').stats.ceilingPerSecond).toBe(60);
  expect(second.get('acct_shared').stats.ceilingPerSecond).toBe(60);
  expect(first.get('acct_alone').stats.ceilingPerSecond).toBe(120);
  expect(second.get('acct_alone').stats.ceilingPerSecond).toBe(120);

  await second.stop();
  await first.shareBudget();
  expect(first.get('acct_shared').stats.ceilingPerSecond).toBe(120);
  await first.stop();
});
