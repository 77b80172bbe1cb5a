import {
  createDefaultSyncConfig,
  previewNames,
  readCsv,
  SYNC_OUTCOMES_CSV_HEADERS,
  type Sync,
  type SyncConfig,
  type SyncOutcome,
} from '@referkit/core';
import { signWebhookPayload } from '@referkit/stripe-sandbox';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncWorker } from '../engine/sync-worker';
import { toStripeRecord } from '../stripe/to-stripe-record';
import { createHarness, type Harness } from '../test-support/harness';

let h: Harness;
let worker: SyncWorker | null = null;
const startWorker = async () => {
  worker = await h.server.startWorker({ pollingIntervalSeconds: 0.5, schedule: false });
};
const stopWorker = async () => {
  await worker?.stop();
  worker = null;
};

beforeAll(async () => {
  h = await createHarness({ sandbox: { customers: 0 }, worker: false });
  await startWorker();
});
afterAll(async () => {
  await stopWorker();
  await h?.close();
});

const CONFIG: SyncConfig = {
  ...createDefaultSyncConfig(),
  returns: {
    referralLink: { kind: 'metadata', key: 'referral_link' },
    referralCode: { kind: 'field', field: 'description' },
    referralsCount: { kind: 'none' },
    convertedReferralsCount: { kind: 'none' },
  },
};

/** A fresh Stripe account with the given customers, connected for a new tenant. */
async function tenantWith(
  tenant: string,
  customers: Stripe.CustomerCreateParams[],
): Promise<{ stripe: Stripe; ids: string[]; key: string }> {
  const account = h.sandbox.createAccount({ name: tenant, customers: 0 });
  const stripe = h.stripe(account.secretKey);
  const ids: string[] = [];
  // One by one, oldest first: the sync lists newest first, so later ones are read first.
  for (const params of customers) ids.push((await stripe.customers.create(params)).id);
  await h.connect(tenant, account.secretKey);
  return { stripe, ids, key: account.secretKey };
}

async function createSync(tenant: string, config: SyncConfig): Promise<Sync> {
  const created = await h.api('POST', '/syncs', {
    account: tenant,
    body: { campaignId: await h.campaign(tenant), config },
  });
  expect(created.status, created.text).toBe(201);
  return h.waitForSync(created.body.sync.id, tenant);
}

async function referrersOf(campaignId: string) {
  const { rows } = await h.pool.query<{ external_id: string; first_name: string; email: string }>(
    'SELECT external_id, first_name, email FROM referkit.referrers WHERE campaign_id = $1',
    [campaignId],
  );
  return new Map(rows.map((row) => [row.external_id, row]));
}

