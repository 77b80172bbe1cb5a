import { randomUUID } from 'node:crypto';
import { AdaptiveRateLimiter, type AdaptiveRateLimiterOptions } from './adaptive-rate-limiter';
import type { Database } from './database';

/** How often a process tells the others which Stripe accounts it is using, in milliseconds. */
export const SHARE_HEARTBEAT_MS = 2000;
/** A process not heard from for this many seconds no longer takes a share. */
const SHARE_STALE_SECONDS = 6;
/** A limiter whose requests did not have to wait for this long does not count as using its account. */
const BUSY_WITHIN_MS = 10_000;

/**
 * One {@link AdaptiveRateLimiter} per Stripe account in this process, so every
 * run (and every other call) against the same account shares its pace.
 *
 * With a database, the processes busy with an account share its budget:
 * every {@link SHARE_HEARTBEAT_MS} each process records (in
 * `referkit.stripe_rate_shares`) the accounts whose requests lately had to wait
 * for their turn — it is running a sync on them, not making the odd call —
 * and counts the processes doing the same; each then paces at most at
 * `maxRequestsPerSecond ÷ processes`. Three workers syncing one account pace
 * at a third each, and a worker alone gets the whole budget back within
 * seconds. The adaptive back-off still handles what this cannot see (other
 * software on the same Stripe account, the seconds before a heartbeat).
 */
export class StripeLimiters {
  readonly #limiters = new Map<string, AdaptiveRateLimiter>();
  readonly #options: AdaptiveRateLimiterOptions;
  readonly #db: Database | null;
  readonly #member = randomUUID();
  #timer: NodeJS.Timeout | null = null;
  #sharing: Promise<void> | null = null;

  /** @param db - where processes share each account's budget. Default: none (this process alone). */
  constructor(options: AdaptiveRateLimiterOptions = {}, db: Database | null = null) {
    this.#options = options;
    this.#db = db;
  }

  /** The limiter of a Stripe account (created on first use). */
  get(stripeAccountId: string): AdaptiveRateLimiter {
    let limiter = this.#limiters.get(stripeAccountId);
    if (!limiter) {
      limiter = new AdaptiveRateLimiter(this.#options);
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
      const active = [...this.#limiters]
        .filter(([, limiter]) => limiter.busyWithin(BUSY_WITHIN_MS))
        .map(([id]) => id);
      await db.pool.query(
        `DELETE FROM referkit.stripe_rate_shares
         WHERE (member_id = $1 AND NOT (stripe_account_id = ANY($2)))
            OR seen_at < now() - interval '1 minute'`,
        [this.#member, active],
      );
      if (active.length === 0) return;
      await db.pool.query(
        `INSERT INTO referkit.stripe_rate_shares (stripe_account_id, member_id)
         SELECT unnest($2::text[]), $1
         ON CONFLICT (stripe_account_id, member_id) DO UPDATE SET seen_at = now()`,
        [this.#member, active],
      );
      const counts = await db.rows<{ stripe_account_id: string; members: number }>(
        `SELECT stripe_account_id, count(*)::int AS members FROM referkit.stripe_rate_shares
         WHERE stripe_account_id = ANY($1) AND seen_at > now() - make_interval(secs => $2)
         GROUP BY stripe_account_id`,
        [active, SHARE_STALE_SECONDS],
      );
      for (const { stripe_account_id, members } of counts) {
        this.#limiters.get(stripe_account_id)?.setShare(1 / Math.max(1, members));
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
