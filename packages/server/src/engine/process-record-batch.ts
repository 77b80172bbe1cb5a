import { createHash } from 'node:crypto';
import {
  applyDraftTo,
  decideReferrerChange,
  type OutcomeNoteCode,
  type ReferrerDraft,
  type ReferrerDraftResult,
  type ReferrerState,
  type ReferrerWrite,
  type SkipReasonCode,
  type StripeCustomerUpdate,
  type StripeRecord,
  type SyncConfig,
  type SyncOutcome,
  toReferrerDraft,
  toStripeUpdate,
} from '@referkit/core';
import type pg from 'pg';
import type { Database } from '../store/database';
import { type CampaignRef, insertReferrers, type ReferrerRow } from '../store/referrer-store';
import { stableJson } from '../store/stable-json';
import { addRunCounts, type CountsDelta } from '../store/sync-store';
import { renewLease } from './renew-lease';

/** The run a batch belongs to. */
export interface BatchRun {
  id: string;
  config: SyncConfig;
  campaign: CampaignRef;
  /** The worker's claim on the run: a batch commits only while it holds. */
  leaseToken: string;
  leaseSeconds: number;
}

/** A write-back decided by a batch, stored as `pending` until Stripe confirms it. */
export interface PlannedWrite {
  outcomeId: number;
  customerId: string;
  params: StripeCustomerUpdate;
  idempotencyKey: string;
}

/** Thrown when another worker took over the run: this one must stop at once. */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`Lost the lease on run ${runId}`);
    this.name = 'LeaseLostError';
  }
}

/** Reason code of a customer whose email another customer of the sync already holds. */
export const DUPLICATE_EMAIL_REASON = 'duplicate_email' satisfies SkipReasonCode;

/**
 * Reason code of a customer whose email changed in Stripe after it became a
 * referrer: email is a referrer's identity, so the referrer keeps its email
 * and link (its name still follows).
 */
export const EMAIL_CHANGED_REASON = 'email_changed' satisfies OutcomeNoteCode;

/**
 * The `Idempotency-Key` of a write-back: derived from the run, the customer
 * and the values, so a resumed run replays the same request (Stripe answers
 * with the first result) instead of writing twice.
 */
export function writeBackIdempotencyKey(
  runId: string,
  customerId: string,
  params: StripeCustomerUpdate,
): string {
  const digest = createHash('sha256')
    .update(`${runId}\n${customerId}\n${stableJson(params)}`)
    .digest('hex');
  return `referkit-wb-${digest.slice(0, 48)}`;
}

interface Decision {
  record: StripeRecord;
  outcome: SyncOutcome['outcome'];
  reasonCode: string | null;
  message: string | null;
  email: string | null;
  name: string | null;
  referrer: ReferrerRow | null;
  draft: ReferrerDraft | null;
  /** What to store on the referrer (core's rule); `null`: nothing. */
  write: ReferrerWrite | null;
  /** `duplicate_email`: the customer that already has the email. */
  duplicateOf?: string | null;
  /** `duplicate_email`: the email key, to name the referrer that holds it once it exists. */
  heldKey?: string | null;
}

/** Postgres text cannot hold U+0000 (the record is skipped for it): kept values drop it. */
function storable(value: string | null | undefined, max: number): string | null {
  return value == null ? null : value.replaceAll('\u0000', '').slice(0, max);
}

/**
 * The one record pipeline every run uses — full runs page by page, and
 * incremental runs (from Stripe events) alike. In one transaction it:
 * renews the run's lease; turns each record into a referrer draft with core's
 * `toReferrerDraft`; creates new referrers (with their code and link) and
 * updates existing ones by email (the link never changes); records one
 * outcome per record (unique per run, so a replayed batch never counts
 * twice); plans the write-backs with core's `toStripeUpdate` (nothing for a
 * record that already carries the values); adds to the run's counters; and
 * runs `checkpoint` (the caller's cursor) — so a crash either keeps all of it
 * or none. Returns the write-backs it planned (stored as `pending`, for the
 * run's write-back pipeline to drain).
 */
