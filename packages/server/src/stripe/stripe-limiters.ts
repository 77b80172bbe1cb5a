import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database';
import { AccountLimiter, type AccountLimiterTuning } from './account-limiter';
import { resolveBudget, type StripeBudgetOptions, type StripeKeyMode } from './stripe-budget';

/** How often a process tells the others which Stripe accounts it is using, in milliseconds. */
export const SHARE_HEARTBEAT_MS = 2000;
/** A process not heard from for this many seconds no longer takes a share. */
const SHARE_STALE_SECONDS = 6;
/** A limiter whose requests did not have to wait for this long does not count as using its account. */
const BUSY_WITHIN_MS = 10_000;

/** Settings of {@link StripeLimiters}. */
export interface StripeLimitersOptions {
  /** How much of each account's limits syncs may use. Default: see {@link StripeBudgetOptions}. */
  budget?: StripeBudgetOptions;
  /** How the layers react to 429s. Default: see {@link AccountLimiterTuning}. */
  tuning?: AccountLimiterTuning;
}

/**
 * One {@link AccountLimiter} per Stripe account in this process, so every
 * run (and every other call) against the same account shares its pace, layer
 * by layer (the global limit, each endpoint).
 *
 * With a database, the processes busy with an account share its budget, layer
 * by layer: every {@link SHARE_HEARTBEAT_MS} each process records (in
 * `referkit.stripe_rate_shares`, one row per account and layer) the layers
 * whose requests lately had to wait for their turn — it is running a sync on
 * them, not making the odd call — and counts the processes doing the same;
 * each then paces that layer at most at `budget ÷ processes`. Three workers
 * writing back to one account write at a third of the write budget each, and
 * a worker alone gets the whole budget back within seconds. The adaptive
 * back-off still handles what this cannot see (the merchant's own traffic on
 * the same Stripe account, the seconds before a heartbeat).
 */
export class StripeLimiters {
  readonly #limiters = new Map<string, AccountLimiter>();
  readonly #options: StripeLimitersOptions;
  readonly #db: Database | null;
  readonly #member = randomUUID();
  #timer: NodeJS.Timeout | null = null;
  #sharing: Promise<void> | null = null;

  /** @param db - where processes share each account's budget. Default: none (this process alone). */
  constructor(options: StripeLimitersOptions = {}, db: Database | null = null) {
    // A wrong budget fails when the server starts, not at the first sync.
    resolveBudget(options.budget);
    this.#options = options;
    this.#db = db;
  }

  /**
   * The limiter of a Stripe account (created on first use). `mode` is the
   * key's mode (`live` or `test`, restricted keys too), which sets the global
   * budget; a limiter first made without it assumes test mode's smaller limit
   * until a caller names the mode.
   */
  get(stripeAccountId: string, mode?: StripeKeyMode): AccountLimiter {
    let limiter = this.#limiters.get(stripeAccountId);
    if (limiter && mode) limiter.setMode(mode);
    if (!limiter) {
      limiter = new AccountLimiter(mode ?? 'test', this.#options.budget, this.#options.tuning);
      this.#limiters.set(stripeAccountId, limiter);
      if (this.#db && !this.#timer) {
        this.#timer = setInterval(() => void this.shareBudget(), SHARE_HEARTBEAT_MS);
        this.#timer.unref();
      }
    }
    return limiter;
  }

  /**
   * Records which accounts this process is using and sets each limiter's
   * share from how many processes use the same account. Runs on a timer;
   * failures (the database restarting) keep the last shares.
   */
  shareBudget(): Promise<void> {
    const db = this.#db;
    if (!db) return Promise.resolve();
    this.#sharing ??= (async () => {
      const active = [...this.#limiters].flatMap(([id, limiter]) =>
        limiter
          .layers()
          .filter(([, layer]) => layer.busyWithin(BUSY_WITHIN_MS))
          .map(([layer]) => ({ id, layer })),
      );
      const ids = active.map((row) => row.id);
      const layers = active.map((row) => row.layer);
      await db.pool.query(
        `DELETE FROM referkit.stripe_rate_shares s
         WHERE (member_id = $1 AND NOT EXISTS (
                  SELECT 1 FROM unnest($2::text[], $3::text[]) AS t(id, layer)
                  WHERE t.id = s.stripe_account_id AND t.layer = s.layer))
            OR seen_at < now() - interval '1 minute'`,
        [this.#member, ids, layers],
      );
      if (active.length === 0) return;
      await db.pool.query(
        `INSERT INTO referkit.stripe_rate_shares (stripe_account_id, layer, member_id)
         SELECT id, layer, $1 FROM unnest($2::text[], $3::text[]) AS t(id, layer)
         ON CONFLICT (stripe_account_id, layer, member_id) DO UPDATE SET seen_at = now()`,
        [this.#member, ids, layers],
      );
      const counts = await db.rows<{ stripe_account_id: string; layer: string; members: number }>(
        `SELECT stripe_account_id, layer, count(*)::int AS members FROM referkit.stripe_rate_shares
         WHERE stripe_account_id = ANY($1) AND seen_at > now() - make_interval(secs => $2)
         GROUP BY stripe_account_id, layer`,
        [[...new Set(ids)], SHARE_STALE_SECONDS],
      );
      const shares = new Map(
        counts.map((row) => [`${row.stripe_account_id} ${row.layer}`, row.members]),
      );
      // Every layer of the accounts this process uses: one no other process is busy with is all its own again.
      for (const [id, limiter] of this.#limiters) {
        for (const [name, layer] of limiter.layers()) {
          layer.setShare(1 / Math.max(1, shares.get(`${id} ${name}`) ?? 1));
        }
      }
    })()
      .catch(() => {})
      .finally(() => {
        this.#sharing = null;
      });
    return this.#sharing;
  }

  /** Stops every limiter and gives this process's shares back. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#sharing;
    await this.#db?.pool
      .query('DELETE FROM referkit.stripe_rate_shares WHERE member_id = $1', [this.#member])
      .catch(() => {});
    await Promise.all([...this.#limiters.values()].map((limiter) => limiter.stop()));
    this.#limiters.clear();
  }
}
