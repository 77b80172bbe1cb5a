import { createDefaultSyncConfig, type Sync, type SyncConfig } from '@referkit/core';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferrerRow } from '../store/referrer-store';
import { createSecretBox } from '../store/secret-box';
import { createHarness, type Harness, TEST_ENCRYPTION_KEY } from '../test-support/harness';

const CONFIG: SyncConfig = {
  ...createDefaultSyncConfig(),
  syncType: 'ongoing',
  // Never comes round during the tests: only webhooks start runs here.
  schedule: { kind: 'cron', expression: '0 0 1 1 *' },
};

let h: Harness;
let stripe: Stripe;
let connectionId: string;
let webhookPath: string;

beforeAll(async () => {
  h = await createHarness({
    webhooks: true,
    sandbox: { customers: 30, seed: 'webhooks' },
    server: { jobs: { webhookDelayMs: 200 } },
  });
  stripe = h.stripe();
  await h.connect();
  const { rows } = await h.pool.query(
    "SELECT id FROM referkit.stripe_connections WHERE account_id = 'acct-a'",
  );
  connectionId = rows[0].id;
  webhookPath = `/webhooks/stripe/${connectionId}`;
});
afterAll(() => h?.close());

/** The signing secret the server stored (sealed) when it registered the endpoint. */
async function storedSecret(): Promise<string> {
  const { rows } = await h.pool.query(
    'SELECT webhook_secret_ciphertext FROM referkit.stripe_connections WHERE id = $1',
    [connectionId],
  );
  return createSecretBox(TEST_ENCRYPTION_KEY).open(rows[0].webhook_secret_ciphertext);
}

/** Posts an event to the webhook route as Stripe would, signed with `secret` at `timestamp`. */
function deliver(event: Stripe.Event, secret: string, timestamp?: number) {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp ? { timestamp } : {}),
  });
  return h.api('POST', webhookPath, {
    account: null,
    rawBody: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

async function storedCopies(eventId: string): Promise<number> {
  const { rows } = await h.pool.query(
    'SELECT count(*)::int AS n FROM referkit.stripe_webhook_events WHERE event_id = $1',
    [eventId],
  );
  return rows[0].n;
}

/** Whether an event is stored and processed (its runs started). */
async function processed(eventId: string): Promise<boolean> {
  const { rows } = await h.pool.query(
    'SELECT processed_at IS NOT NULL AS done FROM referkit.stripe_webhook_events WHERE event_id = $1',
    [eventId],
  );
  return rows[0]?.done === true;
}

describe('connecting Stripe', () => {
  it('registers a webhook endpoint for customer events, and keeps it on reconnecting', async () => {
    const listed = await h.api('GET', '/integrations');
    expect(listed.body.integrations[0].connection.webhook).toBe('registered');
    const [endpoint, ...others] = (await stripe.webhookEndpoints.list()).data;
    expect(others).toEqual([]);
    expect(endpoint).toMatchObject({
      url: `${h.baseUrl}${webhookPath}`,
      enabled_events: ['customer.created', 'customer.updated', 'customer.deleted'],
      status: 'enabled',
    });
    await h.connect();
    expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint?.id]);
    expect((await storedSecret()).startsWith('whsec_')).toBe(true);
    const { rows } = await h.pool.query(
      'SELECT webhook_secret_ciphertext FROM referkit.stripe_connections WHERE id = $1',
      [connectionId],
    );
    expect(rows[0].webhook_secret_ciphertext).not.toContain('whsec_');
  });

  it('removes the endpoint on disconnect; a key that may not add one leaves it to be set up by hand', async () => {
    const other = h.sandbox.createAccount({ seed: 'other' });
    const otherStripe = h.stripe(other.secretKey);
    await h.connect('acct-b', other.secretKey);
    expect((await otherStripe.webhookEndpoints.list()).data).toHaveLength(1);
    expect((await h.api('DELETE', '/integrations/stripe', { account: 'acct-b' })).status).toBe(204);
    expect((await otherStripe.webhookEndpoints.list()).data).toEqual([]);

    const restricted = h.sandbox.createRestrictedKey({
      account: other.accountId,
      permissions: { customers: 'write', events: 'read' },
    }).secret;
    await h.connect('acct-b', restricted);
    const webhook = async () =>
      (await h.api('GET', '/integrations', { account: 'acct-b' })).body.integrations[0].connection
        .webhook;
    expect(await webhook()).toBe('none');
    const path = await h.server.stripeWebhookPath('acct-b');
    expect(path).toMatch(/^\/webhooks\/stripe\/con_\w+$/);
    await expect(h.server.setStripeWebhookSecret('acct-b', 'not-a-secret')).rejects.toThrow(
      'signing secret',
    );
    await h.server.setStripeWebhookSecret('acct-b', 'whsec_set_up_by_hand');
    expect(await webhook()).toBe('manual');
    expect(await h.server.stripeWebhookPath('acct-nobody')).toBeNull();
  });
});

