import { createDefaultSyncConfig, formatName, type Sync, type SyncConfig } from '@referkit/core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferrerRow } from '../store/referrer-store';
import { createHarness, type Harness } from '../test-support/harness';

/** A schedule that never comes round during the tests: each test says when a run starts. */
const YEARLY = { kind: 'cron', expression: '0 0 1 1 *' } as const;
const CONFIG: SyncConfig = {
  ...createDefaultSyncConfig(),
  syncType: 'ongoing',
  schedule: YEARLY,
  returns: {
    ...createDefaultSyncConfig().returns,
    referralsCount: { kind: 'metadata', key: 'referrals_count' },
  },
};
const NEXT_NEW_YEAR = `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`;

let h: Harness;
let stripe: Stripe;
let sync: Sync;
let campaignId: string;
/** Customers the first run made referrers of, in the order it met them. */
let synced: string[];

beforeAll(async () => {
  h = await createHarness({ sandbox: { customers: 40, seed: 'ongoing' } });
  stripe = h.stripe();
  await h.connect();
  campaignId = await h.campaign();
  const created = await h.api('POST', '/syncs', { body: { campaignId, config: CONFIG } });
  expect(created.status, created.text).toBe(201);
  sync = await h.waitForSync(created.body.sync.id);
  const first = await h.outcomes(sync.id, sync.lastRun?.id as string);
  synced = first.filter((o) => o.outcome === 'created').map((o) => o.externalId);
});
afterAll(() => h?.close());

async function referrerOf(customerId: string): Promise<ReferrerRow | undefined> {
  const { rows } = await h.pool.query<ReferrerRow>(
    'SELECT * FROM referkit.referrers WHERE campaign_id = $1 AND external_id = $2',
    [campaignId, customerId],
  );
  return rows[0];
}

/** Makes the sync due, runs one tick of the scheduler and waits for the run it started. */
async function scheduledRun(): Promise<NonNullable<Sync['lastRun']>> {
  const tick = await h.tick(sync.id);
  expect(tick.started).toEqual([sync.id]);
  const done = await h.waitForSync(sync.id);
  return done.lastRun as NonNullable<Sync['lastRun']>;
}

/** Stripe requests since the last `resetStats`, by kind. */
function requests() {
  const { endpoints, total } = h.sandbox.stats();
  const count = (endpoint: string) => endpoints[endpoint]?.requests ?? 0;
  return {
    events: count('GET /v1/events'),
    fetched: count('GET /v1/customers/:id'),
    written: count('POST /v1/customers/:id'),
    listed: count('GET /v1/customers'),
    total: total.requests,
  };
}

