import type { Queryable } from '../store/database';

/**
 * Counts the Stripe requests a sync's run makes — reads (which count against
 * Stripe's monthly read allocation: docs.stripe.com/rate-limits) and writes —
 * and adds them to the sync's per-day totals in `referkit.sync_request_counts`
 * from time to time, so the sync can show what its runs cost this month.
 */
export class RequestTally {
  readonly #syncId: string;
  #reads = 0;
  #writes = 0;

  constructor(syncId: string) {
    this.#syncId = syncId;
  }

  /** One read request sent (a retry is another). */
  readonly read = (): void => {
    this.#reads += 1;
  };

  /** One write request sent (a retry is another). */
  readonly write = (): void => {
    this.#writes += 1;
  };

  /** Adds the requests counted since the last flush to today's totals. */
  async flush(on: Queryable): Promise<void> {
    const reads = this.#reads;
    const writes = this.#writes;
    if (reads === 0 && writes === 0) return;
    this.#reads = 0;
    this.#writes = 0;
    try {
      await on.query(
        `INSERT INTO referkit.sync_request_counts (sync_id, day, reads, writes)
         VALUES ($1, current_date, $2, $3)
         ON CONFLICT (sync_id, day) DO UPDATE SET
           reads = sync_request_counts.reads + EXCLUDED.reads,
           writes = sync_request_counts.writes + EXCLUDED.writes`,
        [this.#syncId, reads, writes],
      );
    } catch (error) {
      // Kept for the next flush (the sync may also have been deleted meanwhile).
      this.#reads += reads;
      this.#writes += writes;
      throw error;
    }
  }
}
