import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFromHeader } from './authenticate';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, rejection, sdk } from './test-support';

let sandbox: StripeSandbox;

beforeAll(async () => {
  sandbox = await startStripeSandbox({ customers: 5, rateLimit: false });
});

afterAll(async () => {
  await sandbox.stop();
});

describe('keyFromHeader', () => {
  it('reads Bearer and Basic credentials', () => {
    expect(keyFromHeader('Bearer sk_test_abc')).toBe('sk_test_abc');
    expect(keyFromHeader(`Basic ${Buffer.from('sk_test_abc:').toString('base64')}`)).toBe(
      'sk_test_abc',
    );
    expect(keyFromHeader('Token sk_test_abc')).toBeNull();
    expect(keyFromHeader(undefined)).toBeNull();
  });
});

describe('authentication', () => {
  it('accepts the default secret key and reports the account', async () => {
    const account = await sdk(sandbox).accounts.retrieveCurrent();
    expect(account.id).toBe(sandbox.accountId);
    expect(account.object).toBe('account');
  });

  it('answers an unknown key with 401 in Stripe’s error shape', async () => {
    const error = await rejection(sdk(sandbox, 'sk_test_doesnotexist1234').customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    expect(error.rawType).toBe('invalid_request_error');
    expect(error.message).toBe('Invalid API Key provided: sk_test_************1234');
  });

  it('answers a request without a key with 401', async () => {
    const res = await fetch(`${sandbox.url}/v1/customers`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/You did not provide an API key/);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });

  it('refuses live keys with a clear message', async () => {
    const error = await rejection(sdk(sandbox, 'sk_live_abcdefghijklmnop').customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toMatch(/Live mode keys are refused/);
    expect(error.message).toMatch(/test mode/);
  });

  it('refuses the publishable key on secret-key endpoints', async () => {
    const error = await rejection(sdk(sandbox, sandbox.publishableKey).customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toMatch(/publishable API key/);
  });

  it('answers a revoked key with 401 api_key_expired', async () => {
    const key = sandbox.createRestrictedKey({ permissions: { customers: 'read' } });
    const client = sdk(sandbox, key.secret);
    await expect(client.customers.list({ limit: 1 })).resolves.toBeTruthy();
    await control(sandbox, 'POST', `/keys/${key.secret}/revoke`);
    const error = await rejection(client.customers.list({ limit: 1 }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.code).toBe('api_key_expired');
    expect(error.message).toMatch(/^Expired API Key provided: rk_test_\*+/);
  });
});

describe('restricted keys', () => {
  it('refuse a write without customers write, naming rak_customer_write', async () => {
    const key = sandbox.createRestrictedKey({ permissions: { customers: 'read', events: 'read' } });
    const client = sdk(sandbox, key.secret);
    const [customer] = (await client.customers.list({ limit: 1 })).data;
    expect(customer).toBeDefined();
    const error = await rejection(client.customers.update(customer?.id ?? '', { name: 'x' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error.statusCode).toBe(403);
    expect(error.message).toMatch(
      /does not have the required permissions for this endpoint on account/,
    );
    expect(error.message).toMatch(/'rak_customer_write'/);
    const create = await rejection(client.customers.create({ name: 'x' }));
    expect(create).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it('check permission before existence, so a write probe never writes', async () => {
    const readOnly = sdk(
      sandbox,
      sandbox.createRestrictedKey({ permissions: { customers: 'read' } }).secret,
    );
    const writer = sdk(
      sandbox,
      sandbox.createRestrictedKey({ permissions: { customers: 'write' } }).secret,
    );
    const denied = await rejection(readOnly.customers.update('cus_doesnotexist', { metadata: {} }));
    expect(denied).toBeInstanceOf(Stripe.errors.StripePermissionError);
    const missing = await rejection(writer.customers.update('cus_doesnotexist', { metadata: {} }));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
  });

  it('need events read for events and customers read for reads', async () => {
    const noEvents = sdk(
      sandbox,
      sandbox.createRestrictedKey({ permissions: { customers: 'write' } }).secret,
    );
    const events = await rejection(noEvents.events.list());
    expect(events).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(events.message).toMatch(/'rak_event_read'/);
    const nothing = sdk(sandbox, sandbox.createRestrictedKey().secret);
    const read = await rejection(nothing.customers.list());
    expect(read.message).toMatch(/'rak_customer_read'/);
    await expect(nothing.accounts.retrieveCurrent()).resolves.toMatchObject({
      id: sandbox.accountId,
    });
  });

  it('can be created, listed and revoked through the control API', async () => {
    const created = await control<{ secret: string; permissions: unknown }>(
      sandbox,
      'POST',
      '/keys',
      {
        permissions: { customers: 'write', events: 'read' },
        name: 'Referkit sync',
      },
    );
    expect(created.secret).toMatch(/^rk_test_/);
    expect(created.permissions).toEqual({
      customers: 'write',
      events: 'read',
      webhookEndpoints: 'none',
      balance: 'none',
      paymentIntents: 'none',
    });
    const keys = await control<Array<{ secret: string; revoked: boolean }>>(
      sandbox,
      'GET',
      '/keys',
    );
    expect(keys.find((k) => k.secret === created.secret)?.revoked).toBe(false);
    await control(sandbox, 'DELETE', `/keys/${created.secret}`);
    const after = await control<Array<{ secret: string; revoked: boolean }>>(
      sandbox,
      'GET',
      '/keys',
    );
    expect(after.find((k) => k.secret === created.secret)?.revoked).toBe(true);
    await expect(
      control(sandbox, 'POST', '/keys', { permissions: { customers: 'admin' } }),
    ).rejects.toThrow(/400/);
  });
});

describe('accounts', () => {
  it('keep customers, events and keys apart', async () => {
    const other = await control<{ accountId: string; secretKey: string }>(
      sandbox,
      'POST',
      '/accounts',
      {
        name: 'Tenant B',
        customers: 3,
      },
    );
    const a = sdk(sandbox);
    const b = sdk(sandbox, other.secretKey);
    const mine = await a.customers.create({ email: 'only-in-a@example.com' });
    const theirs = await b.customers.list({ limit: 100 });
    expect(theirs.data).toHaveLength(3);
    expect(theirs.data.some((c) => c.id === mine.id)).toBe(false);
    const cross = await rejection(b.customers.retrieve(mine.id));
    expect(cross.code).toBe('resource_missing');
    expect((await b.accounts.retrieveCurrent()).id).toBe(other.accountId);
    const bEvents = await b.events.list({ limit: 100 });
    expect(bEvents.data.some((e) => (e.data.object as { id: string }).id === mine.id)).toBe(false);
  });

  it('refuse Stripe-Account for an account that is not connected', async () => {
    const other = sandbox.createAccount();
    const error = await rejection(
      sdk(sandbox).customers.list({ limit: 1 }, { stripeAccount: other.accountId }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error.code).toBe('account_invalid');
  });
});