it('schedules from its cron in UTC, recomputed when the schedule changes, with one pg-boss schedule', async () => {
  expect(sync.lastRun).toMatchObject({ trigger: 'initial', mode: 'full', status: 'completed' });
  expect(sync).toMatchObject({ status: 'active', nextRunAt: NEXT_NEW_YEAR });

  const quarterly = await h.api('PATCH', `/syncs/${sync.id}`, {
    body: { config: { ...CONFIG, schedule: { kind: 'preset', preset: 'every_15_minutes' } } },
  });
  const next = new Date(quarterly.body.sync.nextRunAt);
  expect(next.getTime()).toBeGreaterThan(Date.now());
  expect(next.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
  expect([next.getUTCMinutes() % 15, next.getUTCSeconds()]).toEqual([0, 0]);

  const back = await h.api('PATCH', `/syncs/${sync.id}`, { body: { config: CONFIG } });
  expect(back.body.sync.nextRunAt).toBe(NEXT_NEW_YEAR);
  // Only the schedule changed: the sync still knows where Stripe's events were.
  const { rows } = await h.pool.query(
    'SELECT events_cursor_created IS NOT NULL AS has_cursor FROM referkit.syncs WHERE id = $1',
    [sync.id],
  );
  expect(rows[0].has_cursor).toBe(true);
  // A cron of the right shape whose date never comes (31 February) is refused, saying why.
  const never = await h.api('POST', '/syncs', {
    body: {
      campaignId,
      config: { ...CONFIG, schedule: { kind: 'cron', expression: '0 0 31 2 *' } },
    },
  });
  expect(never.status).toBe(400);
  expect(never.body.error.issues).toMatchObject([{ code: 'schedule_invalid' }]);
  const schedules = await h.pool.query('SELECT name, cron, timezone FROM pgboss.schedule');
  expect(schedules.rows).toEqual([
    { name: 'referkit-sync-tick', cron: '* * * * *', timezone: 'UTC' },
  ]);
});

it('follows creates, name changes, email changes and deletes, costing what changed', async () => {
  const [renamed, renamedTwice, emailChanged, deleted] = synced as [string, string, string, string];
  const before = {
    emailChanged: (await referrerOf(emailChanged)) as ReferrerRow,
    deleted: (await referrerOf(deleted)) as ReferrerRow,
  };
  await stripe.customers.update(renamed, { name: 'Quinn Fairweather' });
  await stripe.customers.update(renamedTwice, { name: 'Otto First' });
  await stripe.customers.update(renamedTwice, { name: 'Ada Second' });
  await stripe.customers.update(emailChanged, { email: 'moved.elsewhere@example.com' });
  await stripe.customers.del(deleted);
  const added = await stripe.customers.create({
    name: 'Nora Newcomer',
    email: 'nora.newcomer@example.com',
  });
  h.sandbox.resetStats();

  const run = await scheduledRun();
  // One page of events (they carry each customer as it was: nothing to fetch), and one
  // write-back: the new customer's link.
  expect(requests()).toEqual({ events: 1, fetched: 0, written: 1, listed: 0, total: 2 });
  expect(run).toMatchObject({ trigger: 'schedule', mode: 'incremental', status: 'completed' });
  expect(run.counts).toEqual({
    seen: 5,
    created: 1,
    updated: 2,
    unchanged: 1,
    skipped: 1,
    failed: 0,
    writtenBack: 1,
  });
  const outcomes = new Map((await h.outcomes(sync.id, run.id)).map((o) => [o.externalId, o]));
  expect([...outcomes.keys()].sort()).toEqual(
    [renamed, renamedTwice, emailChanged, deleted, added.id].sort(),
  );

  expect(outcomes.get(renamed)).toMatchObject({ outcome: 'updated', writtenBack: false });
  expect((await referrerOf(renamed))?.first_name).toBe('Quinn');
  expect((await referrerOf(renamedTwice))?.first_name).toBe('Ada');

  // A changed email does not move the referrer: it keeps its email and link, and the outcome says so.
  expect(outcomes.get(emailChanged)).toMatchObject({
    outcome: 'unchanged',
    reasonCode: 'email_changed',
    referrerId: before.emailChanged.id,
  });
  expect(outcomes.get(emailChanged)?.message).toContain('moved.elsewhere@example.com');
  expect(await referrerOf(emailChanged)).toMatchObject({
    email: before.emailChanged.email,
    referral_link: before.emailChanged.referral_link,
  });
  const moved = await h.pool.query(
    "SELECT count(*)::int AS n FROM referkit.referrers WHERE email_key = 'moved.elsewhere@example.com'",
  );
  expect(moved.rows[0].n).toBe(0);

  // A deleted customer keeps its referrer.
  expect(outcomes.get(deleted)).toMatchObject({
    outcome: 'skipped',
    reasonCode: 'deleted',
    referrerId: before.deleted.id,
  });
  expect((await referrerOf(deleted))?.referral_link).toBe(before.deleted.referral_link);

  // A new customer becomes a referrer, and gets its link.
  expect(outcomes.get(added.id)).toMatchObject({ outcome: 'created', writtenBack: true });
  const link = (await referrerOf(added.id))?.referral_link;
  expect((await stripe.customers.retrieve(added.id)) as Stripe.Customer).toMatchObject({
    metadata: { referral_link: link },
  });
});

it('takes the echo of its own write-back for what it is: no fetch, no write', async () => {
  const [echo] = (await stripe.events.list({ type: 'customer.updated', limit: 1 })).data;
  expect(echo?.data.previous_attributes).toEqual({
    metadata: { referral_link: null, referrals_count: null },
  });
  h.sandbox.resetStats();
  const run = await scheduledRun();
  expect(run).toMatchObject({ mode: 'incremental', status: 'completed' });
  expect(run.counts.seen).toBe(0);
  expect(requests()).toEqual({ events: 1, fetched: 0, written: 0, listed: 0, total: 1 });
});

it('writes a referrer’s counts back when they change', async () => {
  const customer = synced[0] as string;
  const referrer = (await referrerOf(customer)) as ReferrerRow;
  const counts = { accountId: 'acct-a', referrerId: referrer.id, referralsCount: 3 };
  expect(await h.server.setReferralCounts(counts)).toBe(true);
  expect(await h.server.setReferralCounts({ ...counts, accountId: 'acct-other' })).toBe(false);
  await expect(h.server.setReferralCounts({ ...counts, referralsCount: -1 })).rejects.toThrow(
    'whole numbers',
  );
  h.sandbox.resetStats();
  const run = await scheduledRun();
  expect(requests()).toEqual({ events: 1, fetched: 1, written: 1, listed: 0, total: 3 });
  expect(await h.outcomes(sync.id, run.id)).toMatchObject([
    { externalId: customer, outcome: 'unchanged', writtenBack: true },
  ]);
  const written = (await stripe.customers.retrieve(customer)) as Stripe.Customer;
  expect(written.metadata.referrals_count).toBe('3');
});

it('pauses and resumes: a paused sync is not scheduled, and resuming catches up', async () => {
  const runsBefore = (await h.api('GET', `/syncs/${sync.id}/runs`)).body.runs.length;
  const paused = await h.api('PATCH', `/syncs/${sync.id}`, { body: { paused: true } });
  expect(paused.body.sync).toMatchObject({ status: 'paused', nextRunAt: null });
  const customer = synced[0] as string;
  await stripe.customers.update(customer, { name: 'Paula Paused' });
  expect((await h.tick(sync.id)).started).toEqual([]);
  expect((await h.api('GET', `/syncs/${sync.id}/runs`)).body.runs).toHaveLength(runsBefore);

  const resumed = await h.api('PATCH', `/syncs/${sync.id}`, { body: { paused: false } });
  expect(resumed.body.sync).toMatchObject({
    status: 'active',
    statusReason: null,
    nextRunAt: NEXT_NEW_YEAR,
  });
  const run = await scheduledRun();
  expect(await h.outcomes(sync.id, run.id)).toMatchObject([
    { externalId: customer, outcome: 'updated' },
  ]);
  expect((await referrerOf(customer))?.first_name).toBe('Paula');
});

describe('a revoked key', () => {
  it('marks the sync failing with why, and it recovers after reconnecting', async () => {
    const account = h.sandbox.createAccount({ customers: 8, seed: 'revoked' });
    const key = h.sandbox.createRestrictedKey({
      account: account.accountId,
      permissions: { customers: 'write', events: 'read' },
    }).secret;
    const tenant = 'acct-revoked';
    await h.connect(tenant, key);
    const created = await h.api('POST', '/syncs', {
      account: tenant,
      body: { campaignId: await h.campaign(tenant), config: CONFIG },
    });
    const syncId = created.body.sync.id as string;
    expect((await h.waitForSync(syncId, tenant)).lastRun?.status).toBe('completed');

    h.sandbox.revokeKey(key);
    expect((await h.tick(syncId)).started).toEqual([syncId]);
    const failing = await h.waitForSync(syncId, tenant);
    expect(failing.lastRun).toMatchObject({ status: 'failed' });
    expect(failing.status).toBe('failing');
    expect(failing.statusReason).toContain('it may have been revoked');
    expect(failing.statusReason).toContain('Reconnect Stripe');
    const listed = await h.api('GET', '/integrations', { account: tenant });
    expect(listed.body.integrations[0]).toMatchObject({
      status: 'error',
      error: failing.statusReason,
    });
    // While Stripe refuses the key, ticks start nothing (and ask Stripe nothing).
    expect((await h.tick(syncId)).started).toEqual([]);

    await h.connect(tenant, account.secretKey);
    const reconnected = await h.api('GET', `/syncs/${syncId}`, { account: tenant });
    expect(reconnected.body.sync).toMatchObject({ status: 'active', statusReason: null });
    expect(Date.parse(reconnected.body.sync.nextRunAt)).toBeLessThanOrEqual(Date.now());
    expect((await h.tick()).started).toEqual([syncId]);
    const recovered = await h.waitForSync(syncId, tenant);
    expect(recovered).toMatchObject({ status: 'active', lastRun: { status: 'completed' } });
  });
});

describe('when Stripe no longer has the events since the last run', () => {
  it('reads every customer instead and says so; then incremental again', async () => {
    h.sandbox.advanceClock(31 * 24 * 3600);
    const customer = synced[1] as string;
    await stripe.customers.update(customer, { name: 'Olga Later' });
    h.sandbox.resetStats();
    const run = await scheduledRun();
    expect(run).toMatchObject({ mode: 'full', status: 'completed' });
    expect(run.note).toContain('30 days');
    expect(requests().listed).toBeGreaterThan(0);
    expect((await referrerOf(customer))?.first_name).toBe('Olga');
    expect((await scheduledRun()).mode).toBe('incremental');
  });

  it('a new mapping makes the next run read everything again', async () => {
    const changed = await h.api('PATCH', `/syncs/${sync.id}`, {
      body: { config: { ...CONFIG, nameVersion: 'v2' } },
    });
    expect(changed.status).toBe(200);
    const run = await scheduledRun();
    expect(run.mode).toBe('full');
    // V2: first two words, for every referrer, not just the changed ones.
    expect((await referrerOf(synced[1] as string))?.first_name).toBe(
      formatName('Olga Later', 'v2'),
    );
  });
});
