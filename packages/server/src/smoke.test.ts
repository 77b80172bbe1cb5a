import { createDefaultSyncConfig } from '@referkit/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from './test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sandbox: { customers: 120 } });
});
afterAll(() => h?.close());

it('smoke', async () => {
  await h.connect();
  const campaignId = await h.campaign();
  const created = await h.api('POST', '/syncs', { body: { campaignId, config: createDefaultSyncConfig() } });
  console.log(created.status, created.text.slice(0, 300));
  const sync = await h.waitForSync(created.body.sync.id);
  console.log(JSON.stringify(sync.lastRun, null, 1));
  console.log(JSON.stringify(h.sandbox.stats()).slice(0, 800));
  expect(sync.lastRun?.status).toBe('completed');
});
