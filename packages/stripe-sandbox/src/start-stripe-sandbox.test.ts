import { describe, expect, it } from 'vitest';
import { STRIPE_RATE_LIMITS } from './rate-limit-options';
import { startStripeSandbox } from './start-stripe-sandbox';
import { sdk } from './test-support';

describe('startStripeSandbox', () => {
  it('gives the default seed the account and keys the README documents', async () => {
    const sandbox = await startStripeSandbox();
    try {
      expect(sandbox.accountId).toBe('acct_14Tm92PaSRFJdzov');
      expect(sandbox.secretKey).toBe(
        'sk_test_51KIqSnBfNeWWEQJhIAJEkz9YpXpjdCiwlMnbCmQcXJ1B1u28UMLWaCIoFR2Vv',
      );
      expect(sandbox.publishableKey).toBe(
        'pk_test_51CuSUwqaK2rLpHyDBQDvxhHCx7xC848Iidt2bzaV9TQUMZX5b8WtIXGwwoDPf',
      );
      expect(sandbox.clientId).toBe('ca_nEOFElOC8alKOTO90iAKPw8E1juBSg8u');
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.config().rateLimit).toEqual(STRIPE_RATE_LIMITS);
    } finally {
      await sandbox.stop();
    }
  });

  it('takes a chosen account id and key, and a start time for its clock', async () => {
    const sandbox = await startStripeSandbox({
      account: { id: 'acct_1TenantA', secretKey: 'sk_test_tenantA', name: 'Tenant A' },
      clock: new Date('2030-01-01T00:00:00Z'),
    });
    try {
      const stripe = sdk(sandbox, 'sk_test_tenantA');
      const account = await stripe.accounts.retrieveCurrent();
      expect(account.id).toBe('acct_1TenantA');
      expect(account.business_profile?.name).toBe('Tenant A');
      const customer = await stripe.customers.create({ name: 'Future' });
      expect(customer.created).toBeGreaterThanOrEqual(1_893_456_000);
      expect(customer.created).toBeLessThan(1_893_456_000 + 60);
    } finally {
      await sandbox.stop();
    }
  });

  it('answers unknown URLs as Stripe does and stops cleanly', async () => {
    const sandbox = await startStripeSandbox();
    const res = await fetch(`${sandbox.url}/v1/charges`, {
      headers: { Authorization: `Bearer ${sandbox.secretKey}` },
    });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/^Unrecognized request URL \(GET: \/v1\/charges\)/);
    await sandbox.stop();
    await expect(fetch(`${sandbox.url}/v1/customers`)).rejects.toThrow();
  });

  it('refuses to start on a port in use', async () => {
    const first = await startStripeSandbox();
    try {
      await expect(startStripeSandbox({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });
});
