import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountCredentials } from './sandbox-state';
import { type StripeSandbox, startStripeSandbox } from './start-stripe-sandbox';
import { control, rejection, sdk } from './test-support';

describe('merchant traffic', () => {
  let sandbox: StripeSandbox;
  let live: AccountCredentials;

  beforeAll(async () => {
    sandbox = await startStripeSandbox({ customers: 5 });
    live = sandbox.createAccount({ livemode: true });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it("calls other endpoints than the sync, tagged, and shares the account's global budget", async () => {
    sandbox.configure({ rateLimit: { global: { live: 30 } } });
    sandbox.resetStats();
    const traffic = sandbox.startMerchantTraffic({ ratePerSecond: 80, apiKey: live.secretKey });
    expect(traffic.tag).toBe('merchant');
    // 80/s over four operations is 20/s each: within every endpoint's 25/s,
    // but over the account's 30/s. After one second at most 30 + 30 were
    // allowed of the 80 sent.
    await vi.waitFor(() => expect(traffic.stats().requests).toBeGreaterThanOrEqual(80), {
      timeout: 10_000,
      interval: 20,
    });
    const final = await traffic.stop();
    expect(final.rateLimited).toBeGreaterThanOrEqual(10);
    expect(final.rateLimitedBy).toEqual({ 'global-rate': final.rateLimited });
    expect(final.succeeded + final.rateLimited + final.failed).toBe(final.requests);
    expect(final.failed).toBe(0);
    expect(Object.keys(final.operations).sort()).toEqual([
      'GET /v1/account',
      'GET /v1/balance',
      'GET /v1/payment_intents/:id',
      'POST /v1/payment_intents',
    ]);

    const stats = sandbox.stats();
    expect(stats.tags.merchant).toMatchObject({
      requests: final.requests,
      rateLimited: final.rateLimited,
    });
    expect(stats.keys[live.secretKey]?.requests).toBe(final.requests);
    expect(stats.endpoints['GET /v1/customers']).toBeUndefined();
    expect(stats.endpoints['POST /v1/payment_intents']?.writes).toBeGreaterThan(0);
    // Stopped means stopped: nothing more is sent. (The limit goes first, so this request
    // — the positive signal — is not refused by a global bucket the traffic just emptied.)
    sandbox.configure({ rateLimit: false });
    await sdk(sandbox, live.secretKey).balance.retrieve();
    expect(sandbox.stats().tags.merchant?.requests).toBe(final.requests);
  });

  it('creates PaymentIntents the SDK can read back, and refuses bad ones with a 400', async () => {
    sandbox.configure({ rateLimit: false });
    const stripe = sdk(sandbox);
    const intent = await stripe.paymentIntents.create({
      amount: 4200,
      currency: 'EUR',
      metadata: { order: '17' },
    });
    expect(intent).toMatchObject({
      object: 'payment_intent',
      amount: 4200,
      currency: 'eur',
      status: 'requires_payment_method',
      livemode: false,
      metadata: { order: '17' },
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    await expect(stripe.paymentIntents.retrieve(intent.id)).resolves.toEqual(intent);
    const missing = await rejection(stripe.paymentIntents.retrieve('pi_missing'));
    expect(missing.statusCode).toBe(404);
    const noAmount = await rejection(stripe.paymentIntents.create({ currency: 'usd' } as never));
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.param).toBe('amount');
    const balance = await stripe.balance.retrieve();
    expect(balance.object).toBe('balance');
    const denied = sandbox.createRestrictedKey({ permissions: { customers: 'read' } });
    const refused = await rejection(sdk(sandbox, denied.secret).balance.retrieve());
    expect(refused.statusCode).toBe(403);
    expect(refused.message).toMatch(/rak_balance_read/);
  });

  it('runs from the control API too, and checks its options', async () => {
    sandbox.configure({ rateLimit: false });
    const started = await control<{ id: string; tag: string }>(
      sandbox,
      'POST',
      '/merchant-traffic',
      { ratePerSecond: 50, tag: 'shop', operations: ['GET /v1/balance'] },
    );
    expect(started.tag).toBe('shop');
    await vi.waitFor(
      () => expect(sandbox.stats().tags.shop?.succeeded ?? 0).toBeGreaterThanOrEqual(5),
      { timeout: 10_000, interval: 20 },
    );
    const running = await control<Array<{ id: string }>>(sandbox, 'GET', '/merchant-traffic');
    expect(running.map((t) => t.id)).toEqual([started.id]);
    const stopped = await control<{ stats: { requests: number; succeeded: number } }>(
      sandbox,
      'DELETE',
      `/merchant-traffic/${started.id}`,
    );
    expect(stopped.stats.succeeded).toBe(stopped.stats.requests);
    expect(sandbox.stats().endpoints['GET /v1/balance']?.requests).toBeGreaterThanOrEqual(
      stopped.stats.requests,
    );
    expect(await control(sandbox, 'GET', '/merchant-traffic')).toEqual([]);
    await expect(
      control(sandbox, 'POST', '/merchant-traffic', { ratePerSecond: 0 }),
    ).rejects.toThrow(/400.*ratePerSecond/);
    await expect(
      control(sandbox, 'POST', '/merchant-traffic', {
        ratePerSecond: 5,
        operations: ['DELETE /v1/customers/:id'],
      }),
    ).rejects.toThrow(/400.*Unknown merchant operation/);
    await expect(control(sandbox, 'DELETE', '/merchant-traffic/mt_404')).rejects.toThrow(/404/);
  });
});
