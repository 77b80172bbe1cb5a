import type {
  Sync,
  SyncConfig,
  SyncOutcome,
  SyncProblemCode,
  SyncRun,
  SyncRunCounts,
  SyncRunProgress,
} from '@referkit/core';
import { notFound } from '../api-error';
import type { Database, Queryable } from './database';
import { newId } from './ids';

/** A sync row. */
export interface SyncRow {
  id: string;
  account_id: string;
  campaign_id: string;
  integration_id: string;
  config: SyncConfig;
  /** One more each time an edit saves a different configuration. */
  config_version: number;
  status: Sync['status'];
  status_reason: string | null;
  next_run_at: Date | null;
  /** Stripe's `created` of the last event a completed run took in (a bigint: a string from pg). */
  events_cursor_created: string | null;
  /** That event's id; `null` when the account had no customer events at the time. */
  events_cursor_id: string | null;
  /** Referrers whose counts changed after this have not been written back yet. */
  counts_checked_at: Date | null;
  /** A change arrived while a run was in progress: run once more after it. */
  rerun_requested: boolean;
  /** The last webhook delivery (`stripe_webhook_events.seq`) a completed run took in (a bigint: a string). */
  webhook_seq: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A run row; timestamps are `Date`s, or ISO strings when read through `to_jsonb`. */
export interface RunRow {
  seq: string;
  id: string;
  sync_id: string;
  account_id: string;
  trigger: SyncRun['trigger'];
  mode: SyncRun['mode'];
  status: SyncRun['status'];
  config: SyncConfig;
  /** The sync's configuration version this run applies. */
  config_version: number;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  written_back: number;
  skipped_by_reason: Record<string, number>;
  /** Write-backs planned (persisted as pending, then done or refused). */
  write_backs_planned: number;
  /** Write-backs Stripe refused for good (the customer was deleted, or the values rejected). */
  write_backs_refused: number;
  /** Records a full run expects: what the sync's last completed full run read. */
  records_estimate: number | null;
  /** The pace reading went at, in records per second. */
  reads_per_second: number | null;
  /** The write pace the engine keeps to, in updates per second. */
  writes_per_second: number | null;
  /** Full runs: the last customer listed. Incremental runs: the newest event read. */
  cursor: string | null;
  cursor_created: number | string | null;
  listing_done: boolean;
  /** Incremental runs: every event since the cursor has been read into `sync_run_changes`. */
  events_done: boolean;
  /** Full runs of ongoing syncs: the position in Stripe's events was taken before listing. */
  events_snapshot_taken: boolean;
  /** Where the sync's event cursor moves when this run completes. */
  events_high_created: number | string | null;
  events_high_id: string | null;
  /** Runs a webhook started: the last delivery read (a bigint: a string). */
  webhook_high_seq: string | null;
  counts_since: Date | string | null;
  counts_mark: Date | string | null;
  recoveries: number;
  cancel_requested: boolean;
  lease_token: string | null;
  lease_until: Date | string | null;
  note: string | null;
  error: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

/** An outcome row. */
export interface OutcomeRow {
  /** A bigint: pg returns it as a string. */
  id: string;
  run_id: string;
  external_id: string;
  outcome: SyncOutcome['outcome'];
  reason_code: string | null;
  message: string | null;
  referrer_id: string | null;
  /** `duplicate_email`: the customer that already has the email. */
  duplicate_of: string | null;
  email: string | null;
  name: string | null;
  written_back: boolean;
  created_at: Date;
}

/** A filter and search over a run's outcomes. */
export interface OutcomeFilter {
  outcome?: SyncOutcome['outcome'] | undefined;
  /** Email contains this, case-insensitive. */
  q?: string | undefined;
}

/** Additions to a run's counters (negative to move a record between outcomes). */
export type CountsDelta = Partial<Record<keyof SyncRunCounts, number>>;

const COUNT_COLUMNS: Record<keyof SyncRunCounts, string> = {
  seen: 'seen',
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  skipped: 'skipped',
  failed: 'failed',
  writtenBack: 'written_back',
};

/**
 * Adds `delta` to a run's counters, and `skipReasons` (reason code → change)
 * to its per-reason skip counts.
 */
export async function addRunCounts(
  on: Queryable,
  runId: string,
  delta: CountsDelta,
  skipReasons: Record<string, number> = {},
): Promise<void> {
  const entries = Object.entries(delta).filter(([, value]) => value) as [
    keyof SyncRunCounts,
    number,
  ][];
  const sets = entries.map(
    ([key], i) => `${COUNT_COLUMNS[key]} = ${COUNT_COLUMNS[key]} + $${i + 2}`,
  );
  const values: unknown[] = [runId, ...entries.map(([, value]) => value)];
  if (Object.values(skipReasons).some((value) => value !== 0)) {
    values.push(JSON.stringify(skipReasons));
    sets.push(`skipped_by_reason = (
      SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb) FROM (
        SELECT key, sum(value::int) AS total FROM (
          SELECT key, value FROM jsonb_each_text(skipped_by_reason)
          UNION ALL SELECT key, value FROM jsonb_each_text($${values.length}::jsonb)
        ) parts GROUP BY key HAVING sum(value::int) <> 0
      ) merged)`);
  }
  if (sets.length === 0) return;
  await on.query(`UPDATE referkit.sync_runs SET ${sets.join(', ')} WHERE id = $1`, values);
}

function iso(value: Date | string): string;
function iso(value: Date | string | null): string | null;
function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

/**
 * Where a run stands: reading (referrers are being created) until every
 * record is read, then writing back until every planned write-back settled,
 * then done. The time remaining comes from the known paces: the records left
 * at the reading pace, and the write-backs left — those planned and, while
 * reading, those the rest of the records are likely to plan — at the write
 * pace; the longer of the two, since both go on at once.
 */
export function runProgress(row: RunRow): SyncRunProgress {
  const finished = row.status !== 'queued' && row.status !== 'running';
  const planned = row.write_backs_planned ?? 0;
  const settled = row.written_back + (row.write_backs_refused ?? 0);
  const pending = Math.max(0, planned - settled);
  const reading = !finished && !row.listing_done;
  const total = row.listing_done ? row.seen : (row.records_estimate ?? null);
  const writesPerSecond = row.writes_per_second ?? null;
  let remaining: number | null = finished ? 0 : null;
  if (!finished && writesPerSecond) {
    if (!reading) remaining = pending / writesPerSecond;
    else if (total !== null && row.reads_per_second) {
      const left = Math.max(0, total - row.seen);
      const plannedPerRecord = row.seen > 0 ? planned / row.seen : 1;
      remaining = Math.max(
        left / row.reads_per_second,
        (pending + left * plannedPerRecord) / writesPerSecond,
      );
    }
  }
  return {
    phase: finished ? 'done' : reading ? 'reading' : 'writing_back',
    recordsRead: row.seen,
    recordsTotal: total === null ? null : Math.max(total, row.seen),
    writeBacksPlanned: planned,
    writeBacksDone: row.written_back,
    writesPerSecond,
    estimatedSecondsRemaining: remaining === null ? null : Math.round(remaining),
  };
}

/** The API shape of a run row. */
export function toSyncRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    syncId: row.sync_id,
    trigger: row.trigger,
    mode: row.mode,
    status: row.status,
    counts: {
      seen: row.seen,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      skipped: row.skipped,
      failed: row.failed,
      writtenBack: row.written_back,
    },
    progress: runProgress(row),
    skippedByReason: row.skipped_by_reason ?? {},
    configVersion: row.config_version ?? 1,
    note: row.note,
    error: row.error,
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** The API shape of an outcome row. */
export function toOutcome(row: OutcomeRow): SyncOutcome {
  return {
    id: String(row.id),
    runId: row.run_id,
    externalId: row.external_id,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    message: row.message,
    referrerId: row.referrer_id,
    duplicateOf: row.duplicate_of ?? null,
    email: row.email,
    name: row.name,
    writtenBack: row.written_back,
    createdAt: row.created_at.toISOString(),
  };
}

const UNHELD = `(status = 'queued' OR lease_until < now())`;

/**
 * Cancels the runs in progress matching `where`: at once where no worker
 * holds them, else at the holder's next page boundary.
 */
export async function cancelRuns(on: Queryable, where: string, values: unknown[]): Promise<void> {
  await on.query(
    `UPDATE referkit.sync_runs SET
       cancel_requested = true,
       status = CASE WHEN ${UNHELD} THEN 'cancelled' ELSE status END,
       finished_at = CASE WHEN ${UNHELD} THEN now() ELSE finished_at END,
       lease_token = CASE WHEN ${UNHELD} THEN NULL ELSE lease_token END
     WHERE ${where} AND status IN ('queued', 'running')`,
    values,
  );
}

const SELECT_SYNC = `
  SELECT s.*,
    (SELECT to_jsonb(r) FROM referkit.sync_runs r
      WHERE r.sync_id = s.id AND r.status IN ('queued', 'running') ORDER BY r.seq DESC LIMIT 1) AS current_run,
    (SELECT to_jsonb(r) FROM referkit.sync_runs r
      WHERE r.sync_id = s.id AND r.status NOT IN ('queued', 'running') ORDER BY r.seq DESC LIMIT 1) AS last_run,
    (SELECT jsonb_build_object('reads', coalesce(sum(c.reads), 0), 'writes', coalesce(sum(c.writes), 0))
      FROM referkit.sync_request_counts c
      WHERE c.sync_id = s.id AND c.day > current_date - 30) AS requests,
    (SELECT c.status FROM referkit.stripe_connections c WHERE c.account_id = s.account_id) AS connection_status
  FROM referkit.syncs s`;

type SyncWithRuns = SyncRow & {
  current_run: RunRow | null;
  last_run: RunRow | null;
  requests: { reads: number; writes: number };
  connection_status: 'connected' | 'error' | null;
};

/**
 * Why a sync is failing, machine-readable, from the state of things rather
 * than the reason's words: Stripe not connected, or its key refused, or
 * another run failure; a deletion whose link removal stopped.
 */
function problemOf(row: SyncWithRuns): SyncProblemCode | null {
  if (row.status === 'deleting') return row.status_reason ? 'links_removal_failed' : null;
  if (row.status !== 'failing') return null;
  if (row.connection_status === null) return 'stripe_not_connected';
  if (row.connection_status === 'error') return 'stripe_connection_error';
  return 'run_failed';
}

function toSync(row: SyncWithRuns): Sync {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    integrationId: row.integration_id,
    config: { ...row.config, blankName: row.config.blankName ?? 'skip' },
    configVersion: row.config_version,
    status: row.status,
    statusReason: row.status_reason,
    statusCode: problemOf(row),
    currentRun: row.current_run ? toSyncRun(row.current_run) : null,
    lastRun: row.last_run ? toSyncRun(row.last_run) : null,
    nextRunAt: row.next_run_at?.toISOString() ?? null,
    stripeRequestsThisMonth: {
      reads: Number(row.requests?.reads ?? 0),
      writes: Number(row.requests?.writes ?? 0),
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Syncs, runs and outcomes, every call scoped to the tenant's account. */
export function syncStore(db: Database) {
  const store = {
    async create(
      on: Queryable,
      accountId: string,
      campaignId: string,
      config: SyncConfig,
      nextRunAt: Date | null,
    ): Promise<SyncRow> {
      return db.one<SyncRow>(
        `INSERT INTO referkit.syncs (id, account_id, campaign_id, integration_id, config, next_run_at)
         VALUES ($1, $2, $3, 'stripe', $4, $5) RETURNING *`,
        [newId('syn'), accountId, campaignId, JSON.stringify(config), nextRunAt],
        on,
      );
    },

    async list(accountId: string, campaignId?: string): Promise<Sync[]> {
      const rows = await db.rows<SyncWithRuns>(
        `${SELECT_SYNC} WHERE s.account_id = $1 AND ($2::text IS NULL OR s.campaign_id = $2)
         ORDER BY s.created_at DESC, s.id`,
        [accountId, campaignId ?? null],
      );
      return rows.map(toSync);
    },

    async get(accountId: string, syncId: string, on?: Queryable): Promise<Sync> {
      const row = await db.maybeOne<SyncWithRuns>(
        `${SELECT_SYNC} WHERE s.account_id = $1 AND s.id = $2`,
        [accountId, syncId],
        on,
      );
      if (!row) throw notFound('Sync');
      return toSync(row);
    },

    async row(accountId: string, syncId: string, on?: Queryable): Promise<SyncRow> {
      const row = await db.maybeOne<SyncRow>(
        'SELECT * FROM referkit.syncs WHERE account_id = $1 AND id = $2',
        [accountId, syncId],
        on,
      );
      if (!row) throw notFound('Sync');
      return row;
    },

    /**
     * Changes a sync. `nextRunAt` (when given) replaces the next scheduled
     * run; `resetCursor` forgets where the event stream was, so the next run
     * reads every customer (the mapping changed).
     */
    async update(
      accountId: string,
      syncId: string,
      changes: {
        config?: SyncConfig;
        status?: Sync['status'];
        statusReason?: string | null;
        nextRunAt?: Date | null;
        resetCursor?: boolean;
      },
    ): Promise<void> {
      await db.pool.query(
        `UPDATE referkit.syncs SET
           config_version = CASE WHEN $3::jsonb IS NOT NULL AND $3::jsonb <> config
             THEN config_version + 1 ELSE config_version END,
           config = coalesce($3::jsonb, config),
           status = coalesce($4, status),
           status_reason = CASE WHEN $4::text IS NULL THEN status_reason ELSE $5 END,
           next_run_at = CASE WHEN $6 THEN $7::timestamptz ELSE next_run_at END,
           events_cursor_created = CASE WHEN $8 THEN NULL ELSE events_cursor_created END,
           events_cursor_id = CASE WHEN $8 THEN NULL ELSE events_cursor_id END,
           updated_at = now()
         WHERE account_id = $1 AND id = $2`,
        [
          accountId,
          syncId,
          changes.config ? JSON.stringify(changes.config) : null,
          changes.status ?? null,
          changes.statusReason ?? null,
          changes.nextRunAt !== undefined,
          changes.nextRunAt ?? null,
          changes.resetCursor === true,
        ],
      );
    },

    async delete(accountId: string, syncId: string): Promise<boolean> {
      const result = await db.pool.query(
        'DELETE FROM referkit.syncs WHERE account_id = $1 AND id = $2',
        [accountId, syncId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async listRuns(accountId: string, syncId: string): Promise<SyncRun[]> {
      await store.row(accountId, syncId);
      const rows = await db.rows<RunRow>(
        'SELECT * FROM referkit.sync_runs WHERE account_id = $1 AND sync_id = $2 ORDER BY seq DESC LIMIT 100',
        [accountId, syncId],
      );
      return rows.map(toSyncRun);
    },

    /**
     * Asks the run in progress to stop at its next page boundary. A run no
     * worker holds — not started yet, or whose worker's lease ran out (it
     * died) — is cancelled at once.
     */
    async requestCancel(accountId: string, syncId: string): Promise<void> {
      await cancelRuns(db.pool, 'account_id = $1 AND sync_id = $2', [accountId, syncId]);
    },

    /** 404 unless the run is the sync's and the tenant's. */
    async requireRun(accountId: string, syncId: string, runId: string): Promise<void> {
      const run = await db.maybeOne<{ id: string }>(
        'SELECT id FROM referkit.sync_runs WHERE account_id = $1 AND sync_id = $2 AND id = $3',
        [accountId, syncId, runId],
      );
      if (!run) throw notFound('Run');
    },

    /**
     * One page of a run's outcomes in order, filtered by outcome and searched
     * by email (contains, case-insensitive; `%`, `_` and `\` match themselves).
     */
    async outcomePage(
      runId: string,
      filter: OutcomeFilter,
      after: string | null,
      limit: number,
    ): Promise<OutcomeRow[]> {
      const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      return db.rows<OutcomeRow>(
        `SELECT * FROM referkit.sync_outcomes
         WHERE run_id = $1 AND ($2::text IS NULL OR outcome = $2) AND ($3::bigint IS NULL OR id > $3)
           AND ($5::text IS NULL OR email ILIKE $5)
         ORDER BY id LIMIT $4`,
        [runId, filter.outcome ?? null, after, limit, pattern],
      );
    },

    async listOutcomes(
      accountId: string,
      syncId: string,
      runId: string,
      query: OutcomeFilter & { cursor?: string | undefined; limit: number },
    ): Promise<{ outcomes: SyncOutcome[]; nextCursor: string | null }> {
      await store.requireRun(accountId, syncId, runId);
      const after = query.cursor && /^\d+$/.test(query.cursor) ? query.cursor : null;
      const rows = await store.outcomePage(runId, query, after, query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        outcomes: page.map(toOutcome),
        nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
      };
    },
  };
  return store;
}
