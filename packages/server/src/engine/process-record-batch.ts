import { createHash } from 'node:crypto';
import {
  type OutcomeNoteCode,
  type SkipReasonCode,
  type StripeCustomerUpdate,
  type StripeRecord,
  type SyncConfig,
  stableJson,
  toStripeUpdate,
} from '@referkit/core';
import type pg from 'pg';
import type { Database } from '../store/database';
import type { CampaignRef } from '../store/referrer-store';
import { addRunCounts, type CountsDelta } from '../store/sync-store';
import { applyReferrerChanges, type ReferrerChange } from './apply-referrer-changes';
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
    const decisions = await applyReferrerChanges(client, run.campaign, run.config, fresh);
    const writes = await saveOutcomes(client, run, decisions);
    await checkpoint(client);
    return writes;
  });
}

/**
 * Records one outcome per record (a replayed one is left as it was), adds them
 * to the run's counters, and stores the write-backs core's `toStripeUpdate`
 * plans as `pending`.
 */
async function saveOutcomes(
  client: pg.PoolClient,
  run: BatchRun,
  decisions: readonly ReferrerChange[],
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
