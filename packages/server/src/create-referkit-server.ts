import { API_ERROR_MESSAGES } from '@referkit/core';
import { ApiError } from './api-error';
import { runScheduler, type SchedulerTick } from './engine/run-scheduler';
import { prepareQueue } from './engine/sync-queue';
import { type LocalSyncWorker, type SyncWorker, startSyncWorker } from './engine/sync-worker';
import { campaignRoutes } from './http/campaign-routes';
import { createHttpHandler } from './http/http-handler';
import { integrationRoutes } from './http/integration-routes';
import { syncRoutes } from './http/sync-routes';
import { withIdempotency } from './http/with-idempotency';
import { createServerContext } from './server-context';
import type { ReferkitServerOptions, SyncWorkerOptions } from './server-options';
import { UNREADABLE_KEY_PROBLEM } from './store/connection-store';
import { migrateDatabase } from './store/migrations';
import { UnreadableSecretError } from './store/secret-box';
import {
  removeWebhookEndpoint,
  setWebhook,
  stripeWebhookPath,
} from './stripe/stripe-webhook-endpoint';

/** What {@link ReferkitServer.setReferralCounts} changes. */
export interface ReferralCountsUpdate {
  /** The tenant the referrer belongs to. */
  accountId: string;
  referrerId: string;
  /** Default: unchanged. */
  referralsCount?: number | undefined;
  /** Default: unchanged. */
  convertedReferralsCount?: number | undefined;
}

/** What {@link createReferkitServer} returns. */
export interface ReferkitServer {
  /**
   * The Fetch-API handler: `(request) => Promise<Response>`. Mount it under
   * `basePath` in Hono, Express (through a Fetch adapter), Next route handlers…
   * It applies migrations on its first request if {@link ReferkitServer.migrate} was not awaited.
   */
  handler(request: Request): Promise<Response>;
  /**
   * Applies the versioned migrations and pg-boss's schema. Safe to call from
   * many processes at once; call it at start-up.
   */
  migrate(): Promise<void>;
  /**
   * Starts a sync worker in this process (call it in as many processes as you
   * like). Resolves once it is polling for jobs.
   */
  startWorker(options?: SyncWorkerOptions): Promise<SyncWorker>;
  /**
   * One tick of the scheduler: starts the ongoing syncs that are due and hands
   * runs whose worker died to a fresh job. Workers run it once a minute (a
   * pg-boss schedule, fired once across all of them); call it yourself only
   * if you run it from your own cron instead. Safe to call from many
   * processes at once.
   */
  runScheduler(): Promise<SchedulerTick>;
  /**
   * Records a referrer's counts (the referral platform counts referrals). An
   * ongoing sync that writes counts back sends the new values to Stripe on its
   * next run. Returns `false` when the referrer is not the tenant's.
   */
  setReferralCounts(update: ReferralCountsUpdate): Promise<boolean>;
  /**
   * Where Stripe must post the tenant's customer events, relative to where the
   * handler is mounted (`/webhooks/stripe/con_…`), for setting up the webhook
   * endpoint by hand; `null` when Stripe is not connected.
   */
  stripeWebhookPath(accountId: string): Promise<string | null>;
  /**
   * Saves the signing secret (`whsec_…`) of a webhook endpoint set up by hand
   * in the Stripe Dashboard for the tenant's connection (events
   * `customer.created`, `customer.updated`, `customer.deleted`, URL from
   * {@link ReferkitServer.stripeWebhookPath}); the connection then reports
   * `webhook: 'manual'`. Throws when Stripe is not connected or the secret is
   * not a signing secret.
   */
  setStripeWebhookSecret(accountId: string, signingSecret: string): Promise<void>;
  /** Stops this server's workers and closes its database pool (if it opened it). */
  close(): Promise<void>;
}