export async function processRecordBatch(
  db: Database,
  run: BatchRun,
  records: readonly StripeRecord[],
  checkpoint: (client: pg.PoolClient) => Promise<void>,
): Promise<PlannedWrite[]> {
  return db.transaction(async (client) => {
    if (!(await renewLease(client, run.id, run.leaseToken, run.leaseSeconds))) {
      throw new LeaseLostError(run.id);
    }

    const done = new Set(
      (
        await client.query<{ external_id: string }>(
          'SELECT external_id FROM referkit.sync_outcomes WHERE run_id = $1 AND external_id = ANY($2)',
          [run.id, records.map((record) => record.id)],
        )
      ).rows.map((row) => row.external_id),
    );
    // One decision per customer: a later copy of a record (incremental runs) wins.
    const latest = new Map(records.map((record) => [record.id, record]));
    const fresh = [...latest.values()].filter((record) => !done.has(record.id));
    const decisions = await decide(client, run, fresh);
    const writes = await saveOutcomes(client, run, decisions);
    await checkpoint(client);
    return writes;
  });
}

/** A stored referrer as core's rules see it, carrying its row. */
interface Held extends ReferrerState {
  row: ReferrerRow;
}

function held(row: ReferrerRow): Held {
  return {
    email: row.email,
    emailKey: row.email_key,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    externalId: row.external_id,
    row,
  };
}

/** A record with core's `toReferrerDraft` of it. */
interface Drafted {
  record: StripeRecord;
  result: ReferrerDraftResult;
}

/** The referrers a batch touches, by email key and by their customer's Stripe id. */
interface TouchedReferrers {
  byEmail: Map<string, Held>;
  /** Each customer's own referrer: it stays theirs whatever their email becomes. */
  byCustomer: Map<string, Held>;
}

/**
 * Core's `decideReferrerChange` for each record, over the referrers the batch
 * touches (locked `FOR UPDATE`); then the SQL: one insert of the new
 * referrers and one update of the changed or newly linked ones.
 */
async function decide(
  client: pg.PoolClient,
  run: BatchRun,
  records: readonly StripeRecord[],
): Promise<Decision[]> {
  const drafted = records.map((record) => ({
    record,
    result: toReferrerDraft(record, run.config),
  }));
  const touched = indexReferrers(await lockTouchedReferrers(client, run, drafted));
  const decisions = decideChanges(drafted, touched);
  await createReferrers(client, run, decisions);
  await updateReferrers(client, decisions);
  return decisions;
}

/** The referrers with a drafted email or a record's customer, locked for the batch. */
async function lockTouchedReferrers(
  client: pg.PoolClient,
  run: BatchRun,
  drafted: readonly Drafted[],
): Promise<ReferrerRow[]> {
  const keys = [
    ...new Set(drafted.flatMap(({ result }) => (result.ok ? [result.draft.emailKey] : []))),
  ];
  const result = await client.query<ReferrerRow>(
    `SELECT * FROM referkit.referrers
     WHERE campaign_id = $1 AND (email_key = ANY($2) OR external_id = ANY($3))
     ORDER BY email_key FOR UPDATE`,
    [run.campaign.id, keys, drafted.map(({ record }) => record.id)],
  );
  return result.rows;
}

function indexReferrers(rows: readonly ReferrerRow[]): TouchedReferrers {
  const byEmail = new Map(rows.map((row) => [row.email_key, held(row)]));
  const byCustomer = new Map<string, Held>();
  for (const row of rows) {
    if (row.external_id && !byCustomer.has(row.external_id)) {
      byCustomer.set(row.external_id, byEmail.get(row.email_key) ?? held(row));
    }
  }
  return { byEmail, byCustomer };
}

/**
 * Core's `decideReferrerChange` for each record in turn; an email an earlier
 * customer of the batch claimed counts as held, though its referrer does not
 * exist yet.
 */
