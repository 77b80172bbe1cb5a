import type PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import type { SyncWorkerOptions } from '../server-options';
import type { Database } from '../store/database';
import type { EngineDeps } from './engine-deps';
import { runScheduler } from './run-scheduler';
import { runSyncSlice } from './run-sync-slice';
import {
  createBoss,
  prepareQueue,
  SYNC_RUN_QUEUE,
  SYNC_TICK_QUEUE,
  type SyncRunJobData,
} from './sync-queue';

/** A running worker. */
export interface SyncWorker {
  /**
   * Stops taking jobs; runs in progress stop at their next page boundary and
   * hand the rest to a fresh job, which any worker picks up.
   */
  stop(): Promise<void>;
}

/** A worker as its own process sees it: it can be woken for a job due now. */
export interface LocalSyncWorker extends SyncWorker {
  /** Looks for sync-run jobs now instead of at the next poll. */
  wake(): void;
}

/**
 * Starts pg-boss workers for sync runs on this process, and for the
 * scheduler's tick. Any number of processes on any number of machines may run
 * workers against the same database: pg-boss hands each job to one of them, a
 * run's lease keeps a run on one worker at a time, and the tick's pg-boss
 * schedule fires once a minute whichever workers keep its clock.
 */
export async function startSyncWorker(
  db: Database,
  engine: Omit<EngineDeps, 'boss' | 'writeBatchesInFlight'>,
  logger: Logger,
  options: SyncWorkerOptions = {},
): Promise<LocalSyncWorker> {
  const boss: PgBoss = createBoss(db, engine.jobs, {
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    schedule: options.schedule ?? true,
  });
  boss.on('error', (error) => logger.error('pg-boss error', { error }));
  await prepareQueue(boss);
  const runWorkers: string[] = [];
  const deps: EngineDeps = {
    ...engine,
    boss,
    writeBatchesInFlight: options.writeBatchesInFlight ?? 4,
    wake() {
      for (const id of runWorkers) boss.notifyWorker(id);
    },
  };
  const stopping = new AbortController();
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  for (let i = 0; i < concurrency; i++) {
    runWorkers.push(
      await boss.work<SyncRunJobData>(
        SYNC_RUN_QUEUE,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
        async ([job]) => {
          if (!job) return;
          const result = await runSyncSlice(deps, job.data.runId, {
            isLastAttempt: job.retryCount >= job.retryLimit,
            signal: stopping.signal,
          });
          logger.info('Sync run slice finished', { runId: job.data.runId, result });
          return { result };
        },
      ),
    );
  }
  await boss.work(SYNC_TICK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    const tick = await runScheduler(deps);
    logger.info('Sync scheduler tick', {
      started: tick.started.join(' '),
      recovered: tick.recovered.join(' '),
      abandoned: tick.abandoned.join(' '),
    });
    return tick;
  });
  return {
    wake: () => deps.wake?.(),
    async stop() {
      stopping.abort();
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    },
  };
}
