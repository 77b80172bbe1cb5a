import {
  createDefaultSyncConfig,
  normalizeEmail,
  type Sync,
  type SyncConfig,
  type SyncOutcome,
  toReferrerDraft,
} from '@referkit/core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferrersCreatedEvent } from '../server-options';
import { createHarness, type Harness } from '../test-support/harness';

let h: Harness;
const announced: ReferrersCreatedEvent[] = [];
beforeAll(async () => {
  h = await createHarness({
    sandbox: { customers: 260, seed: 'engine' },
    server: { onReferrersCreated: (event) => void announced.push(event) },
  });
  await h.connect();
});
afterAll(() => h?.close());

async function allCustomers(stripe: Stripe): Promise<Stripe.Customer[]> {
  const customers: Stripe.Customer[] = [];
  for await (const customer of stripe.customers.list({ limit: 100 })) customers.push(customer);
  return customers;
}

async function outcomesOf(
  syncId: string,
  runId: string,
  account = 'acct-a',
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=97${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await h.api('GET', `/syncs/${syncId}/runs/${runId}/outcomes${query}`, { account });
    outcomes.push(...page.body.outcomes);
    cursor = page.body.nextCursor;
  } while (cursor);
  return outcomes;
}

async function referrersOf(campaignId: string) {
  const { rows } = await h.pool.query(
    'SELECT * FROM referkit.referrers WHERE campaign_id = $1 ORDER BY seq',
    [campaignId],
  );
  return rows as {
    id: string;
    email_key: string;
    external_id: string | null;
    referral_link: string;
    referral_code: string;
    first_name: string;
  }[];
}

async function startSync(
  campaignId: string,
  config: SyncConfig,
  account = 'acct-a',
): Promise<Sync> {
  const created = await h.api('POST', '/syncs', { account, body: { campaignId, config } });
  expect(created.status, created.text).toBe(201);
  return h.waitForSync(created.body.sync.id, account);
}

