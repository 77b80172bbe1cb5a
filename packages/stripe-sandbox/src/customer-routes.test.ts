import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { stripeClientOptions } from './stripe-client-options';

let sandbox: StripeSandbox;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startStripeSandbox({ customers: 250, seed: 7, rateLimit: false });
  stripe = new Stripe(sandbox.secretKey, {
    ...stripeClientOptions(sandbox.url),
    maxNetworkRetries: 0,
  });
});

afterAll(async () => {
  await sandbox.stop();
});

async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the request to fail');
}

describe('listing customers', () => {
  it('auto-pagination visits every live customer exactly once, newest first', async () => {
    const seen: string[] = [];
    let previousCreated = Number.POSITIVE_INFINITY;
    for await (const customer of stripe.customers.list({ limit: 100 })) {
      seen.push(customer.id);
      expect(customer.created).toBeLessThanOrEqual(previousCreated);
      previousCreated = customer.created;
    }
    const live = sandbox.stats();
    expect(live.total.requests).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = (await fetch(`${sandbox.url}/_sandbox/accounts/${sandbox.accountId}`).then(
      (r) => r.json(),
    )) as { customers: number };
    expect(seen.length).toBe(expected.customers);
    expect(seen.length).toBeGreaterThan(200);
    expect(seen.length).toBeLessThan(250);
  });

  it('pages backwards with ending_before to the same customers', async () => {
    const first = await stripe.customers.list({ limit: 5 });
    const second = await stripe.customers.list({ limit: 5, starting_after: first.data[4]?.id });
    expect(second.has_more).toBe(true);
    const back = await stripe.customers.list({ limit: 5, ending_before: second.data[0]?.id });
    expect(back.data.map((c) => c.id)).toEqual(first.data.map((c) => c.id));
    expect(back.has_more).toBe(false);
  });

  it('defaults to 10 per page and rejects limit 101 and 0', async () => {
    const page = await stripe.customers.list();
    expect(page.data).toHaveLength(10);
    expect(page.has_more).toBe(true);
    expect(page.url).toBe('/v1/customers');

    const tooMany = await rejection(stripe.customers.list({ limit: 101 }));
    expect(tooMany).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMany.param).toBe('limit');
    expect(tooMany.statusCode).toBe(400);
    const zero = await rejection(stripe.customers.list({ limit: 0 }));
    expect(zero.param).toBe('limit');
  });

  it('filters by created range and exact email', async () => {
    const all = await stripe.customers.list({ limit: 100 });
    const pivot = all.data[50]?.created ?? 0;
    const newer = await stripe.customers.list({ limit: 100, created: { gt: pivot } });
    expect(newer.data.length).toBeGreaterThan(0);
    expect(newer.data.every((c) => c.created > pivot)).toBe(true);
    const older = await stripe.customers.list({ limit: 100, created: { lte: pivot } });
    expect(older.data.every((c) => c.created <= pivot)).toBe(true);

    const withEmail = all.data.find((c) => c.email);
    const byEmail = await stripe.customers.list({ email: withEmail?.email ?? '' });
    expect(byEmail.data.length).toBeGreaterThanOrEqual(1);
    expect(byEmail.data.every((c) => c.email === withEmail?.email)).toBe(true);
  });

  it('rejects both cursors at once and a cursor that does not exist', async () => {
    const both = await rejection(
      stripe.customers.list({ starting_after: 'cus_a', ending_before: 'cus_b' }),
    );
    expect(both.message).toMatch(/only specify one/);
    const missing = await rejection(stripe.customers.list({ starting_after: 'cus_nope' }));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing.code).toBe('resource_missing');
    expect(missing.statusCode).toBe(404);
  });
});

