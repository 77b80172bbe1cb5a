import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, rejection, sdk } from './test-support';
import { signWebhookPayload } from './webhook-signature';

interface Received {
  body: string;
  signature: string;
}

/** A local endpoint that records deliveries and answers `statuses` in turn (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['stripe-signature']) });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('signWebhookPayload', () => {
  it('produces the header constructEvent verifies', () => {
    const stripe = new Stripe('sk_test_x');
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'customer.created' });
    const now = Math.floor(Date.now() / 1000);
    const header = signWebhookPayload(payload, 'whsec_test', now);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(payload, header, 'whsec_test').id).toBe('evt_1');
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe('webhook delivery', () => {
  let sandbox: StripeSandbox;
  let stripe: Stripe;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    sandbox = await startStripeSandbox({
      rateLimit: false,
      webhookRetry: { retries: 3, minTimeoutMs: 20, factor: 2, maxTimeoutMs: 200 },
    });
    stripe = sdk(sandbox);
  });

  afterEach(async () => {
    for (const endpoint of (await stripe.webhookEndpoints.list({ limit: 100 })).data) {
      await stripe.webhookEndpoints.del(endpoint.id);
    }
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('delivers each event signed exactly as Stripe signs, so constructEvent accepts it', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const endpoint = await stripe.webhookEndpoints.create({
      url: hook.url,
      enabled_events: ['customer.created', 'customer.updated'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(endpoint.status).toBe('enabled');

    const customer = await stripe.customers.create({ name: 'Hooked' });
    await stripe.customers.update(customer.id, {
      metadata: { referral_link: 'https://r.example/1' },
    });
    await stripe.customers.del(customer.id); // not enabled: not delivered
    expect(await sandbox.webhooksIdle(5000)).toBe(true);

    expect(hook.received).toHaveLength(2);
    const events = hook.received.map((r) =>
      stripe.webhooks.constructEvent(r.body, r.signature, endpoint.secret ?? ''),
    );
    expect(events.map((e) => e.type).sort()).toEqual(['customer.created', 'customer.updated']);
    const updated = events.find((e) => e.type === 'customer.updated');
    expect(updated?.data.previous_attributes).toEqual({ metadata: { referral_link: null } });
    expect(updated?.request?.id).toMatch(/^req_/);
    const listed = await stripe.events.retrieve(updated?.id ?? '');
    expect(listed.id).toBe(updated?.id);
    const deliveries = sandbox.webhookDeliveries();
    expect(deliveries.filter((d) => d.status === 'succeeded')).toHaveLength(2);
  });

  it('retries failed deliveries with backoff until the endpoint answers 2xx', async () => {
    const hook = await receiver([500, 503]);
    closers.push(hook.close);
    await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ['*'] });
    sandbox.resetStats();
    const customer = await stripe.customers.create({ name: 'Retry me' });
    expect(await sandbox.webhooksIdle(5000)).toBe(true);
    expect(hook.received).toHaveLength(3);
    const ids = hook.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(new Set(ids).size).toBe(1);
    const [delivery] = sandbox.webhookDeliveries();
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200 });
    expect(sandbox.stats().webhooks).toMatchObject({ attempts: 3, succeeded: 1, retries: 2 });
    const events = await stripe.events.list({ delivery_success: true, limit: 100 });
    expect(events.data.some((e) => (e.data.object as { id: string }).id === customer.id)).toBe(
      true,
    );
  });

  it('gives up after the configured retries and marks the event undelivered', async () => {
    const hook = await receiver([500, 500, 500, 500, 500]);
    closers.push(hook.close);
    await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ['customer.created'] });
    const customer = await stripe.customers.create({ name: 'Never delivered' });
    expect(await sandbox.webhooksIdle(5000)).toBe(true);
    expect(hook.received).toHaveLength(4);
    const [delivery] = sandbox.webhookDeliveries();
    expect(delivery).toMatchObject({ status: 'failed', attempts: 4, lastStatusCode: 500 });
    const failed = await stripe.events.list({ delivery_success: false, limit: 100 });
    expect(failed.data.some((e) => (e.data.object as { id: string }).id === customer.id)).toBe(
      true,
    );
  });

  it('sends duplicates when told to, so receivers can prove they dedupe by event id', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ['customer.created'] });
    sandbox.configure({ faults: { duplicateWebhooks: 1 } });
    try {
      await stripe.customers.create({ name: 'Twice' });
      expect(await sandbox.webhooksIdle(5000)).toBe(true);
    } finally {
      sandbox.configure({ faults: { duplicateWebhooks: 0 } });
    }
    expect(hook.received).toHaveLength(2);
    const ids = hook.received.map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(ids[0]).toBe(ids[1]);
  });

  it('signs with the sandbox clock, so tolerance can be tested by moving it', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const endpoint = await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ['*'] });
    sandbox.advanceClock(600);
    await stripe.customers.create({ name: 'Later' });
    expect(await sandbox.webhooksIdle(5000)).toBe(true);
    const [delivery] = hook.received;
    const t = Number(/t=(\d+)/.exec(delivery?.signature ?? '')?.[1]);
    expect(Math.abs(t - sandbox.now())).toBeLessThanOrEqual(2);
    const secret = endpoint.secret ?? '';
    expect(
      stripe.webhooks.constructEvent(
        delivery?.body ?? '',
        delivery?.signature ?? '',
        secret,
        300,
        undefined,
        t * 1000,
      ),
    ).toBeTruthy();
    expect(() =>
      stripe.webhooks.constructEvent(
        delivery?.body ?? '',
        delivery?.signature ?? '',
        secret,
        300,
        undefined,
        (t + 301) * 1000,
      ),
    ).toThrow(/tolerance/);
  });

  it('manages endpoints: secret only on create, update, list and validation', async () => {
    const created = await stripe.webhookEndpoints.create({
      url: 'http://127.0.0.1:9/hooks',
      enabled_events: ['customer.created', 'customer.updated'],
      description: 'Referkit',
      metadata: { tenant: 'a' },
    });
    const fetched = await stripe.webhookEndpoints.retrieve(created.id);
    expect(fetched.secret).toBeUndefined();
    expect(fetched.enabled_events).toEqual(['customer.created', 'customer.updated']);
    const wildcard = await rejection(
      stripe.webhookEndpoints.create({
        url: 'http://127.0.0.1:9/hooks',
        enabled_events: ['customer.*' as Stripe.WebhookEndpointCreateParams.EnabledEvent],
      }),
    );
    expect(wildcard.param).toBe('enabled_events');
    const updated = await stripe.webhookEndpoints.update(created.id, { disabled: true });
    expect(updated.status).toBe('disabled');
    const list = await stripe.webhookEndpoints.list();
    expect(list.data.map((e) => e.id)).toContain(created.id);
    const bad = await rejection(
      stripe.webhookEndpoints.create({ url: 'ftp://x', enabled_events: ['*'] }),
    );
    expect(bad).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(bad.param).toBe('url');
    const missing = await rejection(
      stripe.webhookEndpoints.create({
        url: 'http://x.test',
      } as Stripe.WebhookEndpointCreateParams),
    );
    expect(missing.code).toBe('parameter_missing');
    expect(missing.param).toBe('enabled_events');
  });

  it('delivers to endpoints configured at start, and control mutations fire webhooks too', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const started = await startStripeSandbox({
      customers: 20,
      webhookEndpoints: [
        { url: hook.url, secret: 'whsec_fixed', enabledEvents: ['customer.updated'] },
      ],
    });
    try {
      expect(started.webhookEndpoints[0]?.secret).toBe('whsec_fixed');
      const result = await control<{ renamed: string[] }>(started, 'POST', '/mutate', {
        rename: 3,
      });
      expect(result.renamed).toHaveLength(3);
      expect(await started.webhooksIdle(5000)).toBe(true);
      expect(hook.received).toHaveLength(3);
      const stripeClient = sdk(started);
      for (const r of hook.received) {
        const event = stripeClient.webhooks.constructEvent(r.body, r.signature, 'whsec_fixed');
        expect(event.type).toBe('customer.updated');
        expect(event.request).toEqual({ id: null, idempotency_key: null });
        expect(Object.keys(event.data.previous_attributes ?? {})).toEqual(['name']);
      }
    } finally {
      await started.stop();
    }
  });
});
