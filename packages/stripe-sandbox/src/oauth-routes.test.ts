import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { rejection, sdk } from './test-support';

const REDIRECT = 'http://localhost:3000/stripe/callback';

let sandbox: StripeSandbox;
let platform: Stripe;

beforeAll(async () => {
  sandbox = await startStripeSandbox({ rateLimit: false, webhookRetry: { minTimeoutMs: 10 } });
  platform = sdk(sandbox);
});

afterAll(async () => {
  await sandbox.stop();
});

/** Walks the consent page as a person would: open it, pick the account, press a button. */
async function consent(accountId: string, decision: 'allow' | 'deny', scope = 'read_write') {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: sandbox.clientId,
    scope,
    redirect_uri: REDIRECT,
    state: 'csrf-123',
  });
  const page = await fetch(`${sandbox.url}/oauth/authorize?${query}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(`value="${accountId}"`);
  expect(html).toContain('>Connect</button>');
  const form = new URLSearchParams({
    client_id: sandbox.clientId,
    scope,
    redirect_uri: REDIRECT,
    state: 'csrf-123',
    account: accountId,
    decision,
  });
  const answer = await fetch(`${sandbox.url}/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

describe('Connect OAuth', () => {
  it('connects an account: consent page, code, token, then the token and Stripe-Account both work', async () => {
    const connected = sandbox.createAccount({ name: 'Merchant One', customers: 3 });
    const back = await consent(connected.accountId, 'allow');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('csrf-123');
    expect(back.searchParams.get('scope')).toBe('read_write');
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^ac_/);

    const token = await platform.oauth.token({ grant_type: 'authorization_code', code });
    expect(token).toMatchObject({
      livemode: false,
      token_type: 'bearer',
      scope: 'read_write',
      stripe_user_id: connected.accountId,
      stripe_publishable_key: connected.publishableKey,
    });
    expect(token.access_token).toMatch(/^sk_test_/);
    expect(token.refresh_token).toMatch(/^rt_/);

    const asMerchant = sdk(sandbox, token.access_token ?? '');
    expect((await asMerchant.customers.list()).data).toHaveLength(3);
    const viaHeader = await platform.customers.list({}, { stripeAccount: connected.accountId });
    expect(viaHeader.data).toHaveLength(3);
    expect((await platform.accounts.retrieve(connected.accountId)).id).toBe(connected.accountId);

    const reused = await rejection(
      platform.oauth.token({ grant_type: 'authorization_code', code }),
    );
    expect(reused).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    const revoked = await rejection(asMerchant.customers.list());
    expect(revoked.code).toBe('api_key_expired');
  });

  it('redirects with access_denied when the user denies', async () => {
    const connected = sandbox.createAccount();
    const back = await consent(connected.accountId, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('state')).toBe('csrf-123');
  });

  it('grants read_only tokens without write access, and refreshes tokens', async () => {
    const connected = sandbox.createAccount({ customers: 1 });
    const code =
      (await consent(connected.accountId, 'allow', 'read_only')).searchParams.get('code') ?? '';
    const token = await platform.oauth.token({ grant_type: 'authorization_code', code });
    expect(token.scope).toBe('read_only');
    const reader = sdk(sandbox, token.access_token ?? '');
    const denied = await rejection(reader.customers.create({ name: 'x' }));
    expect(denied).toBeInstanceOf(Stripe.errors.StripePermissionError);
    const refreshed = await platform.oauth.token({
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token ?? '',
    });
    expect(refreshed.access_token).not.toBe(token.access_token);
    await expect(sdk(sandbox, refreshed.access_token ?? '').customers.list()).resolves.toBeTruthy();
  });

  it('deauthorizes: tokens stop working and Stripe-Account is refused', async () => {
    const connected = sandbox.createAccount({ customers: 1 });
    const code = (await consent(connected.accountId, 'allow')).searchParams.get('code') ?? '';
    const token = await platform.oauth.token({ grant_type: 'authorization_code', code });
    const done = await platform.oauth.deauthorize({
      client_id: sandbox.clientId,
      stripe_user_id: connected.accountId,
    });
    expect(done.stripe_user_id).toBe(connected.accountId);
    const expired = await rejection(sdk(sandbox, token.access_token ?? '').customers.list());
    expect(expired).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const header = await rejection(
      platform.customers.list({}, { stripeAccount: connected.accountId }),
    );
    expect(header).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it('expires authorization codes after 5 minutes on the sandbox clock', async () => {
    const connected = sandbox.createAccount();
    const code = (await consent(connected.accountId, 'allow')).searchParams.get('code') ?? '';
    sandbox.advanceClock(301);
    const expired = await rejection(
      platform.oauth.token({ grant_type: 'authorization_code', code }),
    );
    expect(expired).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    expect(expired.message).toMatch(/expired/);
  });

  it('answers bad codes and grant types with OAuth errors', async () => {
    const missing = await rejection(
      platform.oauth.token({ grant_type: 'authorization_code', code: 'ac_nope' }),
    );
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
    expect(missing.message).toMatch(/does not exist/);
    const grant = await rejection(
      platform.oauth.token({ grant_type: 'password' as 'authorization_code', code: 'x' }),
    );
    expect(grant).toBeInstanceOf(Stripe.errors.StripeUnsupportedGrantTypeError);
    const page = await fetch(
      `${sandbox.url}/oauth/authorize?client_id=ca_unknown&redirect_uri=${REDIRECT}`,
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/No such application/);
  });

  it('delivers connected accounts’ events to the platform’s Connect endpoints with event.account', async () => {
    const bodies: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/connect`;
      await platform.webhookEndpoints.create({ url, enabled_events: ['*'], connect: true });
      const connected = sandbox.createAccount();
      const code = (await consent(connected.accountId, 'allow')).searchParams.get('code') ?? '';
      const token = await platform.oauth.token({ grant_type: 'authorization_code', code });
      await sdk(sandbox, token.access_token ?? '').customers.create({ name: 'Connected customer' });
      await platform.customers.create({ name: 'Platform customer' }); // not a Connect event
      expect(await sandbox.webhooksIdle(5000)).toBe(true);
      expect(bodies).toHaveLength(1);
      const event = JSON.parse(bodies[0] ?? '{}') as { account: string; type: string };
      expect(event.account).toBe(connected.accountId);
      expect(event.type).toBe('customer.created');
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
