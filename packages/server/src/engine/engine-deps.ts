import type PgBoss from 'pg-boss';
import type Stripe from 'stripe';
import type { Logger } from '../logger';
import type { ConnectionRow } from '../store/connection-store';
import type { Database } from '../store/database';
import type { StripeRetryOptions } from '../stripe/call-stripe';
import type { StripeLimiters } from '../stripe/stripe-limiters';
import type { ResolvedJobOptions } from './sync-queue';

/** What the engine needs from the server. */
export interface EngineDeps {
  db: Database;
  boss: PgBoss;
  jobs: ResolvedJobOptions;
  logger: Logger;
  limiters: StripeLimiters;
  /** The Stripe client and limiter key for a connection. */
  stripeFor(connection: ConnectionRow): Stripe;
  /** Marks a connection as failing with a reason the Sync screen shows. */
  markConnectionError(connectionId: string, reason: string): Promise<void>;
  /** Batches of write-backs in flight at once. */
  writeBatchesInFlight: number;
  /** Looks for due jobs now (this process's workers), so a slice's successor starts at once. */
  wake?: () => void;
  retry?: StripeRetryOptions;
}