describe('a one-time sync', () => {
  const config: SyncConfig = {
    ...createDefaultSyncConfig(),
    returns: {
      referralLink: { kind: 'metadata', key: 'referral_link' },
      referralCode: { kind: 'field', field: 'description' },
      referralsCount: { kind: 'none' },
      convertedReferralsCount: { kind: 'metadata', key: 'converted_referrals' },
    },
  };
  let campaignId: string;
  let sync: Sync;
  let before: Stripe.Customer[];
  let manualLink: string;

  beforeAll(async () => {
    before = await allCustomers(h.stripe());
    campaignId = await h.campaign();
    // Someone already in the campaign, who is also a Stripe customer: kept, link unchanged.
    const existing = before.find(
      (c) => c.email && c.name?.trim() && toReferrerDraft(c as never, config).ok,
    ) as Stripe.Customer;
    const manual = await h.api('POST', `/campaigns/${campaignId}/referrers`, {
      body: { firstName: 'Manual', email: existing.email },
    });
    manualLink = manual.body.referrer.referralLink;
    sync = await startSync(campaignId, config);
  });

  it('completes with one outcome per customer and counts that add up', async () => {
    const run = sync.lastRun;
    expect(run?.status).toBe('completed');
    expect(sync.status).toBe('completed');
    const outcomes = await outcomesOf(sync.id, run?.id as string);
    expect(outcomes.map((o) => o.externalId).sort()).toEqual(before.map((c) => c.id).sort());
    const tally = (kind: string) => outcomes.filter((o) => o.outcome === kind).length;
    expect(run?.counts).toEqual({
      seen: before.length,
      created: tally('created'),
      updated: tally('updated'),
      unchanged: tally('unchanged'),
      skipped: tally('skipped'),
      failed: 0,
      writtenBack: outcomes.filter((o) => o.writtenBack).length,
    });
    expect(tally('created')).toBeGreaterThan(100);
    const byReason: Record<string, number> = {};
    for (const o of outcomes.filter((o) => o.outcome === 'skipped')) {
      byReason[o.reasonCode as string] = (byReason[o.reasonCode as string] ?? 0) + 1;
    }
    expect(run?.skippedByReason).toEqual(byReason);
  });

  it('skips customers with no email, blank names and duplicated emails, with reasons', async () => {
    const outcomes = await outcomesOf(sync.id, sync.lastRun?.id as string);
    const byId = new Map(outcomes.map((o) => [o.externalId, o]));
    const reasons = new Set(
      outcomes.filter((o) => o.outcome === 'skipped').map((o) => o.reasonCode),
    );
    expect(reasons).toEqual(new Set(['no_email', 'no_first_name', 'duplicate_email']));
    for (const customer of before) {
      const outcome = byId.get(customer.id) as SyncOutcome;
      const draft = toReferrerDraft(customer as never, config);
      if (!draft.ok) {
        expect(outcome).toMatchObject({
          outcome: 'skipped',
          reasonCode: draft.skip.code,
          writtenBack: false,
        });
        expect(outcome.message).toBeTruthy();
      } else if (outcome.outcome === 'skipped') {
        expect(outcome.reasonCode).toBe('duplicate_email');
        // Another customer with the same email owns the referrer.
        const owner = before.find(
          (c) =>
            c.id !== customer.id &&
            c.email &&
            normalizeEmail(c.email) === draft.draft.emailKey &&
            byId.get(c.id)?.outcome !== 'skipped',
        );
        expect(owner).toBeDefined();
      }
    }
  });

  it('creates one referrer per email, owned by one customer, with the link written back', async () => {
    const referrers = await referrersOf(campaignId);
    expect(new Set(referrers.map((r) => r.email_key)).size).toBe(referrers.length);
    const after = new Map((await allCustomers(h.stripe())).map((c) => [c.id, c]));
    const synced = referrers.filter((r) => r.external_id);
    expect(synced.length).toBe(referrers.length);
    for (const referrer of synced) {
      const customer = after.get(referrer.external_id as string) as Stripe.Customer;
      // Standard field, metadata key, and Do Not Send.
      expect(customer.metadata.referral_link).toBe(referrer.referral_link);
      expect(customer.description).toBe(referrer.referral_code);
      expect(customer.metadata.converted_referrals).toBe('0');
      expect(customer.metadata).not.toHaveProperty('referrals_count');
      expect(normalizeEmail(customer.email as string)).toBe(referrer.email_key);
    }
    // Skipped customers were not written to, and other metadata stayed.
    const outcomes = await outcomesOf(sync.id, sync.lastRun?.id as string);
    for (const outcome of outcomes.filter((o) => o.outcome === 'skipped')) {
      const was = before.find((c) => c.id === outcome.externalId) as Stripe.Customer;
      expect(after.get(outcome.externalId)?.metadata).toEqual(was.metadata);
    }
  });

  it('keeps an existing referrer and its link', async () => {
    const referrers = await referrersOf(campaignId);
    const manual = referrers.find((r) => r.referral_link === manualLink);
    expect(manual?.external_id).toBeTruthy();
    const customer = await h.stripe().customers.retrieve(manual?.external_id as string);
    expect((customer as Stripe.Customer).metadata.referral_link).toBe(manualLink);
  });

  it('announces no synced referrer to the host (no welcome email)', () => {
    expect(announced.map((event) => [event.source, event.referrers.length])).toEqual([
      ['manual', 1],
    ]);
  });

  it('makes no write on an unchanged re-run', async () => {
    h.sandbox.resetStats();
    const run = await h.api('POST', `/syncs/${sync.id}/runs`);
    expect(run.status).toBe(202);
    expect(run.body.run).toMatchObject({ trigger: 'manual', status: 'queued' });
    const again = await h.waitForSync(sync.id);
    const stats = h.sandbox.stats();
    expect(stats.endpoints['POST /v1/customers/:id']?.requests ?? 0).toBe(0);
    expect(again.lastRun?.counts).toMatchObject({
      seen: before.length,
      created: 0,
      failed: 0,
      writtenBack: 0,
      skipped: sync.lastRun?.counts.skipped,
    });
    const runs = await h.api('GET', `/syncs/${sync.id}/runs`);
    expect(runs.body.runs.map((r: { trigger: string }) => r.trigger)).toEqual([
      'manual',
      'initial',
    ]);
  });

  it('filters a run’s outcomes', async () => {
    const skipped = await h.api(
      'GET',
      `/syncs/${sync.id}/runs/${sync.lastRun?.id}/outcomes?outcome=skipped&limit=500`,
    );
    expect(skipped.body.outcomes.length).toBe(sync.lastRun?.counts.skipped);
    expect(skipped.body.outcomes.every((o: SyncOutcome) => o.outcome === 'skipped')).toBe(true);
    expect((await h.api('GET', `/syncs/${sync.id}/runs/run_nope/outcomes`)).status).toBe(404);
  });
});

