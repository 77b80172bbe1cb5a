import PgBoss from 'pg-boss';
import type { Database, Queryable } from './database';
import type { SyncJobOptions } from './server-options';

/** The pg-boss queue whose jobs carry sync runs. */
export const SYNC_RUN_QUEUE = 'referkit-sync-run';

/** What a sync-run job carries. */
export interface SyncRunJobData {
  runId: string;
}

/** {@link SyncJobOptions} with every default filled in. */
export type ResolvedJobOptions = Required<SyncJobOptions>;

/** Fills in the defaults of {@link SyncJobOptions}. */
export function resolveJobOptions(options: SyncJobOptions = {}): ResolvedJobOptions {
  const sliceSeconds = options.sliceSeconds ?? 120;
  return {
    schema: options.schema ?? 'pgboss',
    sliceSeconds,
    expireInSeconds: options.expireInSeconds ?? sliceSeconds + 120,
    leaseSeconds: options.leaseSeconds ?? 30,
    retryLimit: options.retryLimit ?? 5,
    retryDelaySeconds: options.retryDelaySeconds ?? 10,
  };
}

/** pg-boss's view of a `Queryable`: our pool, or the client of an open transaction. */
export function bossDb(on: Queryable): PgBoss.Db {
  return { executeSql: (text, values) => on.query(text, values) };
}

/** A pg-boss instance on the server's pool. */
export function createBoss(
  db: Database,
  jobs: ResolvedJobOptions,
  extra: Partial<PgBoss.ConstructorOptions> = {},
): PgBoss {
  return new PgBoss({
    db: bossDb(db.pool),
    schema: jobs.schema,
    supervise: false,
    schedule: false,
    ...extra,
  });
}

/** Installs or upgrades pg-boss's schema and creates the sync queue. */
export async function prepareQueue(boss: PgBoss): Promise<void> {
  await boss.start();
  if (!(await boss.getQueue(SYNC_RUN_QUEUE))) {
    await boss.createQueue(SYNC_RUN_QUEUE, { name: SYNC_RUN_QUEUE, policy: 'standard' });
  }
}

/**
 * Sends a job for a run; pass the transaction the run was created in so the
 * job exists exactly when the run does.
 */
export async function enqueueRun(
  boss: PgBoss,
  jobs: ResolvedJobOptions,
  runId: string,
  on?: Queryable,
): Promise<void> {
  await boss.send(SYNC_RUN_QUEUE, { runId } satisfies SyncRunJobData, {
    expireInSeconds: jobs.expireInSeconds,
    retryLimit: jobs.retryLimit,
    retryDelay: jobs.retryDelaySeconds,
    retryBackoff: false,
    ...(on ? { db: bossDb(on) } : {}),
  });
}
