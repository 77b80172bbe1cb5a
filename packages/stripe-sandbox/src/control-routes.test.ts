import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, sdk } from './test-support';

let sandbox: StripeSandbox;

beforeAll(async () => {
  sandbox = await startStripeSandbox({ customers: 40, seed: 3, rateLimit: 25 });
});

afterAll(async () => {
  await sandbox.stop();
});

interface Summary {
  url: string;
  secretKey: string;
  defaultAccount: string;
  accounts: Array<{ id: string; customers: number; events: number }>;
  memory: { rss: number };
  config: { rateLimit: { global: { live: number; test: number }; endpoint: number } | false };
}

describe('control API', () => {
  it('describes the sandbox', async () => {
    const summary = await control<Summary>(sandbox, 'GET', '');
    expect(summary.url).toBe(sandbox.url);
    expect(summary.secretKey).toBe(sandbox.secretKey);
    expect(summary.defaultAccount).toBe(sandbox.accountId);
    expect(summary.accounts[0]?.customers).toBeGreaterThan(30);
    expect(summary.memory.rss).toBeGreaterThan(0);
    expect(summary.config.rateLimit).toMatchObject({
      global: { live: 25, test: 25 },
      endpoint: 25,
    });
  });

  it('mutates customers to simulate outside changes, each with its event', async () => {
    const stripe = sdk(sandbox);
    const before = new Map(
      (await stripe.customers.list({ limit: 100 })).data.map((c) => [c.id, c] as const),
    );
    const result = await control<{
      renamed: string[];
      emailChanged: string[];
      metadataChanged: string[];
      created: string[];
      deleted: string[];
    }>(sandbox, 'POST', '/mutate', {
      rename: 3,
      changeEmail: 2,
      changeMetadata: 2,
      create: 4,
      delete: 1,
    });
    expect(result.renamed).toHaveLength(3);
    expect(result.created).toHaveLength(4);
    for (const id of result.renamed) {
      const customer = await stripe.customers.retrieve(id);
      if (customer.deleted) continue;
      expect(customer.name).not.toBe(before.get(id)?.name);
    }
    const deleted = await stripe.customers.retrieve(result.deleted[0] ?? '');
    expect(deleted.deleted).toBe(true);
    const events = await stripe.events.list({ limit: 100 });
    const types = events.data.map((e) => e.type);
    expect(types.filter((t) => t === 'customer.created').length).toBeGreaterThanOrEqual(4);
    expect(types.filter((t) => t === 'customer.updated').length).toBeGreaterThanOrEqual(7);
    expect(types).toContain('customer.deleted');
    await expect(control(sandbox, 'POST', '/mutate', { rename: -1 })).rejects.toThrow(/400/);
  });

  it('counts requests per endpoint, including 429s, and resets the counts', async () => {
    await control(sandbox, 'DELETE', '/stats');
    await control(sandbox, 'PATCH', '/config', { rateLimit: 5 });
    const stripe = sdk(sandbox);
    await stripe.customers.create({ name: 'Counted' });
    await Promise.allSettled(Array.from({ length: 40 }, () => stripe.customers.list({ limit: 1 })));
    const stats = await control<{
      total: { requests: number; rateLimited: number; reads: number; writes: number };
      keys: Record<string, { requests: number }>;
      endpoints: Record<string, { requests: number; rateLimited: number }>;
      webhooks: { attempts: number };
    }>(sandbox, 'GET', '/stats');
    expect(stats.endpoints['GET /v1/customers']?.requests).toBe(40);
    expect(stats.endpoints['GET /v1/customers']?.rateLimited).toBeGreaterThan(0);
    expect(stats.total.requests).toBe(41);
    expect(stats.total.reads).toBe(40);
    expect(stats.total.writes).toBe(1);
    expect(stats.keys[sandbox.secretKey]?.requests).toBe(41);
    expect(stats.webhooks.attempts).toBe(0);
    const reset = await control<{ total: { requests: number } }>(sandbox, 'POST', '/stats/reset');
    expect(reset.total.requests).toBe(0);
  });

  it('seeds more customers, creates accounts and resets to the start state', async () => {
    sandbox.configure({ rateLimit: false });
    const seeded = await control<{ created: number }>(sandbox, 'POST', '/seed', {
      customers: 10,
      seed: 'more',
    });
    expect(seeded.created).toBe(10);
    const account = await control<{ accountId: string; secretKey: string }>(
      sandbox,
      'POST',
      '/accounts',
      {
        name: 'Tenant',
      },
    );
    expect(account.accountId).toMatch(/^acct_/);
    const firstKey = sandbox.secretKey;
    const reset = await control<{ accountId: string; secretKey: string; customers: number }>(
      sandbox,
      'POST',
      '/reset',
    );
    expect(reset.secretKey).toBe(firstKey);
    expect(reset.accountId).toBe(sandbox.accountId);
    const accounts = await control<unknown[]>(sandbox, 'GET', '/accounts');
    expect(accounts).toHaveLength(1);
    const fresh = await startStripeSandbox({ customers: 40, seed: 3 });
    try {
      expect(fresh.secretKey).toBe(sandbox.secretKey);
      const a = await sdk(fresh).customers.list({ limit: 100 });
      const b = await sdk(sandbox).customers.list({ limit: 100 });
      expect(b.data.map((c) => [c.id, c.name, c.email])).toEqual(
        a.data.map((c) => [c.id, c.name, c.email]),
      );
    } finally {
      await fresh.stop();
    }
  });

  it('answers unknown routes and bad JSON with errors', async () => {
    const missing = await fetch(`${sandbox.url}/_sandbox/nothing`);
    expect(missing.status).toBe(404);
    const bad = await fetch(`${sandbox.url}/_sandbox/config`, { method: 'PATCH', body: '{oops' });
    expect(bad.status).toBe(400);
    const badValue = await fetch(`${sandbox.url}/_sandbox/config`, {
      method: 'PATCH',
      body: JSON.stringify({ faults: { serverError: 2 } }),
    });
    expect(badValue.status).toBe(400);
    expect(((await badValue.json()) as { error: { message: string } }).error.message).toMatch(
      /0 to 1/,
    );
  });

  it('waits for webhook deliveries to settle', async () => {
    const idle = await control<{ idle: boolean }>(sandbox, 'GET', '/webhooks/idle?timeout=1000');
    expect(idle.idle).toBe(true);
    expect(await control<unknown[]>(sandbox, 'GET', '/webhooks/deliveries')).toEqual([]);
  });
});