describe('creating syncs', () => {
  it('rejects an invalid configuration with the validator’s issues', async () => {
    const campaignId = await h.campaign();
    const config = {
      ...createDefaultSyncConfig(),
      returns: {
        ...createDefaultSyncConfig().returns,
        referralLink: { kind: 'none' },
        referralCode: { kind: 'metadata', key: 'bad[key]' },
      },
    };
    const result = await h.api('POST', '/syncs', { body: { campaignId, config } });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('invalid_sync_config');
    expect(result.body.error.issues.map((i: { code: string }) => i.code).sort()).toEqual([
      'metadata_key_invalid_chars',
      'referral_link_not_returned',
    ]);
    const shape = await h.api('POST', '/syncs', {
      body: { campaignId, config: { objectType: 'invoice' } },
    });
    expect(shape.body.error.issues[0].code).toBe('invalid_shape');
  });

  it('needs a campaign of the tenant and a connected Stripe', async () => {
    const config = createDefaultSyncConfig();
    expect(
      (await h.api('POST', '/syncs', { body: { campaignId: 'cmp_nope', config } })).status,
    ).toBe(404);
    const campaignId = await h.campaign('acct-unconnected');
    const result = await h.api('POST', '/syncs', {
      account: 'acct-unconnected',
      body: { campaignId, config },
    });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('integration_not_connected');
  });

  it('cancels at once a run whose worker died', async () => {
    const campaignId = await h.campaign();
    const sync = await startSync(campaignId, createDefaultSyncConfig());
    // A run left behind by a worker that died on its last attempt: lease ran out, nobody comes.
    await h.pool.query(
      `INSERT INTO referkit.sync_runs (id, sync_id, account_id, trigger, mode, status, config, lease_token, lease_until)
       VALUES ('run_orphan', $1, 'acct-a', 'manual', 'full', 'running', $2, 'dead', now() - interval '1 minute')`,
      [sync.id, JSON.stringify(sync.config)],
    );
    expect((await h.api('POST', `/syncs/${sync.id}/runs`)).status).toBe(409);
    const cancelled = await h.api('POST', `/syncs/${sync.id}/cancel`);
    expect(cancelled.body.sync.currentRun).toBeNull();
    expect(cancelled.body.sync.lastRun).toMatchObject({ id: 'run_orphan', status: 'cancelled' });
    expect((await h.api('POST', `/syncs/${sync.id}/runs`)).status).toBe(202);
    await h.waitForSync(sync.id);
  });

  it('pauses only ongoing syncs', async () => {
    const campaignId = await h.campaign();
    const sync = await startSync(campaignId, createDefaultSyncConfig());
    const paused = await h.api('PATCH', `/syncs/${sync.id}`, { body: { paused: true } });
    expect(paused.status).toBe(409);
    const ongoing = await h.api('PATCH', `/syncs/${sync.id}`, {
      body: { config: { ...createDefaultSyncConfig(), syncType: 'ongoing' }, paused: true },
    });
    expect(ongoing.status).toBe(200);
    expect(ongoing.body.sync).toMatchObject({ status: 'paused', config: { syncType: 'ongoing' } });
    expect((await h.api('DELETE', `/syncs/${sync.id}`)).status).toBe(204);
    expect((await h.api('GET', `/syncs/${sync.id}`)).status).toBe(404);
  });
});
