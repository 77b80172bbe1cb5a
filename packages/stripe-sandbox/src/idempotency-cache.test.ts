import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintParams, IDEMPOTENCY_TTL_SECONDS, IdempotencyCache } from './idempotency-cache';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { rejection, sdk } from './test-support';

describe('IdempotencyCache', () => {
  it('fingerprints parameters independently of key order', () => {
    expect(fingerprintParams({ a: '1', b: { c: '2', d: ['x'] } })).toBe(
      fingerprintParams({ b: { d: ['x'], c: '2' }, a: '1' }),
    );
    expect(fingerprintParams({ a: '1' })).not.toBe(fingerprintParams({ a: '2' }));
  });

  it('forgets keys after 24 hours', () => {
    const cache = new IdempotencyCache();
    const saved = {
      path: '/v1/customers',
      fingerprint: '{}',
      status: 200,
      json: '{}',
      requestId: 'req_1',
    };
    cache.set('k', saved, 1000);
    expect(cache.get('k', 1000 + IDEMPOTENCY_TTL_SECONDS - 1)?.requestId).toBe('req_1');
    expect(cache.get('k', 1000 + IDEMPOTENCY_TTL_SECONDS)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('Idempotency-Key', () => {
  let sandbox: StripeSandbox;
  let stripe: Stripe;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ rateLimit: false });
    stripe = sdk(sandbox);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('replays the first response for the same key and parameters', async () => {
    const first = await stripe.customers.create(
      { email: 'once@example.com' },
      { idempotencyKey: 'key-1' },
    );
    const again = await stripe.customers.create(
      { email: 'once@example.com' },
      { idempotencyKey: 'key-1' },
    );
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    const list = await stripe.customers.list({ email: 'once@example.com' });
    expect(list.data).toHaveLength(1);
    const created = await stripe.events.list({ type: 'customer.created', limit: 100 });
    expect(
      created.data.filter((e) => (e.data.object as { id: string }).id === first.id),
    ).toHaveLength(1);
  });

  it('errors when the same key comes with other parameters or another endpoint', async () => {
    await stripe.customers.create({ name: 'A' }, { idempotencyKey: 'key-2' });
    const different = await rejection(
      stripe.customers.create({ name: 'B' }, { idempotencyKey: 'key-2' }),
    );
    expect(different).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(different.rawType).toBe('idempotency_error');
    expect(different.message).toMatch(/same parameters they were first used with/);
    const customer = await stripe.customers.create({});
    const endpoint = await rejection(
      stripe.customers.update(customer.id, { name: 'A' }, { idempotencyKey: 'key-2' }),
    );
    expect(endpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(endpoint.message).toMatch(/same endpoint/);
  });

  it('replays updates, so a retried write-back does not write twice', async () => {
    const customer = await stripe.customers.create({});
    const params = { metadata: { referral_link: 'https://r.example/x' } };
    await stripe.customers.update(customer.id, params, { idempotencyKey: 'wb-1' });
    await stripe.customers.update(customer.id, { metadata: { referral_link: 'changed' } });
    const replay = await stripe.customers.update(customer.id, params, { idempotencyKey: 'wb-1' });
    expect(replay.metadata.referral_link).toBe('https://r.example/x');
    const current = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(current.metadata.referral_link).toBe('changed');
  });

  it('does not save requests that failed validation', async () => {
    const bad = await rejection(
      stripe.customers.create({ email: 'nope' }, { idempotencyKey: 'key-3' }),
    );
    expect(bad.code).toBe('email_invalid');
    const good = await stripe.customers.create(
      { email: 'nope@example.com' },
      { idempotencyKey: 'key-3' },
    );
    expect(good.email).toBe('nope@example.com');
  });

  it('refuses keys longer than 255 characters and expires keys after 24 hours', async () => {
    const long = await rejection(stripe.customers.create({}, { idempotencyKey: 'k'.repeat(256) }));
    expect(long).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const first = await stripe.customers.create({ name: 'Day one' }, { idempotencyKey: 'daily' });
    sandbox.advanceClock(IDEMPOTENCY_TTL_SECONDS + 1);
    const next = await stripe.customers.create({ name: 'Day one' }, { idempotencyKey: 'daily' });
    expect(next.id).not.toBe(first.id);
  });
});
