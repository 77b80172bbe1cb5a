import { fileURLToPath } from 'node:url';
import { parseStripeKey } from '@referkit/core';
import { demoAllowedHosts } from './web-guard';

/** How the demo is started; {@link readDemoOptions} reads it from the environment. */
export interface DemoOptions {
  /** Port of the one URL the demo serves; `0` picks a free one. Env `PORT`. Default: 5173. */
  port: number;
  /** Interface to listen on. Env `HOST`. Default: `127.0.0.1`. */
  host: string;
  /**
   * Folder for the embedded Postgres cluster and the generated encryption key,
   * kept between runs (git-ignored). Env `DEMO_DATA_DIR`. Default: `apps/demo/.data`.
   */
  dataDir: string;
  /** A Postgres to use instead of the embedded one. Env `DATABASE_URL`. Default: none. */
  databaseUrl: string | undefined;
  /**
   * A Stripe test key. Alone, the demo talks to real Stripe in test mode; with
   * `stripeApiBase`, to that API. Env `STRIPE_SECRET_KEY`. Default: none (the sandbox).
   */
  stripeSecretKey: string | undefined;
  /** A Stripe-compatible API to use instead of starting the sandbox. Env `STRIPE_API_BASE`. Default: none. */
  stripeApiBase: string | undefined;
  /**
   * Seals saved Stripe keys. Env `REFERKIT_ENCRYPTION_KEY`. Default: 32 random
   * bytes generated on the first run and kept in `dataDir/encryption-key`.
   */
  encryptionKey: string | undefined;
  /**
   * Public URL of the demo for Stripe's webhooks when talking to real Stripe
   * (e.g. a tunnel). Env `PUBLIC_URL`. Default: none — with the sandbox, the
   * demo's own local URL.
   */
  publicUrl: string | undefined;
  /** Sandbox customers seeded at start. Env `DEMO_CUSTOMERS`. Default: 300. */
  sandboxCustomers: number;
  /** Seed of the sandbox (same customers, ids and keys each run). Env `DEMO_SEED`. Default: 2026. */
  sandboxSeed: number;
  /** `development`: Vite with hot reload; `production`: the built app from `webDir`. Env `NODE_ENV`. */
  mode: 'development' | 'production';
  /**
   * In production, the folder of the built web app; built there at start when
   * it holds no `index.html`. Env `DEMO_WEB_DIR`. Default: `apps/demo/dist`.
   */
  webDir: string;
  /** Writes `{ url, stripe }` as JSON here once ready (for the end-to-end tests). Env `DEMO_READY_FILE`. */
  readyFile: string | undefined;
  /**
   * Runs the embedded Postgres without durability (`fsync=off`), for throwaway
   * test clusters. Env `DEMO_POSTGRES_FAST=1`. Default: off.
   */
  fastPostgres: boolean;
  /**
   * Host names the demo answers besides `localhost`, `*.localhost`, IP
   * addresses, `HOST` and `PUBLIC_URL`'s host (other Host headers get 403,
   * against DNS rebinding). Env `DEMO_ALLOWED_HOSTS`, comma-separated. Default: none.
   */
  allowedHosts: string[];
}

/** The demo app's own folder. */
export const DEMO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${value}".`);
  }
  return parsed;
}

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** Reads the demo's options from environment variables, with a clear error for a bad one. */
export function readDemoOptions(env: NodeJS.ProcessEnv = process.env): DemoOptions {
  const stripeSecretKey = blankToUndefined(env.STRIPE_SECRET_KEY);
  const stripeApiBase = blankToUndefined(env.STRIPE_API_BASE);
  if (stripeSecretKey && !stripeApiBase) {
    const info = parseStripeKey(stripeSecretKey);
    if (!info) {
      throw new Error(
        'STRIPE_SECRET_KEY does not look like a Stripe secret or restricted key (sk_test_… or rk_test_…).',
      );
    }
    if (info.mode !== 'test') {
      throw new Error(
        'STRIPE_SECRET_KEY is a live key: the demo only talks to Stripe in test mode.',
      );
    }
  }
  for (const [name, value] of [
    ['STRIPE_API_BASE', stripeApiBase],
    ['PUBLIC_URL', blankToUndefined(env.PUBLIC_URL)],
  ] as const) {
    if (value && !(/^https?:\/\//.test(value) && URL.canParse(value))) {
      throw new Error(`${name} must be an http(s) URL, got "${value}".`);
    }
  }
  return {
    port: integer('PORT', env.PORT, 5173, 0),
    host: blankToUndefined(env.HOST) ?? '127.0.0.1',
    dataDir: blankToUndefined(env.DEMO_DATA_DIR) ?? `${DEMO_ROOT}.data`,
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    stripeSecretKey,
    stripeApiBase,
    encryptionKey: blankToUndefined(env.REFERKIT_ENCRYPTION_KEY),
    publicUrl: blankToUndefined(env.PUBLIC_URL),
    sandboxCustomers: integer('DEMO_CUSTOMERS', env.DEMO_CUSTOMERS, 300, 0),
    sandboxSeed: integer('DEMO_SEED', env.DEMO_SEED, 2026, 0),
    mode: env.NODE_ENV === 'production' ? 'production' : 'development',
    webDir: blankToUndefined(env.DEMO_WEB_DIR) ?? `${DEMO_ROOT}dist`,
    readyFile: blankToUndefined(env.DEMO_READY_FILE),
    fastPostgres: env.DEMO_POSTGRES_FAST === '1',
    allowedHosts: demoAllowedHosts({
      host: blankToUndefined(env.HOST) ?? '127.0.0.1',
      publicUrl: blankToUndefined(env.PUBLIC_URL),
      extra: env.DEMO_ALLOWED_HOSTS,
    }),
  };
}
