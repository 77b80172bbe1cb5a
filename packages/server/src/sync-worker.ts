import type PgBoss from 'pg-boss';
import type { Database } from './database';
import type { Logger } from './logger';
import { type EngineDeps, runSyncSlice } from './run-sync-slice';
import type { SyncWorkerOptions } from './server-options';
import { createBoss, prepareQueue, SYNC_RUN_QUEUE, type SyncRunJobData } from './sync-queue';

/** A running worker. */
export interface SyncWorker {
  /**
   * Stops taking jobs; runs in progress stop at their next page boundary and
   * hand the rest to a fresh job, which any worker picks up.
   */
  stop(): Promise<void>;
}

/**
 * Starts pg-boss workers for sync runs on this process. Any number of
 * processes on any number of machines may run workers against the same
 * database: pg-boss hands each job to one of them, and a run's lease keeps a
 * run on one worker at a time.
 */
export async function startSyncWorker(
  db: Database,
  engine: Omit<EngineDeps, 'boss' | 'pagesInFlight'>,
  logger: Logger,
  options: SyncWorkerOptions = {},
): Promise<SyncWorker> {
  const boss: PgBoss = createBoss(db, engine.jobs, {
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (error) => logger.error('pg-boss error', { error }));
  await prepareQueue(boss);
  const deps: EngineDeps = { ...engine, boss, pagesInFlight: options.pagesInFlight ?? 3 };
  const stopping = new AbortController();
  const concurrency = Math.max(1, options.concurrency ?? 2);
  for (let i = 0; i < concurrency; i++) {
    await boss.work<SyncRunJobData>(
      SYNC_RUN_QUEUE,
      {
        batchSize: 1,
        includeMetadata: true,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      },
      async ([job]) => {
        if (!job) return;
        const result = await runSyncSlice(deps, job.data.runId, {
          isLastAttempt: job.retryCount >= job.retryLimit,
          signal: stopping.signal,
        });
        logger.info('Sync run slice finished', { runId: job.data.runId, result });
        return { result };
      },
    );
  }
  return {
    async stop() {
      stopping.abort();
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    },
  };
}
