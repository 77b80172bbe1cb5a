import PgBoss from 'pg-boss';
import type { SyncJobOptions } from '../server-options';
import type { Database, Queryable } from '../store/database';

/** The pg-boss queue whose jobs carry sync runs. */
export const SYNC_RUN_QUEUE = 'referkit-sync-run';

/**
 * The queue of the scheduler's tick: one pg-boss schedule fires it once a
 * minute across every worker (pg-boss 10 keys schedules by queue name, one per
 * queue, so each sync's own cron lives on its row instead — see `runScheduler`).
 */
export const SYNC_TICK_QUEUE = 'referkit-sync-tick';

/** The tick's cron expression: every minute, the resolution of a five-field cron. */
export const SYNC_TICK_CRON = '* * * * *';

/** What a sync-run job carries. */
export interface SyncRunJobData {
  runId: string;
}

/** {@link SyncJobOptions} with every default filled in. */
export type ResolvedJobOptions = Required<SyncJobOptions>;

/** Fills in the defaults of {@link SyncJobOptions}. */
export function resolveJobOptions(options: SyncJobOptions = {}): ResolvedJobOptions {
  const sliceSeconds = options.sliceSeconds ?? 120;
  const schema = options.schema ?? 'pgboss';
  // The schema is named in SQL (recovering runs reads pg-boss's job table): an identifier only.
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(
      `jobs.schema must be a lower-case Postgres identifier (letters, digits, _), got "${schema}".`,
    );
  }
  return {
    schema,
    sliceSeconds,
    expireInSeconds: options.expireInSeconds ?? sliceSeconds + 120,
    leaseSeconds: options.leaseSeconds ?? 30,
    retryLimit: options.retryLimit ?? 5,
    retryDelaySeconds: options.retryDelaySeconds ?? 10,
    webhookDelayMs: options.webhookDelayMs ?? 300,
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

/**
 * Installs or upgrades pg-boss's schema, creates the sync queues and keeps the
 * scheduler's one pg-boss schedule (an upsert: safe from many processes).
 */
export async function prepareQueue(boss: PgBoss): Promise<void> {
  await boss.start();
  if (!(await boss.getQueue(SYNC_RUN_QUEUE))) {
    await boss.createQueue(SYNC_RUN_QUEUE, { name: SYNC_RUN_QUEUE, policy: 'standard' });
  }
  if (!(await boss.getQueue(SYNC_TICK_QUEUE))) {
    // Stately: at most one tick waiting and one running, so slow ticks never pile up.
    await boss.createQueue(SYNC_TICK_QUEUE, {
      name: SYNC_TICK_QUEUE,
      policy: 'stately',
      retryLimit: 0,
      expireInSeconds: 300,
    });
  }
  await boss.schedule(SYNC_TICK_QUEUE, SYNC_TICK_CRON, {}, { tz: 'UTC' });
}

/**
 * Sends a job for a run; pass the transaction the run was created in so the
 * job exists exactly when the run does. `delaySeconds` holds the job back
 * (fractions allowed), so changes arriving meanwhile join the same run.
 */
export async function enqueueRun(
  boss: PgBoss,
  jobs: ResolvedJobOptions,
  runId: string,
  on?: Queryable,
  delaySeconds = 0,
): Promise<void> {
  await boss.send(SYNC_RUN_QUEUE, { runId } satisfies SyncRunJobData, {
    expireInSeconds: jobs.expireInSeconds,
    retryLimit: jobs.retryLimit,
    retryDelay: jobs.retryDelaySeconds,
    retryBackoff: false,
    ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
    ...(on ? { db: bossDb(on) } : {}),
  });
}