describe('an ongoing sync fed by webhooks', () => {
  let sync: Sync;
  let campaignId: string;
  let synced: string[];

  beforeAll(async () => {
    campaignId = await h.campaign();
    const created = await h.api('POST', '/syncs', { body: { campaignId, config: CONFIG } });
    sync = await h.waitForSync(created.body.sync.id);
    synced = (await h.outcomes(sync.id, sync.lastRun?.id as string))
      .filter((o) => o.outcome === 'created')
      .map((o) => o.externalId);
    // The first run's write-backs are echoed to the webhook: none of them may start a run.
    await h.sandbox.webhooksIdle();
  });

  async function referrerOf(customerId: string): Promise<ReferrerRow | undefined> {
    const { rows } = await h.pool.query<ReferrerRow>(
      'SELECT * FROM referkit.referrers WHERE campaign_id = $1 AND external_id = $2',
      [campaignId, customerId],
    );
    return rows[0];
  }

  async function runs(): Promise<Sync['lastRun'][]> {
    return (await h.api('GET', `/syncs/${sync.id}/runs`)).body.runs;
  }

  /**
   * Waits until deliveries and the runs they started are over, on positive
   * signals: every delivery is answered (the sandbox is idle) and the latest
   * event is stored as processed. A webhook stores its event and queues its
   * run (or asks the running one for another) in one transaction before it
   * answers, so no run starts after that; then no run is in progress.
   */
  async function settle(): Promise<void> {
    expect(await h.sandbox.webhooksIdle()).toBe(true);
    const [latest] = (await stripe.events.list({ limit: 1 })).data;
    await expect
      .poll(() => processed(latest?.id as string), { timeout: 10_000, interval: 50 })
      .toBe(true);
    await h.waitForSync(sync.id);
  }

  const firstName = (customerId: string) => async () => (await referrerOf(customerId))?.first_name;

  it('follows a renamed customer within seconds, in one incremental run', async () => {
    expect(await runs()).toHaveLength(1);
    const customer = synced[0] as string;
    await stripe.customers.update(customer, { name: 'Wendy Webhook' });
    await expect.poll(firstName(customer), { timeout: 10_000, interval: 50 }).toBe('Wendy');
    await settle();
    const [latest, ...earlier] = await runs();
    expect(earlier).toHaveLength(1);
    expect(latest).toMatchObject({ trigger: 'webhook', mode: 'incremental', status: 'completed' });
    expect(latest?.counts).toMatchObject({ seen: 1, updated: 1, writtenBack: 0 });
  });

  it('makes a new customer a referrer; the echo of writing its link back starts nothing', async () => {
    const before = (await runs()).length;
    const added = await stripe.customers.create({
      name: 'Hugo Hook',
      email: 'hugo.hook@example.com',
    });
    await expect.poll(firstName(added.id), { timeout: 10_000, interval: 50 }).toBe('Hugo');
    await settle();
    expect(await runs()).toHaveLength(before + 1);
    const customer = (await stripe.customers.retrieve(added.id)) as Stripe.Customer;
    expect(customer.metadata.referral_link).toBe((await referrerOf(added.id))?.referral_link);
    const { data: events } = await stripe.events.list({ limit: 2 });
    expect(events.map((e) => e.type)).toEqual(['customer.updated', 'customer.created']);
    for (const event of events) expect(await storedCopies(event.id)).toBe(1);
  });

  it('stores each event once however often it arrives, and ends at the latest state in any order', async () => {
    const customer = synced[1] as string;
    h.sandbox.configure({ faults: { duplicateWebhooks: 1 } });
    await stripe.customers.update(customer, { name: 'Dora Double' });
    await expect.poll(firstName(customer), { timeout: 10_000, interval: 50 }).toBe('Dora');
    await settle();
    h.sandbox.configure({ faults: { duplicateWebhooks: 0 } });
    const [twice] = (await stripe.events.list({ limit: 1 })).data;
    const deliveries = h.sandbox.webhookDeliveries().filter((d) => d.eventId === twice?.id);
    expect(deliveries.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    expect(await storedCopies(twice?.id as string)).toBe(1);

    // Two changes, delivered newest first (the endpoint held them back; they are replayed by hand).
    const [endpoint] = (await stripe.webhookEndpoints.list()).data;
    await stripe.webhookEndpoints.update(endpoint?.id as string, { disabled: true });
    await stripe.customers.update(customer, { name: 'Edna Older' });
    await stripe.customers.update(customer, { name: 'Fern Newer' });
    await stripe.webhookEndpoints.update(endpoint?.id as string, { disabled: false });
    const [newer, older] = (await stripe.events.list({ limit: 2 })).data as [
      Stripe.Event,
      Stripe.Event,
    ];
    const before = (await runs()).length;
    const secret = await storedSecret();
    for (const event of [newer, older, newer]) {
      expect((await deliver(event, secret)).body).toEqual({ received: true });
    }
    await expect.poll(firstName(customer), { timeout: 10_000, interval: 50 }).toBe('Fern');
    await settle();
    expect(await firstName(customer)()).toBe('Fern');
    expect([await storedCopies(newer.id), await storedCopies(older.id)]).toEqual([1, 1]);
    expect((await runs()).length - before).toBeLessThanOrEqual(2);
  });

  it('refuses a bad or stale signature with 400, storing and starting nothing', async () => {
    const [latest] = (await stripe.events.list({ limit: 1 })).data;
    const forged = { ...(latest as Stripe.Event), id: 'evt_referkit_not_from_stripe' };
    const before = (await runs()).length;
    const wrongSecret = await deliver(forged, 'whsec_not_the_endpoints_secret');
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error.code).toBe('webhook_signature_invalid');
    const secret = await storedSecret();
    const stale = await deliver(forged, secret, Math.floor(Date.now() / 1000) - 301);
    expect(stale.status).toBe(400);
    const unsigned = await h.api('POST', webhookPath, {
      account: null,
      rawBody: JSON.stringify(forged),
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(400);
    expect(await storedCopies(forged.id)).toBe(0);
    // Each refusal was answered above, and a webhook starts its runs before it answers.
    expect(await runs()).toHaveLength(before);
    // The same body, signed now with the endpoint's secret, is accepted.
    expect((await deliver(forged, secret)).status).toBe(200);
    expect(await storedCopies(forged.id)).toBe(1);
    await settle();
  });

  it('refuses a correctly signed payload that is not an event with 400, storing nothing', async () => {
    const secret = await storedSecret();
    const sendSigned = (payload: string) =>
      h.api('POST', webhookPath, {
        account: null,
        rawBody: payload,
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
        },
      });
    const before = await h.pool.query(
      'SELECT count(*)::int AS n FROM referkit.stripe_webhook_events',
    );
    for (const payload of [
      '[]',
      '[{"id":"evt_in_array","type":"customer.updated"}]',
      '{"type":"customer.updated","data":{"object":{}}}',
      '{"id":"evt_no_type","data":{"object":{}}}',
      '{"id":"evt_nul","type":"customer.upd\\u0000ated","data":{"object":{}}}',
      'null',
      '"evt_string"',
    ]) {
      const result = await sendSigned(payload);
      expect(result.status, payload).toBe(400);
      expect(result.body.error.code).toBe('invalid_request');
    }
    // A well-formed one on the same path is taken: the refusals were about the payload.
    const accepted = await sendSigned(
      '{"id":"evt_referkit_well_formed","object":"event","type":"invoice.paid","data":{"object":{}}}',
    );
    expect(accepted.status).toBe(200);
    const after = await h.pool.query(
      'SELECT count(*)::int AS n FROM referkit.stripe_webhook_events',
    );
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
  });

  it('starts nothing for a paused sync', async () => {
    await h.api('PATCH', `/syncs/${sync.id}`, { body: { paused: true } });
    const before = (await runs()).length;
    await stripe.customers.update(synced[2] as string, { name: 'Pia Paused' });
    await settle();
    expect(await runs()).toHaveLength(before);
    await h.api('PATCH', `/syncs/${sync.id}`, { body: { paused: false } });
  });
});