describe('writing customers', () => {
  it('creates, retrieves, updates and deletes', async () => {
    const created = await stripe.customers.create({
      name: 'Zoë Ångström',
      email: 'zoe@example.com',
      metadata: { plan: 'pro' },
    });
    expect(created.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(created.object).toBe('customer');
    expect(created.livemode).toBe(false);
    expect(created.metadata).toEqual({ plan: 'pro' });
    expect(created.invoice_prefix).toMatch(/^[0-9A-F]{8}$/);

    const updated = await stripe.customers.update(created.id, { description: 'VIP', name: '' });
    expect(updated.description).toBe('VIP');
    expect(updated.name).toBeNull();

    const fetched = await stripe.customers.retrieve(created.id);
    expect(fetched).toEqual(updated);

    const deleted = await stripe.customers.del(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'customer', deleted: true });
    const afterDelete = await stripe.customers.retrieve(created.id);
    expect(afterDelete.deleted).toBe(true);
    const updateDeleted = await rejection(stripe.customers.update(created.id, { name: 'x' }));
    expect(updateDeleted.code).toBe('resource_missing');
    const deleteAgain = await rejection(stripe.customers.del(created.id));
    expect(deleteAgain.statusCode).toBe(404);
  });

  it('merges metadata keys, deletes a key with "", and clears all with metadata=""', async () => {
    const customer = await stripe.customers.create({ metadata: { plan: 'pro', crm_id: '42' } });
    const merged = await stripe.customers.update(customer.id, {
      metadata: { referral_link: 'https://ref.example/abc', crm_id: '' },
    });
    expect(merged.metadata).toEqual({ plan: 'pro', referral_link: 'https://ref.example/abc' });
    const cleared = await stripe.customers.update(customer.id, { metadata: '' });
    expect(cleared.metadata).toEqual({});
  });

  it('enforces metadata limits: 50 keys, 40-character keys without brackets, 500-character values', async () => {
    const customer = await stripe.customers.create({});
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await expect(stripe.customers.update(customer.id, { metadata: fifty })).resolves.toBeTruthy();
    const fiftyOne = await rejection(
      stripe.customers.update(customer.id, { metadata: { extra: 'v' } }),
    );
    expect(fiftyOne).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(fiftyOne.message).toMatch(/up to 50 keys/);
    expect(fiftyOne.param).toBe('metadata');

    const longKey = await rejection(
      stripe.customers.create({ metadata: { ['k'.repeat(41)]: 'v' } }),
    );
    expect(longKey.message).toMatch(/40 characters/);
    await expect(
      stripe.customers.create({ metadata: { ['k'.repeat(40)]: 'v' } }),
    ).resolves.toBeTruthy();
    const longValue = await rejection(
      stripe.customers.create({ metadata: { k: 'v'.repeat(501) } }),
    );
    expect(longValue.message).toMatch(/500 characters/);
    const bracket = await rejection(stripe.customers.create({ metadata: { 'a[b]': 'v' } }));
    expect(bracket.param).toBe('metadata');
  });

  it('enforces field limits and email shape', async () => {
    const longName = await rejection(stripe.customers.create({ name: 'n'.repeat(257) }));
    expect(longName.param).toBe('name');
    expect(longName.message).toMatch(/at most 256 characters/);
    await expect(stripe.customers.create({ name: 'n'.repeat(256) })).resolves.toBeTruthy();
    const longDescription = await rejection(
      stripe.customers.create({ description: 'd'.repeat(5001) }),
    );
    expect(longDescription.param).toBe('description');
    const badEmail = await rejection(stripe.customers.create({ email: 'not an email' }));
    expect(badEmail.code).toBe('email_invalid');
    const longEmail = await rejection(
      stripe.customers.create({ email: `${'a'.repeat(510)}@example.com` }),
    );
    expect(longEmail.param).toBe('email');
  });

  it('rejects unknown parameters as Stripe does, and names unmodelled ones', async () => {
    const unknown = await rejection(
      stripe.customers.create({ nickname: 'x' } as Stripe.CustomerCreateParams),
    );
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown.code).toBe('parameter_unknown');
    expect(unknown.message).toBe('Received unknown parameter: nickname');
    expect(unknown.param).toBe('nickname');
    const nested = await rejection(
      stripe.customers.create({ address: { planet: 'Mars' } } as Stripe.CustomerCreateParams),
    );
    expect(nested.param).toBe('address[planet]');
    const unmodelled = await rejection(stripe.customers.create({ source: 'tok_visa' }));
    expect(unmodelled.message).toMatch(/sandbox does not support the parameter 'source'/);
  });

  it('returns 404 resource_missing for an unknown customer', async () => {
    const missing = await rejection(stripe.customers.retrieve('cus_doesnotexist'));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
    expect(missing.message).toBe("No such customer: 'cus_doesnotexist'");
  });

  it('expands includable properties and refuses unknown expansions', async () => {
    const customer = await stripe.customers.create({ email: 'expand@example.com' });
    const expanded = await stripe.customers.retrieve(customer.id, { expand: ['sources', 'tax'] });
    expect(expanded.deleted).toBeUndefined();
    expect((expanded as Stripe.Customer).sources?.data).toEqual([]);
    expect((expanded as Stripe.Customer).tax?.automatic_tax).toBe('unrecognized_location');
    const bad = await rejection(stripe.customers.retrieve(customer.id, { expand: ['nope'] }));
    expect(bad.message).toBe('This property cannot be expanded (nope).');
    const list = await stripe.customers.list({ limit: 1, expand: ['data.tax_ids'] });
    expect(list.data[0]?.tax_ids?.object).toBe('list');
  });
});

describe('searching customers', () => {
  it('finds by email, name substring, metadata and created, and pages with next_page', async () => {
    const tag = `search${Date.now()}`;
    const made = [];
    for (let i = 0; i < 12; i++) {
      made.push(
        await stripe.customers.create({
          name: `Searchable Person ${i}`,
          email: `${tag}+${i}@example.com`,
          metadata: { cohort: tag },
        }),
      );
    }
    const byMetadata: string[] = [];
    for await (const c of stripe.customers.search({
      query: `metadata['cohort']:'${tag}'`,
      limit: 5,
    })) {
      byMetadata.push(c.id);
    }
    expect(byMetadata.sort()).toEqual(made.map((c) => c.id).sort());

    const first = await stripe.customers.search({ query: `metadata["cohort"]:"${tag}"`, limit: 5 });
    expect(first.object).toBe('search_result');
    expect(first.has_more).toBe(true);
    expect(first.next_page).toEqual(expect.any(String));

    const exact = await stripe.customers.search({
      query: `email:"${tag.toUpperCase()}+3@EXAMPLE.COM"`,
    });
    expect(exact.data.map((c) => c.id)).toEqual([made[3]?.id]);

    const both = await stripe.customers.search({
      query: `name~"able person" AND metadata['cohort']:'${tag}' AND created>0`,
      limit: 100,
    });
    expect(both.data).toHaveLength(12);

    const total = await stripe.customers.search({
      query: `metadata['cohort']:'${tag}'`,
      limit: 1,
      expand: ['total_count'],
    });
    expect((total as unknown as { total_count: number }).total_count).toBe(12);
  });

  it('rejects queries outside the supported language', async () => {
    const bad = await rejection(stripe.customers.search({ query: 'favourite_colour:"blue"' }));
    expect(bad).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(bad.param).toBe('query');
    const mixed = await rejection(
      stripe.customers.search({ query: 'name:"a" AND email:"b" OR phone:"c"' }),
    );
    expect(mixed.message).toMatch(/AND and OR/);
  });
});
