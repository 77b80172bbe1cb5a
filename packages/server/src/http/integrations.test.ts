import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferkitServer, type ReferkitServer } from '../create-referkit-server';
import { createSecretBox } from '../store/secret-box';
import {
  createHarness,
  type Harness,
  readJson,
  TEST_ENCRYPTION_KEY,
  testAuthenticate,
} from '../test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    worker: false,
    sandbox: { customers: 30, account: { name: 'Acme Rockets' } },
  });
});
afterAll(() => h?.close());

const connect = (secretKey: string, mode = 'test', account = 'acct-conn') =>
  h.api('POST', '/integrations/stripe/connect', { account, body: { mode, secretKey } });

describe('listing integrations', () => {
  it('lists Stripe as not connected, with the other categories coming soon', async () => {
    const result = await h.api('GET', '/integrations', { account: 'acct-fresh' });
    expect(result.status).toBe(200);
    const [stripe, ...others] = result.body.integrations;
    expect(stripe).toMatchObject({
      id: 'stripe',
      category: 'payment',
      available: true,
      status: 'not_connected',
      connection: null,
      oauthAvailable: false,
    });
    expect(new Set(others.map((i: { category: string }) => i.category))).toEqual(
      new Set(['payment', 'crm', 'email_marketing']),
    );
    expect(others.every((i: { available: boolean }) => i.available === false)).toBe(true);
  });
});

describe('connecting Stripe by key', () => {
  it('refuses a missing key, naming the field', async () => {
    const result = await connect('   ');
    expect(result.status).toBe(400);
    expect(result.body.error.fields).toEqual({
      secretKey: 'Paste your Stripe secret or restricted key.',
    });
  });

  it('refuses keys of the wrong format before calling Stripe', async () => {
    h.sandbox.resetStats();
    const junk = await connect('hello-world');
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('stripe_key_invalid_format');
    const publishable = await connect(h.sandbox.publishableKey);
    expect(publishable.body.error.code).toBe('stripe_key_invalid_format');
    expect(publishable.body.error.message).toContain('publishable');
    expect(h.sandbox.stats().total.requests).toBe(0);
  });

  it('refuses a key whose mode differs from the chosen one', async () => {
    const result = await connect(h.sandbox.secretKey, 'live');
    expect(result.status).toBe(422);
    expect(result.body.error.code).toBe('stripe_key_mode_mismatch');
    expect(result.body.error.message).toContain('Live Mode');
  });

  it('refuses a key Stripe does not accept, and a revoked one', async () => {
    const unknown = await connect('sk_test_51UnknownKey000000000000000000');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('stripe_key_rejected');
    const { secretKey } = h.sandbox.createAccount({ name: 'Gone Inc' });
    h.sandbox.revokeKey(secretKey);
    const revoked = await connect(secretKey);
    expect(revoked.status).toBe(422);
    expect(revoked.body.error.code).toBe('stripe_key_rejected');
    expect(revoked.body.error.message).toContain('revoked');
  });

  it('names the permission a restricted key lacks', async () => {
    const cases = [
      [{ customers: 'read', events: 'read' }, 'Customers: Write'],
      [{ customers: 'write' }, 'Events: Read'],
      [{ events: 'read' }, 'Customers: Read'],
    ] as const;
    for (const [permissions, named] of cases) {
      const key = h.sandbox.createRestrictedKey({ permissions }).secret;
      const result = await connect(key);
      expect(result.status).toBe(422);
      expect(result.body.error.code).toBe('stripe_key_missing_permissions');
      expect(result.body.error.message).toContain(named);
    }
  });

  it('connects a restricted key with the right permissions and shows the account', async () => {
    const key = h.sandbox.createRestrictedKey({
      permissions: { customers: 'write', events: 'read' },
    }).secret;
    const result = await connect(key);
    expect(result.status).toBe(200);
    expect(result.body.integration).toMatchObject({
      status: 'connected',
      error: null,
      connection: {
        externalAccountId: h.sandbox.accountId,
        accountName: 'Acme Rockets',
        mode: 'test',
        method: 'key',
        webhook: 'none',
      },
    });
  });

  it('keeps the key encrypted at rest and out of every response', async () => {
    await h.connect('acct-secret');
    const { rows } = await h.pool.query(
      "SELECT secret_ciphertext FROM referkit.stripe_connections WHERE account_id = 'acct-secret'",
    );
    const sealed = rows[0].secret_ciphertext as string;
    expect(sealed).not.toContain(h.sandbox.secretKey);
    expect(createSecretBox(TEST_ENCRYPTION_KEY).open(sealed)).toBe(h.sandbox.secretKey);
    await h.api('GET', '/integrations', { account: 'acct-secret' });
    for (const text of h.responses) expect(text).not.toContain(h.sandbox.secretKey.slice(8));
  });

  it('shows a revoked key as an error with why', async () => {
    const key = h.sandbox.createRestrictedKey({
      permissions: { customers: 'write', events: 'read' },
    }).secret;
    await h.connect('acct-revoked', key);
    h.sandbox.revokeKey(key);
    const result = await h.api('GET', '/integrations', { account: 'acct-revoked' });
    expect(result.body.integrations[0]).toMatchObject({
      status: 'error',
      error: expect.stringContaining('revoked'),
    });
    const fields = await h.api('GET', '/integrations/stripe/object-types/customer/fields', {
      account: 'acct-revoked',
    });
    expect(fields.status).toBe(422);
    expect(fields.body.error.code).toBe('stripe_key_rejected');
  });

  it('disconnects', async () => {
    await h.connect('acct-leaving');
    const result = await h.api('DELETE', '/integrations/stripe', { account: 'acct-leaving' });
    expect(result.status).toBe(204);
    const list = await h.api('GET', '/integrations', { account: 'acct-leaving' });
    expect(list.body.integrations[0].status).toBe('not_connected');
  });
});

