import type pg from 'pg';
import type Stripe from 'stripe';
import type { RunRow } from '../store/sync-store';
import type { AccountLimiter } from '../stripe/account-limiter';
import type { RequestTally } from '../stripe/request-tally';
import type { EngineDeps } from './engine-deps';
import type { BatchRun } from './process-record-batch';
import type { WriteBackPipeline } from './write-back-pipeline';

/** What every phase of a run's slice shares. */
export interface SliceContext {
  deps: EngineDeps;
  /** The run as it was when the slice took its lease. */
  run: RunRow;
  stripe: Stripe;
  limiter: AccountLimiter;
  /** Drains the run's planned write-backs while it reads on. */
  pipeline: WriteBackPipeline;
  /** Counts the run's Stripe requests. */
  tally: RequestTally;
  batch: BatchRun;
  /** The slice's time is up, the worker is stopping, or another worker took the run. */
  timeUp(): boolean;
  /** Whether someone asked to cancel the run. */
  cancelRequested(): Promise<boolean>;
  /**
   * Runs `work` in a transaction that first renews the lease; throws
   * `LeaseLostError` (and commits nothing) when another worker took the run.
   */
  withLease<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

/** How a phase of a slice ended: finished, out of time (a fresh job continues), or cancelled. */
export type PhaseResult = 'done' | 'more' | 'cancelled';