/**
 * Creates the Referkit server: the HTTP API as a Fetch-API handler, Postgres
 * storage and the Stripe sync engine on pg-boss.
 *
 * @example
 * const referkit = createReferkitServer({
 *   database: { url: process.env.DATABASE_URL! },
 *   encryptionKey: process.env.REFERKIT_ENCRYPTION_KEY!,
 *   linkBaseUrl: 'https://ref.example.com',
 *   authenticate: async (request) => ({ accountId: await sessionAccount(request) }),
 * });
 * await referkit.migrate();
 * await referkit.startWorker();
 */
export function createReferkitServer(options: ReferkitServerOptions): ReferkitServer {
  const ctx = createServerContext(options);
  const handle = createHttpHandler(
    ctx,
    withIdempotency(ctx, {
      ...integrationRoutes(ctx),
      ...campaignRoutes(ctx),
      ...syncRoutes(ctx),
    }),
  );
  const workers = new Set<LocalSyncWorker>();
  let migrated: Promise<void> | null = null;
  const migrate = () => {
    migrated ??= (async () => {
      await migrateDatabase(ctx.db);
      await prepareQueue(ctx.boss);
    })().catch((error) => {
      migrated = null;
      throw error;
    });
    return migrated;
  };

  return {
    async handler(request) {
      await migrate();
      return handle(request);
    },
    migrate,
    async startWorker(workerOptions) {
      await migrate();
      const worker = await startSyncWorker(
        ctx.db,
        {
          db: ctx.db,
          jobs: ctx.jobs,
          logger: ctx.logger,
          limiters: ctx.limiters,
          stripeFor: (connection) => {
            try {
              return ctx.stripeFor(connection);
            } catch (error) {
              if (error instanceof UnreadableSecretError) {
                // The Sync screen says to reconnect, instead of "connected".
                void ctx.connections
                  .markChecked(connection.id, UNREADABLE_KEY_PROBLEM)
                  .catch(() => {});
              }
              throw error;
            }
          },
          ...(options.stripe?.retry ? { retry: options.stripe.retry } : {}),
          markConnectionError: async (id, reason) => {
            await ctx.connections.markChecked(id, reason);
          },
        },
        ctx.logger,
        workerOptions,
      );
      workers.add(worker);
      ctx.localWorkers.add(worker);
      return {
        async stop() {
          workers.delete(worker);
          ctx.localWorkers.delete(worker);
          await worker.stop();
        },
      };
    },
    async runScheduler() {
      await migrate();
      return runScheduler(ctx);
    },
    async setReferralCounts({ accountId, referrerId, referralsCount, convertedReferralsCount }) {
      for (const count of [referralsCount, convertedReferralsCount]) {
        if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
          throw new RangeError(`Referral counts are whole numbers ≥ 0, got ${count}.`);
        }
      }
      await migrate();
      const result = await ctx.db.pool.query(
        `UPDATE referkit.referrers SET
           referrals_count = coalesce($3, referrals_count),
           converted_referrals_count = coalesce($4, converted_referrals_count),
           updated_at = now()
         WHERE account_id = $1 AND id = $2`,
        [accountId, referrerId, referralsCount ?? null, convertedReferralsCount ?? null],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async stripeWebhookPath(accountId) {
      await migrate();
      const connection = await ctx.connections.get(accountId);
      return connection ? stripeWebhookPath(connection.id) : null;
    },
    async setStripeWebhookSecret(accountId, signingSecret) {
      if (!/^whsec_\S+$/.test(signingSecret.trim())) {
        throw new ApiError(
          'invalid_request',
          'That is not a webhook signing secret: copy the whsec_… secret of the endpoint from the Stripe Dashboard.',
        );
      }
      await migrate();
      const connection = await ctx.connections.get(accountId);
      if (!connection) {
        throw new ApiError('integration_not_connected', API_ERROR_MESSAGES.stripeNotConnected);
      }
      await removeWebhookEndpoint(ctx, connection);
      await setWebhook(ctx, connection.id, 'manual', null, signingSecret.trim());
    },
    async close() {
      await Promise.all([...workers].map((worker) => worker.stop()));
      workers.clear();
      ctx.localWorkers.clear();
      await ctx.boss.stop({ graceful: false, wait: true }).catch(() => {});
      await ctx.limiters.stop();
      await ctx.db.close();
    },
  };
}
