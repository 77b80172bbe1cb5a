import type { Database } from './database';

/** One versioned schema change. Versions only ever grow; applied ones never change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, in order. Everything lives in the `referkit` schema so a host's
 * own tables are never touched; pg-boss keeps its jobs in `pgboss`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE referkit.stripe_connections (
  id text PRIMARY KEY,
  account_id text NOT NULL UNIQUE,
  method text NOT NULL CHECK (method IN ('key', 'oauth')),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  secret_ciphertext text NOT NULL,
  key_last4 text NOT NULL,
  stripe_account_id text NOT NULL,
  account_name text NOT NULL,
  status text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'error')),
  error text,
  checked_at timestamptz NOT NULL DEFAULT now(),
  webhook text NOT NULL DEFAULT 'none' CHECK (webhook IN ('registered', 'manual', 'none')),
  webhook_endpoint_id text,
  webhook_secret_ciphertext text,
  events_cursor text,
  connected_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE referkit.oauth_states (
  state text PRIMARY KEY,
  account_id text NOT NULL,
  mode text NOT NULL,
  return_url text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE referkit.campaigns (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  name text NOT NULL,
  link_base_url text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaigns_account_idx ON referkit.campaigns (account_id, created_at);

CREATE TABLE referkit.referrers (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES referkit.campaigns (id) ON DELETE CASCADE,
  account_id text NOT NULL,
  first_name text NOT NULL,
  last_name text,
  email text NOT NULL,
  email_key text NOT NULL,
  company text,
  referral_code text NOT NULL,
  referral_link text NOT NULL,
  referrals_count integer NOT NULL DEFAULT 0,
  converted_referrals_count integer NOT NULL DEFAULT 0,
  source text NOT NULL CHECK (source IN ('upload', 'sync', 'manual', 'api')),
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, email_key),
  UNIQUE (campaign_id, referral_code)
);
CREATE INDEX referrers_campaign_seq_idx ON referkit.referrers (campaign_id, seq DESC);

CREATE TABLE referkit.api_keys (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE UNIQUE INDEX api_keys_one_active_idx ON referkit.api_keys (account_id) WHERE revoked_at IS NULL;

CREATE TABLE referkit.syncs (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  campaign_id text NOT NULL REFERENCES referkit.campaigns (id) ON DELETE CASCADE,
  integration_id text NOT NULL,
  config jsonb NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'failing', 'completed')),
  status_reason text,
  next_run_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX syncs_account_idx ON referkit.syncs (account_id, created_at DESC);

CREATE TABLE referkit.sync_runs (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  sync_id text NOT NULL REFERENCES referkit.syncs (id) ON DELETE CASCADE,
  account_id text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('initial', 'manual', 'schedule', 'webhook')),
  mode text NOT NULL CHECK (mode IN ('full', 'incremental')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  config jsonb NOT NULL,
  seen integer NOT NULL DEFAULT 0,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  skipped integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  written_back integer NOT NULL DEFAULT 0,
  cursor text,
  cursor_created bigint,
  listing_done boolean NOT NULL DEFAULT false,
  cancel_requested boolean NOT NULL DEFAULT false,
  lease_token text,
  lease_until timestamptz,
  note text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX sync_runs_sync_idx ON referkit.sync_runs (sync_id, seq DESC);
CREATE UNIQUE INDEX sync_runs_one_active_idx ON referkit.sync_runs (sync_id) WHERE status IN ('queued', 'running');

CREATE TABLE referkit.sync_outcomes (
  id bigserial PRIMARY KEY,
  run_id text NOT NULL REFERENCES referkit.sync_runs (id) ON DELETE CASCADE,
  external_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'skipped', 'failed')),
  reason_code text,
  message text,
  referrer_id text,
  email text,
  name text,
  written_back boolean NOT NULL DEFAULT false,
  write_status text NOT NULL DEFAULT 'none' CHECK (write_status IN ('none', 'pending', 'done', 'failed')),
  write_params jsonb,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (run_id, external_id)
);
CREATE INDEX sync_outcomes_pending_idx ON referkit.sync_outcomes (run_id) WHERE write_status = 'pending';
CREATE INDEX sync_outcomes_outcome_idx ON referkit.sync_outcomes (run_id, outcome, id);

-- Room for ongoing syncs: Stripe events received by webhook, deduplicated by id.
CREATE TABLE referkit.stripe_webhook_events (
  connection_id text NOT NULL REFERENCES referkit.stripe_connections (id) ON DELETE CASCADE,
  event_id text NOT NULL,
  type text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (connection_id, event_id)
);
`,
  },
  {
    version: 2,
    name: 'skipped-by-reason',
    sql: `ALTER TABLE referkit.sync_runs ADD COLUMN skipped_by_reason jsonb NOT NULL DEFAULT '{}'::jsonb;`,
  },
  {
    version: 3,
    name: 'ongoing-sync',
    sql: `
-- Where a sync's last completed run left Stripe's event stream, and a run asked for after the current one.
ALTER TABLE referkit.syncs
  ADD COLUMN events_cursor_created bigint,
  ADD COLUMN events_cursor_id text,
  ADD COLUMN counts_checked_at timestamptz,
  ADD COLUMN rerun_requested boolean NOT NULL DEFAULT false;
CREATE INDEX syncs_due_idx ON referkit.syncs (next_run_at) WHERE next_run_at IS NOT NULL;
-- Ongoing syncs created before schedules existed run at the next tick.
UPDATE referkit.syncs SET next_run_at = now()
WHERE config->>'syncType' = 'ongoing' AND status IN ('active', 'failing') AND next_run_at IS NULL;

ALTER TABLE referkit.sync_runs
  ADD COLUMN events_done boolean NOT NULL DEFAULT false,
  ADD COLUMN events_snapshot_taken boolean NOT NULL DEFAULT false,
  ADD COLUMN events_high_created bigint,
  ADD COLUMN events_high_id text,
  ADD COLUMN counts_since timestamptz,
  ADD COLUMN counts_mark timestamptz,
  ADD COLUMN recoveries integer NOT NULL DEFAULT 0;

-- The customers an incremental run must look at, coalesced from Stripe events.
CREATE TABLE referkit.sync_run_changes (
  run_id text NOT NULL REFERENCES referkit.sync_runs (id) ON DELETE CASCADE,
  customer_id text NOT NULL,
  seq bigserial,
  deleted boolean NOT NULL DEFAULT false,
  done boolean NOT NULL DEFAULT false,
  PRIMARY KEY (run_id, customer_id)
);
CREATE INDEX sync_run_changes_pending_idx ON referkit.sync_run_changes (run_id, seq) WHERE NOT done;

-- A customer's own referrer, by Stripe id (a changed email does not move it).
CREATE INDEX referrers_external_idx ON referkit.referrers (campaign_id, external_id)
  WHERE external_id IS NOT NULL;

-- When a referrer's counts last changed, however they were changed: ongoing syncs write them back.
ALTER TABLE referkit.referrers ADD COLUMN counts_changed_at timestamptz;
CREATE FUNCTION referkit.stamp_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.referrals_count IS DISTINCT FROM OLD.referrals_count
     OR NEW.converted_referrals_count IS DISTINCT FROM OLD.converted_referrals_count THEN
    NEW.counts_changed_at := now();
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER referrers_counts_changed
  BEFORE UPDATE OF referrals_count, converted_referrals_count ON referkit.referrers
  FOR EACH ROW EXECUTE FUNCTION referkit.stamp_counts_changed();
CREATE INDEX referrers_counts_changed_idx ON referkit.referrers (campaign_id, counts_changed_at)
  WHERE counts_changed_at IS NOT NULL AND external_id IS NOT NULL;
`,
  },
  {
    version: 4,
    name: 'stripe-rate-shares',
    sql: `
-- Which processes made requests to which Stripe account lately: each paces at its share of the budget.
CREATE TABLE referkit.stripe_rate_shares (
  stripe_account_id text NOT NULL,
  member_id text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stripe_account_id, member_id)
);
`,
  },
  {
    version: 5,
    name: 'change-records',
    sql: `
-- A changed customer as of its newest event: incremental runs need not fetch it.
ALTER TABLE referkit.sync_run_changes ADD COLUMN record jsonb;
`,
  },
  {
    version: 6,
    name: 'layered-rate-limits',
    sql: `
-- Processes share each layer of an account's limits (global, each endpoint) on its own.
DELETE FROM referkit.stripe_rate_shares;
ALTER TABLE referkit.stripe_rate_shares ADD COLUMN layer text NOT NULL DEFAULT 'global';
ALTER TABLE referkit.stripe_rate_shares DROP CONSTRAINT stripe_rate_shares_pkey;
ALTER TABLE referkit.stripe_rate_shares ADD PRIMARY KEY (stripe_account_id, layer, member_id);

-- A run's progress: write-backs planned and refused, the records it expects, the paces it keeps.
ALTER TABLE referkit.sync_runs
  ADD COLUMN write_backs_planned integer NOT NULL DEFAULT 0,
  ADD COLUMN write_backs_refused integer NOT NULL DEFAULT 0,
  ADD COLUMN records_estimate integer,
  ADD COLUMN reads_per_second real,
  ADD COLUMN writes_per_second real;
-- A run's row is updated with every batch: room on its page keeps those updates HOT.
ALTER TABLE referkit.sync_runs SET (fillfactor = 70);

-- Pending write-backs are drained in order while the run lists on.
DROP INDEX referkit.sync_outcomes_pending_idx;
CREATE INDEX sync_outcomes_pending_idx ON referkit.sync_outcomes (run_id, id)
  WHERE write_status = 'pending';

-- Stripe requests each sync's runs made, per day (reads count against Stripe's monthly allocation).
CREATE TABLE referkit.sync_request_counts (
  sync_id text NOT NULL REFERENCES referkit.syncs (id) ON DELETE CASCADE,
  day date NOT NULL,
  reads integer NOT NULL DEFAULT 0,
  writes integer NOT NULL DEFAULT 0,
  PRIMARY KEY (sync_id, day)
);
`,
  },
  {
    version: 7,
    name: 'webhook-runs-from-payloads',
    sql: `
-- Runs a webhook starts read the changes from the delivered events (no request to Stripe):
-- each sync remembers up to which delivery it took them in.
ALTER TABLE referkit.stripe_webhook_events ADD COLUMN seq bigserial;
CREATE INDEX stripe_webhook_events_seq_idx ON referkit.stripe_webhook_events (connection_id, seq);
ALTER TABLE referkit.syncs ADD COLUMN webhook_seq bigint;
ALTER TABLE referkit.sync_runs ADD COLUMN webhook_high_seq bigint;
-- The newest Stripe event each customer's state was taken from, per sync: a late or
-- out-of-order delivery never brings an older state back.
CREATE TABLE referkit.sync_customer_events (
  sync_id text NOT NULL REFERENCES referkit.syncs (id) ON DELETE CASCADE,
  customer_id text NOT NULL,
  created bigint NOT NULL,
  -- NULL: the customer was fetched as it was at or after \`created\`.
  event_id text,
  PRIMARY KEY (sync_id, customer_id)
);
`,
  },
  {
    version: 20,
    name: 'manage-syncs',
    sql: `
-- A sync's configuration version: one more each time an edit saves a different one; runs keep theirs.
ALTER TABLE referkit.syncs ADD COLUMN config_version integer NOT NULL DEFAULT 1;
ALTER TABLE referkit.sync_runs ADD COLUMN config_version integer NOT NULL DEFAULT 1;
-- Deleting a sync with its links removed: the sync is 'deleting' while a 'remove_links' run works.
ALTER TABLE referkit.syncs DROP CONSTRAINT IF EXISTS syncs_status_check;
ALTER TABLE referkit.syncs ADD CONSTRAINT syncs_status_check
  CHECK (status IN ('active', 'paused', 'failing', 'completed', 'deleting'));
ALTER TABLE referkit.sync_runs DROP CONSTRAINT IF EXISTS sync_runs_trigger_check;
ALTER TABLE referkit.sync_runs ADD CONSTRAINT sync_runs_trigger_check
  CHECK (trigger IN ('initial', 'manual', 'schedule', 'webhook', 'delete'));
ALTER TABLE referkit.sync_runs DROP CONSTRAINT IF EXISTS sync_runs_mode_check;
ALTER TABLE referkit.sync_runs ADD CONSTRAINT sync_runs_mode_check
  CHECK (mode IN ('full', 'incremental', 'remove_links'));
-- The customer that already has a skipped customer's email.
ALTER TABLE referkit.sync_outcomes ADD COLUMN duplicate_of text;

-- Idempotency-Key of POST creates: the first answer, replayed to a repeat for 24 hours.
CREATE TABLE referkit.idempotency_keys (
  account_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  response jsonb,
  locked_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, key)
);
CREATE INDEX idempotency_keys_expires_idx ON referkit.idempotency_keys (expires_at);
`,
  },
];

const LOCK_KEY = 0x7265_6b74; // "rekt": one migrator at a time across processes

/**
 * Applies every migration not yet recorded in `referkit.migrations`, each in
 * its own transaction, under an advisory lock so concurrent starts are safe.
 * Returns the versions it applied.
 */
export async function migrateDatabase(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const client = await db.pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS referkit');
    await client.query(`CREATE TABLE IF NOT EXISTS referkit.migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM referkit.migrations')).rows.map(
        (row) => row.version,
      ),
    );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO referkit.migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
  return applied;
}