function decideChanges(drafted: readonly Drafted[], touched: TouchedReferrers): Decision[] {
  const claimedBy = new Map<string, string>();
  return drafted.map(({ record, result }) => {
    const byEmail = result.ok ? (touched.byEmail.get(result.draft.emailKey) ?? null) : null;
    const change = decideReferrerChange({
      externalId: record.id,
      result,
      own: touched.byCustomer.get(record.id) ?? null,
      byEmail,
      emailHolder: result.ok
        ? (claimedBy.get(result.draft.emailKey) ?? byEmail?.externalId ?? null)
        : null,
    });
    if (change.claims !== null) claimedBy.set(change.claims, record.id);
    return {
      record,
      email: record.email ?? null,
      name: record.name ?? null,
      outcome: change.outcome,
      reasonCode: change.reasonCode,
      message: change.message,
      referrer: change.referrer?.row ?? null,
      draft: change.draft,
      write: change.write,
      duplicateOf: change.duplicateOf,
      heldKey: change.duplicateOf !== null && result.ok ? result.draft.emailKey : null,
    };
  });
}

/**
 * Inserts the referrers decided `created` in one statement and gives each
 * decision its row; a duplicate of a customer created in this batch names
 * that customer's new referrer.
 */
async function createReferrers(
  client: pg.PoolClient,
  run: BatchRun,
  decisions: Decision[],
): Promise<void> {
  const toCreate = decisions.filter((decision) => decision.outcome === 'created');
  if (toCreate.length === 0) return;
  const created = await insertReferrers(
    client,
    run.campaign,
    toCreate.map((d) => ({
      draft: d.draft as ReferrerDraft,
      source: 'sync',
      externalId: d.record.id,
    })),
  );
  const raced: Decision[] = [];
  for (const decision of toCreate) {
    const row = created.get((decision.draft as ReferrerDraft).emailKey);
    if (row) {
      decision.referrer = row;
      decision.write = null;
    } else raced.push(decision);
  }
  for (const decision of decisions) {
    if (decision.heldKey && !decision.referrer) {
      decision.referrer = created.get(decision.heldKey) ?? null;
    }
  }
  if (raced.length > 0) await keepRacedReferrers(client, run, raced);
}

/**
 * Someone added the same email (by hand, say) since the batch locked its
 * referrers: keep theirs, with the record's draft applied to it (core's
 * `applyDraftTo`).
 */
async function keepRacedReferrers(
  client: pg.PoolClient,
  run: BatchRun,
  raced: readonly Decision[],
): Promise<void> {
  const rows = await client.query<ReferrerRow>(
    'SELECT * FROM referkit.referrers WHERE campaign_id = $1 AND email_key = ANY($2) FOR UPDATE',
    [run.campaign.id, raced.map((d) => (d.draft as ReferrerDraft).emailKey)],
  );
  const byKey = new Map(rows.rows.map((row) => [row.email_key, row]));
  for (const decision of raced) {
    const row = byKey.get((decision.draft as ReferrerDraft).emailKey);
    if (!row) throw new Error('A referrer vanished while it was being synced');
    Object.assign(
      decision,
      applyDraftTo(held(row), decision.draft as ReferrerDraft, decision.record.id),
    );
    decision.referrer = row;
  }
}

