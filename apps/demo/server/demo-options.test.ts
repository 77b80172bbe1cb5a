import { describe, expect, it } from 'vitest';
import { readDemoOptions } from './demo-options';

describe('readDemoOptions', () => {
  it('defaults to the sandbox, embedded Postgres and port 5173', () => {
    const options = readDemoOptions({});
    expect(options).toMatchObject({
      port: 5173,
      host: '127.0.0.1',
      databaseUrl: undefined,
      stripeSecretKey: undefined,
      stripeApiBase: undefined,
      sandboxCustomers: 300,
      mode: 'development',
      fastPostgres: false,
    });
    expect(options.dataDir).toMatch(/apps\/demo\/\.data$/);
    expect(options.webDir).toMatch(/apps\/demo\/dist$/);
  });

  it('reads every setting from the environment', () => {
    const options = readDemoOptions({
      PORT: '0',
      DATABASE_URL: 'postgres://me@db.example:5432/demo',
      STRIPE_SECRET_KEY: 'sk_test_abcdefgh1234',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
      REFERKIT_ENCRYPTION_KEY: 'k'.repeat(64),
      NODE_ENV: 'production',
      DEMO_CUSTOMERS: '50',
      DEMO_WEB_DIR: '/tmp/demo-web',
    });
    expect(options).toMatchObject({
      port: 0,
      databaseUrl: 'postgres://me@db.example:5432/demo',
      stripeSecretKey: 'sk_test_abcdefgh1234',
      stripeApiBase: 'http://127.0.0.1:12111',
      encryptionKey: 'k'.repeat(64),
      mode: 'production',
      sandboxCustomers: 50,
      webDir: '/tmp/demo-web',
    });
  });

  it('treats blank variables as unset', () => {
    expect(readDemoOptions({ DATABASE_URL: '  ', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      port: 5173,
    });
  });

  it('refuses a live key for real Stripe, and anything that is not a secret key', () => {
    expect(() => readDemoOptions({ STRIPE_SECRET_KEY: 'sk_live_abcdefgh1234' })).toThrow(
      'STRIPE_SECRET_KEY is a live key',
    );
    expect(() => readDemoOptions({ STRIPE_SECRET_KEY: 'pk_test_abcdefgh1234' })).toThrow(
      'does not look like a Stripe secret or restricted key',
    );
  });

  it('says which variable is wrong', () => {
    expect(() => readDemoOptions({ PORT: 'http' })).toThrow(
      'PORT must be a whole number ≥ 0, got "http".',
    );
    expect(() => readDemoOptions({ STRIPE_API_BASE: 'localhost:12111/x y' })).toThrow(
      'STRIPE_API_BASE must be an http(s) URL',
    );
  });
});
