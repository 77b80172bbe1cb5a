import { campaignRoutes } from './campaign-routes';
import { createHttpHandler } from './http-handler';
import { integrationRoutes } from './integration-routes';
import { migrateDatabase } from './migrations';
import { createServerContext } from './server-context';
import type { ReferkitServerOptions, SyncWorkerOptions } from './server-options';
import { prepareQueue } from './sync-queue';
import { syncRoutes } from './sync-routes';
import { type SyncWorker, startSyncWorker } from './sync-worker';

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
  const handle = createHttpHandler(ctx, {
    ...integrationRoutes(ctx),
    ...campaignRoutes(ctx),
    ...syncRoutes(ctx),
  });
  const workers = new Set<SyncWorker>();
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
          stripeFor: ctx.stripeFor,
          ...(options.stripe?.retry ? { retry: options.stripe.retry } : {}),
          markConnectionError: async (id, reason) => {
            await ctx.connections.markChecked(id, reason);
          },
        },
        ctx.logger,
        workerOptions,
      );
      workers.add(worker);
      return {
        async stop() {
          workers.delete(worker);
          await worker.stop();
        },
      };
    },
    async close() {
      await Promise.all([...workers].map((worker) => worker.stop()));
      workers.clear();
      await ctx.boss.stop({ graceful: false, wait: true }).catch(() => {});
      await ctx.limiters.stop();
      await ctx.db.close();
    },
  };
}
