import {
  createDefaultSyncConfig,
  previewNames,
  SYNC_OUTCOMES_CSV_HEADERS,
  type Sync,
  type SyncConfig,
  type SyncOutcome,
} from '@referkit/core';
import { parse } from 'csv-parse/sync';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncWorker } from './sync-worker';
import { createHarness, type Harness } from './test-support/harness';
import { toStripeRecord } from './to-stripe-record';

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
    const rows: string[][] = parse(await response.text(), { bom: true });
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
    const skippedRows: string[][] = parse(await filtered.text(), { bom: true });
    expect(skippedRows).toHaveLength(2);
    expect(skippedRows[1]?.[at('How to fix')]).toContain('Add a name to this customer in Stripe');

    const elsewhere = await h.api('GET', `/syncs/${sync.id}/runs/${runId}/outcomes.csv`, {
      account: 'acct-other',
    });
    expect(elsewhere.status).toBe(404);
  });
});