describe('discovery on a connected Stripe', () => {
  it('needs a connection', async () => {
    const result = await h.api('GET', '/integrations/stripe/object-types', {
      account: 'acct-none',
    });
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('integration_not_connected');
  });

  it('lists object types, fields with metadata keys seen on records, and samples', async () => {
    await h.connect('acct-discover');
    const types = await h.api('GET', '/integrations/stripe/object-types', {
      account: 'acct-discover',
    });
    expect(types.body.objectTypes.map((t: { id: string }) => t.id)).toEqual(['customer']);

    const fields = await h.api('GET', '/integrations/stripe/object-types/customer/fields', {
      account: 'acct-discover',
    });
    expect(fields.status).toBe(200);
    const customers = await h.stripe().customers.list({ limit: 100 });
    const keys = new Set(customers.data.flatMap((c) => Object.keys(c.metadata)));
    expect(keys.size).toBeGreaterThan(0);
    const metadataPaths = fields.body.fields
      .filter((f: { kind: string }) => f.kind === 'metadata')
      .map((f: { path: string }) => f.path);
    expect(metadataPaths).toEqual([...keys].sort().map((key) => `metadata.${key}`));
    expect(fields.body.fields.map((f: { path: string }) => f.path)).toContain('email');

    const samples = await h.api(
      'GET',
      '/integrations/stripe/object-types/customer/samples?limit=5',
      {
        account: 'acct-discover',
      },
    );
    expect(samples.body.records.map((r: { id: string }) => r.id)).toEqual(
      customers.data.slice(0, 5).map((c) => c.id),
    );

    const unknown = await h.api('GET', '/integrations/stripe/object-types/invoice/fields', {
      account: 'acct-discover',
    });
    expect(unknown.status).toBe(404);
    const badLimit = await h.api(
      'GET',
      '/integrations/stripe/object-types/customer/samples?limit=99',
      {
        account: 'acct-discover',
      },
    );
    expect(badLimit.status).toBe(400);
  });
});

