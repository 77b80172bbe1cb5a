import { randomBytes } from 'node:crypto';
import { createDefaultSyncConfig } from '@referkit/core';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferkitServer, type ReferkitServer } from '../create-referkit-server';
import { createSecretBox } from '../store/secret-box';
import {
  createHarness,
  type Harness,
  type readJson,
  TEST_ENCRYPTION_KEY,
  testAuthenticate,
} from '../test-support/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: false, webhooks: true, sandbox: { customers: 5 } });
});
afterAll(() => h?.close());

/** The Referkit endpoints registered on the sandbox's default account. */
async function endpoints() {
  return (await h.stripe().webhookEndpoints.list({ limit: 100 })).data;
}

describe('connection changes of one tenant', () => {
  it('registers one webhook endpoint however many connects race', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        h.api('POST', '/integrations/stripe/connect', {
          account: 'acct-race',
          body: { mode: 'test', secretKey: h.sandbox.secretKey },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const { rows } = await h.pool.query(
      "SELECT id, webhook_endpoint_id FROM referkit.stripe_connections WHERE account_id = 'acct-race'",
    );
    const registered = await endpoints();
    expect(registered.map((e) => e.id)).toEqual([rows[0].webhook_endpoint_id]);
    expect(registered[0]?.metadata?.referkit_connection).toBe(rows[0].id);
  });

  it('lets many tenants change connections at once on a small pool without waiting forever', async () => {
    const small = createReferkitServer({
      database: { url: h.databaseUrl, maxConnections: 2 },
      encryptionKey: TEST_ENCRYPTION_KEY,
      linkBaseUrl: 'https://ref.example.com',
      authenticate: testAuthenticate,
      logger: { info() {}, warn() {}, error() {} },
      stripe: { apiBase: h.sandbox.url },
    });
    try {
      await small.migrate();
      const tenants = Array.from({ length: 6 }, (_, i) => `acct-pool-${i}`);
      const results = await Promise.all(
        tenants.map((account) =>
          small.handler(
            new Request('http://referkit.test/integrations/stripe/connect', {
              method: 'POST',
              headers: { 'x-test-account': account, 'content-type': 'application/json' },
              body: JSON.stringify({ mode: 'test', secretKey: h.sandbox.secretKey }),
            }),
          ),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(tenants.map(() => 200));
    } finally {
      await small.close();
    }
  });

  it('removes every endpoint Referkit registered on disconnect, and only those', async () => {
    const { rows } = await h.pool.query(
      "SELECT id FROM referkit.stripe_connections WHERE account_id = 'acct-race'",
    );
    const stripe = h.stripe();
    // One left behind by an earlier attempt, and one the merchant set up for something else.
    await stripe.webhookEndpoints.create({
      url: `${h.baseUrl}/webhooks/stripe/${rows[0].id}`,
      enabled_events: ['customer.updated'],
      metadata: { referkit_connection: rows[0].id },
    });
    const theirs = await stripe.webhookEndpoints.create({
      url: 'https://merchant.example/hooks',
      enabled_events: ['invoice.paid'],
    });
    expect(await endpoints()).toHaveLength(3);
    const result = await h.api('DELETE', '/integrations/stripe', { account: 'acct-race' });
    expect(result.status).toBe(204);
    expect((await endpoints()).map((e) => e.id)).toEqual([theirs.id]);
    await stripe.webhookEndpoints.del(theirs.id);
  });
});

describe('changing the encryption key', () => {
  const oldKey = TEST_ENCRYPTION_KEY;
  const newKey = randomBytes(32).toString('hex');
  const servers: ReferkitServer[] = [];
  const serverWith = (encryptionKey: string | string[]) => {
    const server = createReferkitServer({
      database: { url: h.databaseUrl },
      encryptionKey,
      linkBaseUrl: 'https://ref.example.com',
      authenticate: testAuthenticate,
      connectionCheckIntervalSeconds: 0,
      validateResponses: true,
      logger: { info() {}, warn() {}, error() {} },
      stripe: { apiBase: h.sandbox.url, webhookBaseUrl: h.baseUrl as string },
    });
    servers.push(server);
    return server;
  };
  const call = async (
    server: ReferkitServer,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{
    status: number;
    body: ReturnType<typeof readJson> extends Promise<infer T> ? T : never;
  }> => {
    const response = await server.handler(
      new Request(`http://referkit.test${path}`, {
        method,
        headers: { 'x-test-account': 'acct-keys', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('keeps working with the old key listed after the new one, and says to reconnect without it', async () => {
    await h.connect('acct-keys');
    const campaignId = await h.campaign('acct-keys');
    const before = (await endpoints()).map((e) => e.id);
    expect(before).toHaveLength(1);

    // Rotated: the new key first, the old one still listed.
    const rotated = serverWith([newKey, oldKey]);
    const samples = await call(
      rotated,
      'GET',
      '/integrations/stripe/object-types/customer/samples',
    );
    expect(samples.status).toBe(200);
    expect((await call(rotated, 'GET', '/integrations')).body.integrations[0].status).toBe(
      'connected',
    );

    // The old key dropped: a clear status and 409s that say what to do, never a 500.
    const dropped = serverWith(newKey);
    const listed = await call(dropped, 'GET', '/integrations');
    expect(listed.status).toBe(200);
    expect(listed.body.integrations[0]).toMatchObject({
      status: 'error',
      error: expect.stringContaining('Reconnect Stripe'),
    });
    for (const [method, path, body] of [
      ['GET', '/integrations/stripe/object-types/customer/samples'],
      ['GET', '/integrations/stripe/object-types/customer/fields'],
      ['POST', '/syncs', { campaignId, config: createDefaultSyncConfig() }],
      ['DELETE', '/integrations/stripe'],
    ] as const) {
      const result = await call(dropped, method, path, body);
      expect(result.status, `${method} ${path}`).toBe(409);
      expect(result.body.error.code).toBe('integration_not_connected');
      expect(result.body.error.message).toMatch(/Reconnect Stripe/);
    }
    // Nothing was removed by the refused disconnect.
    expect((await endpoints()).map((e) => e.id)).toEqual(before);

    // Reconnecting seals the key anew and registers a fresh endpoint whose secret the server can open.
    const reconnect = await call(dropped, 'POST', '/integrations/stripe/connect', {
      mode: 'test',
      secretKey: h.sandbox.secretKey,
    });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.integration).toMatchObject({ status: 'connected' });
    const after = await endpoints();
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before[0]);
    const { rows } = await h.pool.query(
      "SELECT id, webhook, webhook_secret_ciphertext FROM referkit.stripe_connections WHERE account_id = 'acct-keys'",
    );
    expect(rows[0].webhook).toBe('registered');
    const secret = createSecretBox(newKey).open(rows[0].webhook_secret_ciphertext);
    const payload = JSON.stringify({
      id: 'evt_after_rotation',
      object: 'event',
      type: 'customer.updated',
      data: { object: { id: 'cus_x' } },
    });
    const delivered = await dropped.handler(
      new Request(`http://referkit.test/webhooks/stripe/${rows[0].id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }),
        },
        body: payload,
      }),
    );
    expect(delivered.status).toBe(200);

    // Now disconnect works and removes the endpoint.
    expect((await call(dropped, 'DELETE', '/integrations/stripe')).status).toBe(204);
    expect(await endpoints()).toEqual([]);
  });
});
