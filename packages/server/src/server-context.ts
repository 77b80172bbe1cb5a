import { createHash } from 'node:crypto';
import { DEFAULT_MAX_CSV_RECORD_BYTES } from '@referkit/core';
import type PgBoss from 'pg-boss';
import type Stripe from 'stripe';
import { createBoss, type ResolvedJobOptions, resolveJobOptions } from './engine/sync-queue';
import { resolveTrustedOrigins } from './http/trusted-origins';
import { consoleLogger, createRedactingLogger, type Logger } from './logger';
import type { ReferkitServerOptions } from './server-options';
import { apiKeyStore } from './store/api-key-store';
import { campaignStore } from './store/campaign-store';
import { type ConnectionRow, connectionStore } from './store/connection-store';
import { createDatabase, type Database } from './store/database';
import { referrerStore } from './store/referrer-store';
import { createSecretBox, type SecretBox } from './store/secret-box';
import { syncStore } from './store/sync-store';
import {
  createStripeClient,
  STRIPE_API_BASE,
  type StripeClientOptions,
} from './stripe/stripe-client';
import { StripeLimiters } from './stripe/stripe-limiters';

/** Everything route handlers and the engine share. */
export interface ServerContext {
  db: Database;
  secrets: SecretBox;
  logger: Logger;
  options: ReferkitServerOptions;
  basePath: string;
  /** The host's `trustedOrigins`, normalised. */
  trustedOrigins: ReadonlySet<string>;
  stripeClient: StripeClientOptions;
  connectBase: string;
  limits: {
    maxBodyBytes: number;
    maxCsvBytes: number;
    maxCsvRows: number;
    maxCsvRecordBytes: number;
    recheckSeconds: number;
  };
  jobs: ResolvedJobOptions;
  /** pg-boss on the server's pool, for sending jobs. */
  boss: PgBoss;
  limiters: StripeLimiters;
  campaigns: ReturnType<typeof campaignStore>;
  referrers: ReturnType<typeof referrerStore>;
  apiKeys: ReturnType<typeof apiKeyStore>;
  connections: ReturnType<typeof connectionStore>;
  syncs: ReturnType<typeof syncStore>;
  /** The SDK client of a saved connection (cached per key). */
  stripeFor(connection: ConnectionRow): Stripe;
  /** Workers started in this process (`startWorker`). */
  localWorkers: Set<{ wake(): void }>;
  /** Has this process's workers look for jobs after `afterMs` instead of at their next poll. */
  wakeWorkers(afterMs: number): void;
}

/** Builds the shared context from the server's options. */
export function createServerContext(options: ReferkitServerOptions): ServerContext {
  if (!options.linkBaseUrl || !URL.canParse(options.linkBaseUrl)) {
    throw new Error('linkBaseUrl must be an absolute URL, e.g. https://ref.example.com');
  }
  const trustedOrigins = resolveTrustedOrigins(options.trustedOrigins);
  const db = createDatabase(options.database);
  const secrets = createSecretBox(options.encryptionKey);
  const logger = createRedactingLogger(options.logger ?? consoleLogger);
  const jobs = resolveJobOptions(options.jobs);
  const stripe = options.stripe ?? {};
  const stripeClient: StripeClientOptions = {
    apiBase: stripe.apiBase ?? STRIPE_API_BASE,
    ...(stripe.timeoutMs ? { timeoutMs: stripe.timeoutMs } : {}),
  };
  const connections = connectionStore(db, secrets);
  const clients = new Map<string, Stripe>();
  const localWorkers = new Set<{ wake(): void }>();
  return {
    db,
    secrets,
    logger,
    options,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    trustedOrigins,
    stripeClient,
    connectBase: (stripe.connectBase ?? stripe.apiBase ?? 'https://connect.stripe.com').replace(
      /\/+$/,
      '',
    ),
    limits: {
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      maxCsvBytes: options.maxCsvBytes ?? 20 * 1024 * 1024,
      maxCsvRows: options.maxCsvRows ?? 100_000,
      maxCsvRecordBytes: options.maxCsvRecordBytes ?? DEFAULT_MAX_CSV_RECORD_BYTES,
      recheckSeconds: options.connectionCheckIntervalSeconds ?? 300,
    },
    jobs,
    boss: createBoss(db, jobs),
    limiters: new StripeLimiters({ budget: stripe.budget, tuning: stripe.rateLimit }, db),
    campaigns: campaignStore(db),
    referrers: referrerStore(db),
    apiKeys: apiKeyStore(db),
    connections,
    syncs: syncStore(db),
    localWorkers,
    wakeWorkers(afterMs) {
      if (localWorkers.size === 0) return;
      // A little after the job's start time, so it is due when the workers look.
      setTimeout(() => {
        for (const worker of localWorkers) worker.wake();
      }, afterMs + 25).unref();
    },
    stripeFor(connection) {
      const key = connections.secretKey(connection);
      const id = createHash('sha256').update(key).digest('hex');
      let client = clients.get(id);
      if (!client) {
        if (clients.size >= 256) clients.clear();
        client = createStripeClient(key, stripeClient);
        clients.set(id, client);
      }
      return client;
    },
  };
}