describe('Stripe Connect OAuth', () => {
  let oauthServer: ReferkitServer;
  const call = async (path: string, init: RequestInit & { account?: string } = {}) => {
    const { account = 'acct-oauth', ...rest } = init;
    return oauthServer.handler(
      new Request(`http://referkit.test${path}`, {
        ...rest,
        headers: { 'x-test-account': account, 'content-type': 'application/json', ...rest.headers },
      }),
    );
  };
  beforeAll(() => {
    oauthServer = createReferkitServer({
      database: { url: h.databaseUrl },
      stripe: {
        apiBase: h.sandbox.url,
        oauth: { clientId: h.sandbox.clientId, secretKey: h.sandbox.secretKey },
      },
      encryptionKey: TEST_ENCRYPTION_KEY,
      linkBaseUrl: 'https://ref.example.com',
      authenticate: testAuthenticate,
      trustedOrigins: ['https://app.example.com'],
    });
  });
  afterAll(() => oauthServer?.close());

  /** Starts connecting as `account` and has `merchant` approve on the consent page; the callback URL. */
  const consentAs = async (account: string, merchant: string, returnUrl?: string) => {
    const start = await call('/integrations/stripe/oauth/start', {
      method: 'POST',
      account,
      body: JSON.stringify({ mode: 'test', ...(returnUrl ? { returnUrl } : {}) }),
    });
    expect(start.status).toBe(200);
    const authorize = new URL((await readJson(start)).url);
    const form = new URLSearchParams(authorize.searchParams);
    form.set('decision', 'allow');
    form.set('account', merchant);
    const consent = await fetch(`${h.sandbox.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(consent.headers.get('location') as string);
    return `${callback.pathname}${callback.search}`;
  };

  it('answers 501 where the host configured no client id', async () => {
    const result = await h.api('POST', '/integrations/stripe/oauth/start', {
      body: { mode: 'test' },
    });
    expect(result.status).toBe(501);
    expect(result.body.error.code).toBe('stripe_oauth_not_configured');
  });

  it('connects an account through consent and the callback', async () => {
    const connected = h.sandbox.createAccount({ name: 'Orbit Coffee', customers: 3 });
    const start = await call('/integrations/stripe/oauth/start', {
      method: 'POST',
      body: JSON.stringify({ mode: 'test', returnUrl: 'https://app.example.com/settings' }),
    });
    expect(start.status).toBe(200);
    const authorize = new URL((await readJson(start)).url);
    expect(authorize.pathname).toBe('/oauth/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(h.sandbox.clientId);

    // The person approves on Stripe's consent page.
    const form = new URLSearchParams(authorize.searchParams);
    form.set('decision', 'allow');
    form.set('account', connected.accountId);
    const consent = await fetch(`${h.sandbox.url}/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const callback = new URL(consent.headers.get('location') as string);
    expect(callback.pathname).toBe('/integrations/stripe/oauth/callback');

    const back = await call(`${callback.pathname}${callback.search}`);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(
      'https://app.example.com/settings?stripe_oauth=connected',
    );
    const list = await call('/integrations');
    expect((await readJson(list)).integrations[0]).toMatchObject({
      status: 'connected',
      oauthAvailable: true,
      connection: {
        method: 'oauth',
        accountName: 'Orbit Coffee',
        externalAccountId: connected.accountId,
      },
    });

    const replay = await call(`${callback.pathname}${callback.search}`);
    expect(replay.status).toBe(400);
    expect((await readJson(replay)).error.code).toBe('stripe_oauth_failed');
  });

  it('sends the browser back saying consent was denied, in its own words only', async () => {
    const start = await call('/integrations/stripe/oauth/start', {
      method: 'POST',
      body: JSON.stringify({ mode: 'test', returnUrl: 'https://app.example.com/back' }),
    });
    const state = new URL((await readJson(start)).url).searchParams.get('state');
    const back = await call(
      `/integrations/stripe/oauth/callback?state=${state}&error=access_denied&error_description=Your+account+is+locked,+call+%2B1-555-0100`,
    );
    expect(back.status).toBe(302);
    const location = new URL(back.headers.get('location') as string);
    expect(location.origin).toBe('https://app.example.com');
    expect(location.searchParams.get('stripe_oauth')).toBe('error');
    expect(location.searchParams.get('message')).toBe(
      'Connecting was cancelled on Stripe: nothing was connected.',
    );
    expect(back.headers.get('location')).not.toContain('555');
  });

  it('saves nothing when another tenant, or nobody, finishes a connection one tenant started', async () => {
    // The attacker (acct-attacker) starts connecting and sends the link to a merchant.
    const victim = h.sandbox.createAccount({ name: 'Victim Bakery', customers: 2 });
    const callback = await consentAs('acct-attacker', victim.accountId);

    // The merchant, signed in to the same host as themselves, lands on the callback.
    const asVictim = await call(callback, { account: 'acct-victim' });
    expect(asVictim.status).toBe(400);
    expect((await readJson(asVictim)).error.code).toBe('stripe_oauth_failed');
    // Signed out: refused too.
    const signedOut = await call(callback, { account: '' });
    expect(signedOut.status).toBe(401);
    expect((await readJson(signedOut)).error).toMatchObject({ code: 'unauthorized' });

    const saved = await h.pool.query(
      'SELECT account_id FROM referkit.stripe_connections WHERE stripe_account_id = $1',
      [victim.accountId],
    );
    expect(saved.rows).toEqual([]);
    for (const account of ['acct-attacker', 'acct-victim']) {
      const list = await readJson(await call('/integrations', { account }));
      expect(list.integrations[0].status).toBe('not_connected');
    }
    // The tenant that started it can still finish it (a positive control).
    const own = await call(callback, { account: 'acct-attacker' });
    expect(own.status).toBe(302);
    expect(
      (await readJson(await call('/integrations', { account: 'acct-attacker' }))).integrations[0]
        .connection.externalAccountId,
    ).toBe(victim.accountId);
  });

  it('accepts a returnUrl only on its own origin or a trusted one', async () => {
    for (const returnUrl of [
      'https://evil.example/steal',
      'javascript:alert(document.cookie)',
      'https://app.example.com.evil.example/',
      'data:text/html,hi',
    ]) {
      const start = await call('/integrations/stripe/oauth/start', {
        method: 'POST',
        body: JSON.stringify({ mode: 'test', returnUrl }),
      });
      expect(start.status, returnUrl).toBe(400);
      expect((await readJson(start)).error.code).toBe('invalid_request');
    }
    for (const returnUrl of ['http://referkit.test/settings', 'https://app.example.com/x']) {
      const start = await call('/integrations/stripe/oauth/start', {
        method: 'POST',
        body: JSON.stringify({ mode: 'test', returnUrl }),
      });
      expect(start.status, returnUrl).toBe(200);
    }
    const states = await h.pool.query('SELECT return_url FROM referkit.oauth_states');
    for (const row of states.rows) {
      expect(row.return_url === null || !row.return_url.includes('evil')).toBe(true);
    }
  });
});