describe('customers without a name, NUL characters and duplicate emails', () => {
  const tenant = 'acct-names';
  let ids: string[];
  let stripe: Stripe;
  let sync: Sync;

  beforeAll(async () => {
    ({ ids, stripe } = await tenantWith(tenant, [
      { name: 'Ann Lee', email: 'ann@example.com' },
      { name: '', email: 'bea.dunn@example.com' },
      { name: 'Jo\u0000hn', email: 'john@example.com' },
      { name: 'Carl Holder', email: 'carl@example.com' },
      { name: 'Carla Second', email: 'CARL@example.com' },
    ]));
    sync = await createSync(tenant, CONFIG);
  });

  it('skips them by default, each with its own reason, and the run completes', async () => {
    expect(sync.lastRun).toMatchObject({ status: 'completed', configVersion: 1 });
    expect(sync.configVersion).toBe(1);
    expect(sync.config.blankName).toBe('skip');
    const outcomes = await h.outcomes(sync.id, sync.lastRun?.id ?? '', tenant);
    const byId = new Map(outcomes.map((o) => [o.externalId, o]));
    expect(byId.get(ids[1] as string)).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'no_first_name',
    });
    expect(byId.get(ids[2] as string)).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'nul_character',
      name: 'John',
    });
    // Newest first: Carla is read before Carl, so Carl's is the duplicate of Carla's.
    const duplicate = outcomes.find((o) => o.reasonCode === 'duplicate_email');
    expect(duplicate?.externalId).toBe(ids[3]);
    expect(duplicate?.duplicateOf).toBe(ids[4]);
    expect(sync.lastRun?.skippedByReason).toEqual({
      no_first_name: 1,
      nul_character: 1,
      duplicate_email: 1,
    });
  });

  it('uses the email before @ after an edit that saves a new config version, applied by the next run', async () => {
    const unchanged = await h.api('PATCH', `/syncs/${sync.id}`, {
      account: tenant,
      body: { config: CONFIG },
    });
    expect(unchanged.body.sync.configVersion).toBe(1);
    const config = { ...CONFIG, blankName: 'email_local_part' as const };
    const edited = await h.api('PATCH', `/syncs/${sync.id}`, { account: tenant, body: { config } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.sync).toMatchObject({
      configVersion: 2,
      config: { blankName: 'email_local_part' },
    });

    const run = await h.api('POST', `/syncs/${sync.id}/runs`, { account: tenant });
    expect(run.status, run.text).toBe(202);
    expect(run.body.run.configVersion).toBe(2);
    const done = await h.waitForSync(sync.id, tenant);
    expect(done.lastRun).toMatchObject({
      id: run.body.run.id,
      status: 'completed',
      configVersion: 2,
    });
    const referrers = await referrersOf(sync.campaignId);
    expect(referrers.get(ids[1] as string)?.first_name).toBe('bea.dunn');
    expect(referrers.has(ids[2] as string)).toBe(false);

    // The preview runs the same rule over the same records: what it shows is what was stored.
    const records = (await stripe.customers.list({ limit: 100 })).data.map((c) =>
      toStripeRecord(c as unknown as Record<string, unknown>),
    );
    for (const row of previewNames(records, config, { limit: 100 })) {
      const stored = referrers.get(row.id)?.first_name;
      if (row.skip === null && stored) expect(stored).toBe(row.versions.v1);
    }
    const runs = await h.api('GET', `/syncs/${sync.id}/runs`, { account: tenant });
    expect(runs.body.runs.map((r: { configVersion: number }) => r.configVersion)).toEqual([2, 1]);
  });

  it('searches outcomes by email, case-insensitive, with the outcome filter', async () => {
    const runId = sync.lastRun?.id ?? '';
    const path = `/syncs/${sync.id}/runs/${runId}/outcomes`;
    const found = await h.api('GET', `${path}?q=CARL`, { account: tenant });
    expect(found.status).toBe(200);
    expect(found.body.outcomes.map((o: SyncOutcome) => o.externalId).sort()).toEqual(
      [ids[3], ids[4]].sort(),
    );
    const skipped = await h.api('GET', `${path}?q=carl&outcome=skipped`, { account: tenant });
    expect(skipped.body.outcomes.map((o: SyncOutcome) => o.externalId)).toEqual([ids[3]]);
    const literal = await h.api('GET', `${path}?q=%25`, { account: tenant });
    expect(literal.body.outcomes).toEqual([]);
    const paged = await h.api('GET', `${path}?q=example.com&limit=2`, { account: tenant });
    expect(paged.body.outcomes).toHaveLength(2);
    const rest = await h.api(
      'GET',
      `${path}?q=example.com&limit=5&cursor=${paged.body.nextCursor}`,
      {
        account: tenant,
      },
    );
    expect(rest.body.outcomes).toHaveLength(3);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('downloads a run as CSV with a header row and each skip reason in words', async () => {
    const runId = sync.lastRun?.id ?? '';
    const response = await h.server.handler(
      new Request(`http://referkit.test/syncs/${sync.id}/runs/${runId}/outcomes.csv`, {
        headers: { 'x-test-account': tenant },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const rows = readCsv(await response.text()).rows.map((row) => row.values);
    expect(rows[0]).toEqual([...SYNC_OUTCOMES_CSV_HEADERS]);
    expect(rows).toHaveLength(1 + 5);
    const at = (header: (typeof SYNC_OUTCOMES_CSV_HEADERS)[number]) =>
      SYNC_OUTCOMES_CSV_HEADERS.indexOf(header);
    const carl = rows.find((row) => row[at('Stripe ID')] === ids[3]);
    expect(carl?.[at('Reason code')]).toBe('duplicate_email');
    expect(carl?.[at('Reason')]).toBe(`Another customer (${ids[4]}) already has this email.`);
    expect(carl?.[at('Duplicate of')]).toBe(ids[4]);

    const filtered = await h.server.handler(
      new Request(
        `http://referkit.test/syncs/${sync.id}/runs/${runId}/outcomes.csv?outcome=skipped&q=bea`,
        { headers: { 'x-test-account': tenant } },
      ),
    );
    const skippedRows = readCsv(await filtered.text()).rows.map((row) => row.values);
    expect(skippedRows).toHaveLength(2);
    expect(skippedRows[1]?.[at('How to fix')]).toContain('Add a name to this customer in Stripe');

    const elsewhere = await h.api('GET', `/syncs/${sync.id}/runs/${runId}/outcomes.csv`, {
      account: 'acct-other',
    });
    expect(elsewhere.status).toBe(404);
  });
});

describe('Idempotency-Key on creates', () => {
  const tenant = 'acct-idem';
  beforeAll(async () => {
    await tenantWith(tenant, [
      { name: 'Dana Idem', email: 'dana@example.com' },
      { name: 'Eli Idem', email: 'eli@example.com' },
    ]);
  });

  const count = async (table: string) =>
    Number(
      (
        await h.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM referkit.${table} WHERE account_id = $1`,
          [tenant],
        )
      ).rows[0]?.n,
    );

  it('creates one campaign for five doubled requests, and answers each with it', async () => {
    const headers = { 'Idempotency-Key': 'campaign-click-1' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.api('POST', '/campaigns', { account: tenant, headers, body: { name: 'Doubled' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.campaign.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(await count('campaigns')).toBe(1);
  });

  it('refuses a referrer with a NUL character with its reason, not a server error', async () => {
    const campaignId = await h.campaign(tenant, 'NUL');
    const result = await h.api('POST', `/campaigns/${campaignId}/referrers`, {
      account: tenant,
      body: { firstName: 'A\u0000B', email: 'nul@example.com' },
    });
    expect(result.status).toBe(400);
    expect(result.body.error.fields.firstName).toContain('NUL character');
  });

  it('creates one sync (and one first run) for a doubled Start Sync', async () => {
    const campaignId = await h.campaign(tenant, 'Sync campaign');
    const body = { campaignId, config: CONFIG };
    const headers = { 'Idempotency-Key': 'start-sync-1' };
    const [a, b] = await Promise.all([
      h.api('POST', '/syncs', { account: tenant, headers, body }),
      h.api('POST', '/syncs', { account: tenant, headers, body }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.sync.id).toBe(b.body.sync.id);
    expect(await count('syncs')).toBe(1);
    await h.waitForSync(a.body.sync.id, tenant);
    expect(await count('sync_runs')).toBe(1);

    // A retry later still gets the first answer.
    const retry = await h.api('POST', '/syncs', { account: tenant, headers, body });
    expect(retry.body.sync.id).toBe(a.body.sync.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    // The same key with another request is refused; nothing is created.
    const other = await h.api('POST', '/syncs', {
      account: tenant,
      headers,
      body: { campaignId, config: { ...CONFIG, nameVersion: 'v2' } },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await count('syncs')).toBe(1);

    // Run now, doubled: one run.
    const runHeaders = { 'Idempotency-Key': 'run-now-1' };
    const runs = await Promise.all([
      h.api('POST', `/syncs/${a.body.sync.id}/runs`, { account: tenant, headers: runHeaders }),
      h.api('POST', `/syncs/${a.body.sync.id}/runs`, { account: tenant, headers: runHeaders }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([202, 202]);
    expect(runs[0]?.body.run.id).toBe(runs[1]?.body.run.id);
    await h.waitForSync(a.body.sync.id, tenant);
    expect(await count('sync_runs')).toBe(2);
  });

  it('adds one referrer for a doubled Add, where without a key the second is a duplicate', async () => {
    const campaignId = await h.campaign(tenant, 'Manual');
    const body = { firstName: 'Fay', email: 'fay@example.com' };
    const headers = { 'Idempotency-Key': 'add-fay' };
    const doubled = await Promise.all([
      h.api('POST', `/campaigns/${campaignId}/referrers`, { account: tenant, headers, body }),
      h.api('POST', `/campaigns/${campaignId}/referrers`, { account: tenant, headers, body }),
    ]);
    expect(doubled.map((d) => d.status)).toEqual([201, 201]);
    expect(doubled[0]?.body.referrer.id).toBe(doubled[1]?.body.referrer.id);
    const unkeyed = await h.api('POST', `/campaigns/${campaignId}/referrers`, {
      account: tenant,
      body,
    });
    expect(unkeyed.body.error.code).toBe('duplicate_email');
  });

  it('forgets a key once it expires', async () => {
    const headers = { 'Idempotency-Key': 'expiring' };
    const first = await h.api('POST', '/campaigns', {
      account: tenant,
      headers,
      body: { name: 'A' },
    });
    expect(first.status).toBe(201);
    await h.pool.query(
      "UPDATE referkit.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expiring'",
    );
    const reused = await h.api('POST', '/campaigns', {
      account: tenant,
      headers,
      body: { name: 'B' },
    });
    expect(reused.status).toBe(201);
    expect(reused.body.campaign.id).not.toBe(first.body.campaign.id);
    await h.pool.query(
      "UPDATE referkit.idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expiring'",
    );
    await h.tick();
    const left = await h.pool.query(
      "SELECT 1 FROM referkit.idempotency_keys WHERE key = 'expiring'",
    );
    expect(left.rowCount).toBe(0);
  });

  it('keeps keys per tenant, gives a failed request its key back, and refuses a malformed key', async () => {
    const headers = { 'Idempotency-Key': 'campaign-click-1' };
    const elsewhere = await h.api('POST', '/campaigns', {
      account: 'acct-idem-2',
      headers,
      body: { name: 'Doubled' },
    });
    expect(elsewhere.status).toBe(201);
    const mine = await h.api('GET', '/campaigns', { account: tenant });
    expect(mine.body.campaigns.map((c: { id: string }) => c.id)).not.toContain(
      elsewhere.body.campaign.id,
    );

    const failing = { 'Idempotency-Key': 'bad-then-good' };
    const bad = await h.api('POST', '/campaigns', { account: tenant, headers: failing, body: {} });
    expect(bad.status).toBe(400);
    const rows = await h.pool.query(
      'SELECT 1 FROM referkit.idempotency_keys WHERE account_id = $1 AND key = $2',
      [tenant, 'bad-then-good'],
    );
    expect(rows.rowCount).toBe(0);

    const malformed = await h.api('POST', '/campaigns', {
      account: tenant,
      headers: { 'Idempotency-Key': 'has space' },
      body: { name: 'X' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty('Idempotency-Key');
  });
});

describe('deleting a sync', () => {
  it('keeps its referrers and the links in Stripe by default', async () => {
    const tenant = 'acct-delete-keep';
    const { stripe, ids } = await tenantWith(tenant, [
      { name: 'Gus Keep', email: 'gus@example.com' },
    ]);
    const sync = await createSync(tenant, CONFIG);
    const deleted = await h.api('DELETE', `/syncs/${sync.id}`, { account: tenant });
    expect(deleted.status).toBe(204);
    expect((await h.api('GET', `/syncs/${sync.id}`, { account: tenant })).status).toBe(404);
    expect((await referrersOf(sync.campaignId)).has(ids[0] as string)).toBe(true);
    const customer = (await stripe.customers.retrieve(ids[0] as string)) as Stripe.Customer;
    expect(customer.metadata.referral_link).toMatch(/^https:\/\/ref\.example\.com\//);
  });

  it('with removeLinks, takes off Stripe only what it wrote, as a job whose progress the API shows', async () => {
    const tenant = 'acct-delete-remove';
    const { stripe, ids } = await tenantWith(tenant, [
      { name: 'Hal One', email: 'hal@example.com', metadata: { plan: 'pro' } },
      { name: 'Ivy Two', email: 'ivy@example.com' },
      { name: 'Jay Three', email: 'jay@example.com' },
      { name: '', email: 'noname@example.com' },
    ]);
    const sync = await createSync(tenant, CONFIG);
    expect(sync.lastRun?.counts).toMatchObject({ created: 3, writtenBack: 3 });
    // Someone changes Ivy's description afterwards; Jay is deleted in Stripe.
    await stripe.customers.update(ids[1] as string, { description: 'VIP, call first' });
    await stripe.customers.del(ids[2] as string);

    await stopWorker();
    const deleted = await h.api('DELETE', `/syncs/${sync.id}?removeLinks=true`, {
      account: tenant,
    });
    expect(deleted.status, deleted.text).toBe(204);
    const deleting = await h.api('GET', `/syncs/${sync.id}`, { account: tenant });
    expect(deleting.body.sync).toMatchObject({
      status: 'deleting',
      statusReason: null,
      statusCode: null,
      nextRunAt: null,
      currentRun: { trigger: 'delete', mode: 'remove_links', status: 'queued' },
    });
    const listed = await h.api('GET', `/syncs?campaignId=${sync.campaignId}`, { account: tenant });
    expect(listed.body.syncs[0].status).toBe('deleting');
    const blocked = await h.api('POST', `/syncs/${sync.id}/runs`, { account: tenant });
    expect(blocked.status).toBe(409);
    const edit = await h.api('PATCH', `/syncs/${sync.id}`, {
      account: tenant,
      body: { config: CONFIG },
    });
    expect(edit.status).toBe(409);

    // Stripe answers slowly, so the removal's progress can be read while it works.
    const { latency } = h.sandbox.config();
    h.sandbox.configure({ latency: 300 });
    await startWorker();
    let progress: Sync | null = null;
    for (;;) {
      const got = await h.api('GET', `/syncs/${sync.id}`, { account: tenant });
      if (got.status === 404) break;
      if (got.body.sync.currentRun?.counts.seen === 3) progress ??= got.body.sync;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    h.sandbox.configure({ latency });
    // Hal and Ivy have something to remove; Jay was deleted in Stripe.
    expect(progress?.currentRun).toMatchObject({
      mode: 'remove_links',
      status: 'running',
      counts: { seen: 3, updated: 2, skipped: 1 },
      // The total is known once the customers the sync wrote to are listed; the two removals
      // are planned write-backs that the write-back pipeline drains.
      progress: { recordsRead: 3, recordsTotal: 3, writeBacksPlanned: 2 },
    });
    expect(['reading', 'writing_back']).toContain(progress?.currentRun?.progress?.phase);
    expect(progress?.currentRun?.progress?.writeBacksDone).toBeLessThanOrEqual(2);
    expect((await h.api('GET', `/syncs/${sync.id}`, { account: tenant })).status).toBe(404);

    const hal = (await stripe.customers.retrieve(ids[0] as string)) as Stripe.Customer;
    expect(hal.metadata).toEqual({ plan: 'pro' });
    expect(hal.description).toBeFalsy();
    const ivy = (await stripe.customers.retrieve(ids[1] as string)) as Stripe.Customer;
    expect(ivy.metadata).toEqual({});
    expect(ivy.description).toBe('VIP, call first');
    // The referrers stay.
    const referrers = await referrersOf(sync.campaignId);
    expect([...referrers.keys()].sort()).toEqual([ids[0], ids[1], ids[2]].sort());
  });
});

describe('removing the links of a large sync', () => {
  it('cleans every customer across pages and runs', async () => {
    const tenant = 'acct-delete-many';
    const account = h.sandbox.createAccount({ name: tenant, customers: 230, seed: 'many' });
    await h.connect(tenant, account.secretKey);
    const stripe = h.stripe(account.secretKey);
    const sync = await createSync(tenant, { ...CONFIG, syncType: 'ongoing' });
    expect(sync.lastRun?.counts.writtenBack).toBeGreaterThan(100);
    // A second run with another mapping writes one more key, so the removal merges two runs' writes.
    const config = {
      ...CONFIG,
      syncType: 'ongoing' as const,
      returns: {
        ...CONFIG.returns,
        referralsCount: { kind: 'metadata' as const, key: 'referrals' },
      },
    };
    const edited = await h.api('PATCH', `/syncs/${sync.id}`, { account: tenant, body: { config } });
    expect(edited.status, edited.text).toBe(200);
    await h.api('POST', `/syncs/${sync.id}/runs`, { account: tenant });
    const second = await h.waitForSync(sync.id, tenant);
    expect(second.lastRun).toMatchObject({ configVersion: 2, status: 'completed' });
    const all = async () => {
      const customers: Stripe.Customer[] = [];
      for await (const c of stripe.customers.list({ limit: 100 })) customers.push(c);
      return customers;
    };
    const written = (await all()).filter((c) => c.metadata.referral_link);
    expect(written.length).toBe(sync.lastRun?.counts.writtenBack);
    expect(written.every((c) => c.metadata.referrals === '0')).toBe(true);
    const deleted = await h.api('DELETE', `/syncs/${sync.id}?removeLinks=true`, {
      account: tenant,
    });
    expect(deleted.status).toBe(204);
    await h.waitForSyncGone(sync.id, tenant);
    const after = await all();
    expect(after.filter((c) => c.metadata.referral_link || c.metadata.referrals)).toEqual([]);
    const codes = new Set(
      written.map((c) => c.metadata.referral_link?.split('/').at(-1)).filter(Boolean),
    );
    expect(after.filter((c) => c.description && codes.has(c.description))).toEqual([]);
    expect(
      Number(
        (
          await h.pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM referkit.referrers WHERE campaign_id = $1',
            [sync.campaignId],
          )
        ).rows[0]?.n,
      ),
    ).toBe(written.length);
  });
});

describe('deleting a sync while it runs', () => {
  it('cancels the run, then removes every link it had written', async () => {
    const tenant = 'acct-delete-running';
    const account = h.sandbox.createAccount({ name: tenant, customers: 150, seed: 'running' });
    await h.connect(tenant, account.secretKey);
    const stripe = h.stripe(account.secretKey);
    const { latency } = h.sandbox.config();
    h.sandbox.configure({ latency: 40 });
    let syncId = '';
    try {
      const created = await h.api('POST', '/syncs', {
        account: tenant,
        body: { campaignId: await h.campaign(tenant), config: CONFIG },
      });
      syncId = created.body.sync.id;
      // Wait until the first run has written some links back, then delete.
      for (;;) {
        const got = await h.api('GET', `/syncs/${syncId}`, { account: tenant });
        if ((got.body.sync.currentRun?.counts.writtenBack ?? 0) > 0) break;
        expect(got.body.sync.currentRun).not.toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const deleted = await h.api('DELETE', `/syncs/${syncId}?removeLinks=true`, {
        account: tenant,
      });
      expect(deleted.status).toBe(204);
      const deleting = await h.api('GET', `/syncs/${syncId}`, { account: tenant });
      // The run was still going (writes are paced): it stops, then hands over to the removal.
      expect(deleting.body.sync).toMatchObject({
        status: 'deleting',
        currentRun: { mode: 'full', trigger: 'initial' },
      });
    } finally {
      h.sandbox.configure({ latency });
    }
    await h.waitForSyncGone(syncId, tenant);
    const left: string[] = [];
    for await (const c of stripe.customers.list({ limit: 100 })) {
      if (c.metadata.referral_link) left.push(c.id);
    }
    expect(left).toEqual([]);
  });
});

describe('cancelling the removal of links', () => {
  it('leaves the sync deleting with why and what to do; deleting again finishes it', async () => {
    const tenant = 'acct-delete-cancel';
    const { stripe, ids } = await tenantWith(tenant, [{ name: 'Lou', email: 'lou@example.com' }]);
    const sync = await createSync(tenant, CONFIG);
    await stopWorker();
    try {
      await h.api('DELETE', `/syncs/${sync.id}?removeLinks=true`, { account: tenant });
      const cancelled = await h.api('POST', `/syncs/${sync.id}/cancel`, { account: tenant });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.sync).toMatchObject({
        status: 'deleting',
        statusCode: 'links_removal_failed',
        currentRun: null,
        lastRun: { mode: 'remove_links', status: 'cancelled' },
      });
      expect(cancelled.body.sync.statusReason).toContain('Delete the sync again');
      const again = await h.api('DELETE', `/syncs/${sync.id}?removeLinks=true`, {
        account: tenant,
      });
      expect(again.status).toBe(204);
      const retried = await h.api('GET', `/syncs/${sync.id}`, { account: tenant });
      expect(retried.body.sync).toMatchObject({
        statusCode: null,
        currentRun: { status: 'queued' },
      });
    } finally {
      await startWorker();
    }
    await h.waitForSyncGone(sync.id, tenant);
    const lou = (await stripe.customers.retrieve(ids[0] as string)) as Stripe.Customer;
    expect(lou.metadata).toEqual({});
  });
});

describe('a NUL character arriving in an ongoing sync', () => {
  let nulCustomer = '';
  let nulSyncId = '';
  it('skips the customer in an incremental run, which completes', async () => {
    const tenant = 'acct-nul-ongoing';
    const { stripe, ids } = await tenantWith(tenant, [
      { name: 'Max Ok', email: 'max@example.com' },
      { name: 'Nia Later', email: 'nia@example.com' },
    ]);
    const sync = await createSync(tenant, { ...CONFIG, syncType: 'ongoing' });
    expect(sync.lastRun).toMatchObject({ status: 'completed', counts: { created: 2 } });
    await stripe.customers.update(ids[1] as string, { name: 'Nia\u0000Later' });
    await stripe.customers.update(ids[0] as string, { name: 'Maxwell Renamed' });
    expect((await h.tick(sync.id)).started).toEqual([sync.id]);
    const done = await h.waitForSync(sync.id, tenant);
    expect(done.lastRun).toMatchObject({ mode: 'incremental', status: 'completed' });
    const outcomes = await h.outcomes(sync.id, done.lastRun?.id ?? '', tenant);
    const byId = new Map(outcomes.map((o) => [o.externalId, o]));
    expect(byId.get(ids[1] as string)).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'nul_character',
    });
    expect(byId.get(ids[0] as string)?.outcome).toBe('updated');
    nulCustomer = ids[1] as string;
    nulSyncId = sync.id;
  });

  it('takes in a webhook event carrying one, and its run reads that customer from Stripe', async () => {
    const tenant = 'acct-nul-ongoing';
    const secret = 'whsec_nul_test';
    await h.server.setStripeWebhookSecret(tenant, secret);
    const path = await h.server.stripeWebhookPath(tenant);
    const payload = JSON.stringify({
      id: 'evt_nul_1',
      object: 'event',
      type: 'customer.updated',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: nulCustomer,
          object: 'customer',
          name: 'Nia\u0000Later',
          email: 'nia@example.com',
          created: Math.floor(Date.now() / 1000) - 60,
        },
      },
    });
    const signature = signWebhookPayload(payload, secret, Math.floor(Date.now() / 1000));
    const response = await h.api('POST', path ?? '', {
      account: null,
      headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
      rawBody: payload,
    });
    expect(response.status, response.text).toBe(200);
    const stored = await h.pool.query(
      "SELECT payload->'data'->'object'->>'name' AS name FROM referkit.stripe_webhook_events WHERE event_id = 'evt_nul_1'",
    );
    expect(stored.rows[0]?.name).toBe('Nia\uFFFDLater');
    // The webhook's run takes the customer as Stripe has it (with U+0000), not the altered copy.
    const done = await h.waitForSync(nulSyncId, tenant);
    expect(done.lastRun).toMatchObject({ trigger: 'webhook', status: 'completed' });
    const outcomes = await h.outcomes(nulSyncId, done.lastRun?.id ?? '', tenant);
    expect(outcomes.find((o) => o.externalId === nulCustomer)).toMatchObject({
      outcome: 'skipped',
      reasonCode: 'nul_character',
    });
  });
});

describe('a failing sync', () => {
  it('says why with a code: the key refused, then Stripe disconnected', async () => {
    const tenant = 'acct-failing';
    const { key } = await tenantWith(tenant, [{ name: 'Kim Fail', email: 'kim@example.com' }]);
    const sync = await createSync(tenant, CONFIG);
    expect(sync).toMatchObject({ status: 'completed', statusCode: null });
    h.sandbox.revokeKey(key);
    const run = await h.api('POST', `/syncs/${sync.id}/runs`, { account: tenant });
    expect(run.status).toBe(202);
    const failing = await h.waitForSync(sync.id, tenant);
    expect(failing).toMatchObject({ status: 'failing', statusCode: 'stripe_connection_error' });
    expect(failing.statusReason).toContain('Reconnect Stripe');
    expect((await h.api('DELETE', '/integrations/stripe', { account: tenant })).status).toBe(204);
    const disconnected = await h.api('GET', `/syncs/${sync.id}`, { account: tenant });
    expect(disconnected.body.sync).toMatchObject({
      status: 'failing',
      statusCode: 'stripe_not_connected',
    });
  });
});

describe('the OpenAPI document', () => {
  it('describes the CSV download, the outcome search, removeLinks and Idempotency-Key', async () => {
    const { body } = await h.api('GET', '/openapi.json', { account: null });
    const outcomes = '/syncs/{syncId}/runs/{runId}/outcomes';
    const names = (operation: { parameters: { name: string; in: string }[] }) =>
      operation.parameters.map((p) => `${p.in}:${p.name}`);
    expect(names(body.paths[outcomes].get)).toContain('query:q');
    const csv = body.paths[`${outcomes}.csv`].get;
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    expect(names(csv)).toEqual(['path:syncId', 'path:runId', 'query:outcome', 'query:q']);
    expect(names(body.paths['/syncs/{syncId}'].delete)).toContain('query:removeLinks');
    for (const [path, method] of [
      ['/syncs', 'post'],
      ['/campaigns', 'post'],
      ['/campaigns/{campaignId}/referrers', 'post'],
      ['/syncs/{syncId}/runs', 'post'],
    ] as const) {
      expect(names(body.paths[path][method])).toContain('header:Idempotency-Key');
    }
    expect(names(body.paths['/syncs/{syncId}'].patch)).not.toContain('header:Idempotency-Key');
  });
});