/** Stores what core decided to write on existing referrers, in one statement. */
async function updateReferrers(
  client: pg.PoolClient,
  decisions: readonly Decision[],
): Promise<void> {
  const changed = decisions.filter((d) => d.write && d.referrer);
  if (changed.length === 0) return;
  const result = await client.query<ReferrerRow>(
    `UPDATE referkit.referrers r SET
       first_name = t.first_name,
       last_name = t.last_name,
       company = t.company,
       external_id = coalesce(r.external_id, t.external_id),
       updated_at = CASE WHEN t.touch THEN now() ELSE r.updated_at END
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
       AS t(id, first_name, last_name, company, external_id, touch)
     WHERE r.id = t.id
     RETURNING r.*`,
    [
      changed.map((d) => d.referrer?.id),
      changed.map((d) => d.write?.firstName),
      changed.map((d) => d.write?.lastName ?? null),
      changed.map((d) => d.write?.company ?? null),
      changed.map((d) => d.write?.externalId),
      changed.map((d) => d.write?.touch ?? false),
    ],
  );
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  for (const decision of changed) {
    decision.referrer = byId.get(decision.referrer?.id ?? '') ?? decision.referrer;
  }
}

async function saveOutcomes(
  client: pg.PoolClient,
  run: BatchRun,
  decisions: readonly Decision[],
): Promise<PlannedWrite[]> {
  if (decisions.length === 0) return [];
  const plans = decisions.map((d) => {
    if (d.outcome === 'skipped' || !d.referrer) return null;
    const params = toStripeUpdate(
      {
        referralLink: d.referrer.referral_link,
        referralCode: d.referrer.referral_code,
        referralsCount: d.referrer.referrals_count,
        convertedReferralsCount: d.referrer.converted_referrals_count,
      },
      d.record,
      run.config,
    );
    return params ? { params, key: writeBackIdempotencyKey(run.id, d.record.id, params) } : null;
  });
  const inserted = await client.query<{
    id: number;
    external_id: string;
    outcome: string;
    reason_code: string | null;
  }>(
    `INSERT INTO referkit.sync_outcomes
       (run_id, external_id, outcome, reason_code, message, referrer_id, email, name,
        write_status, write_params, idempotency_key, duplicate_of)
     SELECT $1, external_id, outcome, reason_code, message, referrer_id, email, name,
            CASE WHEN write_params IS NULL THEN 'none' ELSE 'pending' END, write_params, idempotency_key,
            duplicate_of
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::jsonb[], $10::text[], $11::text[])
       AS t(external_id, outcome, reason_code, message, referrer_id, email, name, write_params,
            idempotency_key, duplicate_of)
     ON CONFLICT (run_id, external_id) DO NOTHING
     RETURNING id::float8 AS id, external_id, outcome, reason_code`,
    [
      run.id,
      decisions.map((d) => d.record.id),
      decisions.map((d) => d.outcome),
      decisions.map((d) => d.reasonCode),
      decisions.map((d) => d.message),
      decisions.map((d) => d.referrer?.id ?? null),
      decisions.map((d) => storable(d.email, 512)),
      decisions.map((d) => storable(d.name, 256)),
      plans.map((p) => (p ? JSON.stringify(p.params) : null)),
      plans.map((p) => p?.key ?? null),
      decisions.map((d) => d.duplicateOf ?? null),
    ],
  );
  const delta: CountsDelta = { seen: inserted.rows.length };
  const reasons: Record<string, number> = {};
  for (const row of inserted.rows) {
    const outcome = row.outcome as keyof CountsDelta;
    delta[outcome] = (delta[outcome] ?? 0) + 1;
    if (row.outcome === 'skipped' && row.reason_code) {
      reasons[row.reason_code] = (reasons[row.reason_code] ?? 0) + 1;
    }
  }
  await addRunCounts(client, run.id, delta, reasons);

  const planByCustomer = new Map(decisions.map((d, i) => [d.record.id, plans[i]]));
  const writes: PlannedWrite[] = [];
  for (const row of inserted.rows) {
    const plan = planByCustomer.get(row.external_id);
    if (plan) {
      writes.push({
        outcomeId: row.id,
        customerId: row.external_id,
        params: plan.params,
        idempotencyKey: plan.key,
      });
    }
  }
  if (writes.length > 0) {
    await client.query(
      'UPDATE referkit.sync_runs SET write_backs_planned = write_backs_planned + $2 WHERE id = $1',
      [run.id, writes.length],
    );
  }
  return writes;
}
