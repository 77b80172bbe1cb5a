import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_RETENTION_SECONDS } from './event-log';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, rejection, sdk } from './test-support';

let sandbox: StripeSandbox;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startStripeSandbox({ rateLimit: false });
  stripe = sdk(sandbox);
});

afterAll(async () => {
  await sandbox.stop();
});

describe('events', () => {
  it('records customer.created, .updated (with previous_attributes) and .deleted for each mutation', async () => {
    const customer = await stripe.customers.create(
      { name: 'Ada', email: 'ada@example.com', metadata: { plan: 'free' } },
      { idempotencyKey: 'create-ada' },
    );
    await stripe.customers.update(customer.id, {
      name: 'Ada Lovelace',
      metadata: { plan: 'pro', crm_id: '7' },
    });
    await stripe.customers.update(customer.id, { email: '' });
    await stripe.customers.update(customer.id, { name: 'Ada Lovelace' }); // no change: no event
    await stripe.customers.del(customer.id);

    const events = (await stripe.events.list({ limit: 100 })).data.filter(
      (e) => (e.data.object as { id: string }).id === customer.id,
    );
    expect(events.map((e) => e.type)).toEqual([
      'customer.deleted',
      'customer.updated',
      'customer.updated',
      'customer.created',
    ]);
    const [deleted, emailCleared, renamed, created] = events as [
      Stripe.Event,
      Stripe.Event,
      Stripe.Event,
      Stripe.Event,
    ];
    expect(created.data.previous_attributes).toBeUndefined();
    expect(created.request).toEqual({
      id: expect.stringMatching(/^req_/),
      idempotency_key: 'create-ada',
    });
    expect(renamed.data.previous_attributes).toEqual({
      name: 'Ada',
      metadata: { plan: 'free', crm_id: null },
    });
    expect((renamed.data.object as Stripe.Customer).name).toBe('Ada Lovelace');
    expect(emailCleared.data.previous_attributes).toEqual({ email: 'ada@example.com' });
    expect((deleted.data.object as Stripe.Customer).email).toBeNull();
    expect(deleted.id).toMatch(/^evt_/);
    expect(deleted.object).toBe('event');
    expect(deleted.livemode).toBe(false);
    expect(deleted.api_version).toEqual(expect.any(String));
    expect(deleted.created).toBeGreaterThanOrEqual(created.created);

    const retrieved = await stripe.events.retrieve(renamed.id);
    expect(retrieved).toEqual(renamed);
  });

  it('filters by type, types[] (with wildcards) and created', async () => {
    const customer = await stripe.customers.create({ name: 'Filter' });
    await stripe.customers.update(customer.id, { name: 'Filtered' });
    const updated = await stripe.events.list({ type: 'customer.updated', limit: 100 });
    expect(updated.data.length).toBeGreaterThan(0);
    expect(updated.data.every((e) => e.type === 'customer.updated')).toBe(true);
    const wildcard = await stripe.events.list({ type: 'customer.*', limit: 100 });
    expect(new Set(wildcard.data.map((e) => e.type)).size).toBeGreaterThan(1);
    const some = await stripe.events.list({
      types: ['customer.created', 'customer.deleted'],
      limit: 100,
    });
    expect(some.data.every((e) => e.type !== 'customer.updated')).toBe(true);
    const now = sandbox.now();
    const future = await stripe.events.list({ created: { gt: now + 10 } });
    expect(future.data).toEqual([]);
    const both = await rejection(
      stripe.events.list({ type: 'customer.created', types: ['customer.updated'] }),
    );
    expect(both).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('pages with starting_after and auto-pagination', async () => {
    for (let i = 0; i < 15; i++) await stripe.customers.create({ name: `Page ${i}` });
    const ids: string[] = [];
    for await (const event of stripe.events.list({ limit: 4 })) ids.push(event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(15);
  });

  it('keeps 30 days on the sandbox clock', async () => {
    const customer = await stripe.customers.create({ name: 'Old news' });
    const [event] = (await stripe.events.list({ limit: 1 })).data;
    if (!event) throw new Error('expected an event');
    expect((event.data.object as { id: string }).id).toBe(customer.id);

    await control(sandbox, 'POST', '/clock', { advance: EVENT_RETENTION_SECONDS - 60 });
    await expect(stripe.events.retrieve(event.id ?? '')).resolves.toMatchObject({ id: event.id });

    const later = await stripe.customers.create({ name: 'Fresh' });
    expect(later.created).toBeGreaterThanOrEqual(
      (event.created ?? 0) + EVENT_RETENTION_SECONDS - 60,
    );

    await control(sandbox, 'POST', '/clock', { advance: 120 });
    const gone = await rejection(stripe.events.retrieve(event.id ?? ''));
    expect(gone.code).toBe('resource_missing');
    const remaining = await stripe.events.list({ limit: 100 });
    expect(remaining.data.map((e) => (e.data.object as { id: string }).id)).toEqual([later.id]);
  });

  it('refuses to move the clock backwards', async () => {
    await expect(control(sandbox, 'POST', '/clock', { advance: -5 })).rejects.toThrow(/400/);
    await expect(control(sandbox, 'POST', '/clock', { to: 0 })).rejects.toThrow(/400/);
    const { now } = await control<{ now: number }>(sandbox, 'GET', '/clock');
    const moved = await control<{ now: number }>(sandbox, 'POST', '/clock', { to: now + 3600 });
    expect(moved.now).toBeGreaterThanOrEqual(now + 3600);
  });
});
