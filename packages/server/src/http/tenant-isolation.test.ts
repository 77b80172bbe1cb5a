import { createDefaultSyncConfig } from '@referkit/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';

let h: Harness;
let campaignId: string;
let referrerId: string;
let syncId: string;
let runId: string;

beforeAll(async () => {
  h = await createHarness({ sandbox: { customers: 15, seed: 'tenants' } });
  await h.connect('tenant-a');
  campaignId = await h.campaign('tenant-a', 'A only');
  const referrer = await h.api('POST', `/campaigns/${campaignId}/referrers`, {
    account: 'tenant-a',
    body: { firstName: 'Alice', email: 'alice@a.example' },
  });
  referrerId = referrer.body.referrer.id;
  const created = await h.api('POST', '/syncs', {
    account: 'tenant-a',
    body: { campaignId, config: createDefaultSyncConfig() },
  });
  const sync = await h.waitForSync(created.body.sync.id, 'tenant-a');
  syncId = sync.id;
  runId = sync.lastRun?.id as string;
});
afterAll(() => h?.close());

it("one tenant can neither read nor change another's data", async () => {
  const b = { account: 'tenant-b' };
  expect((await h.api('GET', '/campaigns', b)).body.campaigns).toEqual([]);
  expect((await h.api('GET', '/syncs', b)).body.syncs).toEqual([]);
  expect((await h.api('GET', '/integrations', b)).body.integrations[0].status).toBe(
    'not_connected',
  );
  expect((await h.api('GET', '/api-key', b)).body.apiKey).toBeNull();

  const reads = [
    `/campaigns/${campaignId}`,
    `/campaigns/${campaignId}/referrers`,
    `/syncs/${syncId}`,
    `/syncs/${syncId}/runs`,
    `/syncs/${syncId}/runs/${runId}/outcomes`,
    `/syncs?campaignId=${campaignId}`,
  ];
  for (const path of reads) {
    const result = await h.api('GET', path, b);
    if (path.startsWith('/syncs?')) expect(result.body.syncs).toEqual([]);
    else expect([path, result.status]).toEqual([path, 404]);
  }

  const writes: [string, string, unknown?][] = [
    ['POST', `/campaigns/${campaignId}/referrers`, { firstName: 'Bob', email: 'bob@b.example' }],
    ['DELETE', `/campaigns/${campaignId}/referrers/${referrerId}`],
    ['PATCH', `/syncs/${syncId}`, { paused: true }],
    ['POST', `/syncs/${syncId}/runs`],
    ['POST', `/syncs/${syncId}/cancel`],
    ['DELETE', `/syncs/${syncId}`],
    ['POST', '/syncs', { campaignId, config: createDefaultSyncConfig() }],
  ];
  await h.connect('tenant-b');
  for (const [method, path, body] of writes) {
    const result = await h.api(method, path, { ...b, ...(body ? { body } : {}) });
    expect([method, path, result.status]).toEqual([method, path, 404]);
  }
  const csv = await h.api(
    'POST',
    `/campaigns/${campaignId}/referrers/import?columns=firstName,email`,
    {
      ...b,
      rawBody: 'Bob,bob@b.example\n',
      headers: { 'content-type': 'text/csv' },
    },
  );
  expect(csv.status).toBe(404);

  // B's API key does not open A's campaign either.
  const key = (await h.api('POST', '/api-key', b)).body.secret;
  const viaKey = await h.api('POST', `/campaigns/${campaignId}/referrers`, {
    account: null,
    headers: { authorization: `Bearer ${key}` },
    body: { firstName: 'Bob', email: 'bob@b.example' },
  });
  expect(viaKey.status).toBe(404);

  // Disconnecting B leaves A connected; A's data is intact.
  await h.api('DELETE', '/integrations/stripe', b);
  expect(
    (await h.api('GET', '/integrations', { account: 'tenant-a' })).body.integrations[0].status,
  ).toBe('connected');
  const a = await h.api('GET', `/campaigns/${campaignId}/referrers?q=alice`, {
    account: 'tenant-a',
  });
  expect(a.body.referrers.map((r: { id: string }) => r.id)).toEqual([referrerId]);
  expect((await h.api('GET', `/syncs/${syncId}`, { account: 'tenant-a' })).body.sync.status).toBe(
    'completed',
  );
});

it('never puts a Stripe key in any response', () => {
  expect(h.responses.length).toBeGreaterThan(20);
  for (const text of h.responses) {
    expect(text).not.toContain(h.sandbox.secretKey);
    expect(text).not.toMatch(/\b[sr]k_(test|live)_[A-Za-z0-9]{8,}/);
  }
});