describe('Stripe webhooks', () => {
  it('verifies the signature and stores each event once', async () => {
    await h.connect('acct-hooks');
    const secret = 'whsec_test_referkit_hooks';
    await h.pool.query(
      "UPDATE referkit.stripe_connections SET webhook_secret_ciphertext = $1 WHERE account_id = 'acct-hooks' RETURNING id",
      [createSecretBox(TEST_ENCRYPTION_KEY).seal(secret)],
    );
    const { rows } = await h.pool.query(
      "SELECT id FROM referkit.stripe_connections WHERE account_id = 'acct-hooks'",
    );
    const path = `/webhooks/stripe/${rows[0].id}`;
    const payload = JSON.stringify({
      id: 'evt_1',
      object: 'event',
      type: 'customer.updated',
      data: { object: {} },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const send = (sig: string) =>
      h.api('POST', path, {
        account: null,
        rawBody: payload,
        headers: { 'content-type': 'application/json', 'stripe-signature': sig },
      });
    expect((await send(signature)).body).toEqual({ received: true });
    expect((await send(signature)).status).toBe(200);
    // Flip the signature's first hex digit (a fixed replacement is a no-op when it is already that digit).
    const forged = await send(
      signature.replace(/v1=(\w)/, (_, digit: string) => `v1=${digit === '0' ? '1' : '0'}`),
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('webhook_signature_invalid');
    const stored = await h.pool.query(
      'SELECT count(*)::int AS n FROM referkit.stripe_webhook_events',
    );
    expect(stored.rows[0].n).toBe(1);
    expect(
      (await h.api('POST', '/webhooks/stripe/con_unknown', { account: null, rawBody: payload }))
        .status,
    ).toBe(404);
  });
});
