import {
  mergeStripeUpdates,
  type StripeCustomerUpdate,
  type StripeRecord,
  toStripeRemoval,
} from '@referkit/core';
import { addRunCounts, type CountsDelta } from '../store/sync-store';
import { ENDPOINT } from '../stripe/account-limiter';
import { PRIORITY } from '../stripe/adaptive-rate-limiter';
import { callStripe, StripeCallError } from '../stripe/call-stripe';
import { toStripeRecord } from '../stripe/to-stripe-record';
import { PAGE_SIZE } from './list-customers';
import { writeBackIdempotencyKey } from './process-record-batch';
import type { PhaseResult, SliceContext } from './slice-context';

/** A customer the sync wrote to, with every write-back it made there, oldest first. */
interface WrittenCustomer {
  external_id: string;
  writes: StripeCustomerUpdate[];
  email: string | null;
  name: string | null;
  referrer_id: string | null;
}

/** What removing the sync's values does to one customer. */
interface Removal {
  customer: WrittenCustomer;
  outcome: 'updated' | 'unchanged' | 'skipped';
  params: StripeCustomerUpdate | null;
}

function describeRemoval(params: StripeCustomerUpdate): string {
  const parts = [
    ...Object.keys(params.metadata ?? {}).map((key) => `metadata ${key}`),
    ...Object.keys(params).filter((key) => key !== 'metadata'),
  ];
  return `Removing what the sync wrote: ${parts.join(', ')}.`;
}

/**
 * Decides one customer's removal: the metadata keys the sync wrote go; a
 * standard field it wrote is read first (through the limiter, at the read
 * pace) and cleared only while it still holds what the sync wrote.
 */
async function decide(sc: SliceContext, customer: WrittenCustomer): Promise<Removal> {
  const written = mergeStripeUpdates(customer.writes);
  let current: StripeRecord | null = null;
  if (Object.keys(written).some((key) => key !== 'metadata')) {
    try {
      const found = await callStripe(
        sc.limiter,
        PRIORITY.read,
        () => sc.stripe.customers.retrieve(customer.external_id),
        { ...sc.deps.retry, endpoint: ENDPOINT.retrieveCustomer, onRequest: sc.tally.read },
      );
      current = toStripeRecord(found as unknown as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof StripeCallError) || error.failure.kind !== 'missing') throw error;
      return { customer, outcome: 'skipped', params: null };
    }
    if (current.deleted) return { customer, outcome: 'skipped', params: null };
  }
  const params = toStripeRemoval(written, current);
  return { customer, outcome: params ? 'updated' : 'unchanged', params };
}

const WRITTEN = `
  FROM referkit.sync_outcomes o JOIN referkit.sync_runs r ON r.id = o.run_id
  WHERE r.sync_id = $1 AND r.mode <> 'remove_links'
    AND o.write_status IN ('done', 'pending') AND o.write_params IS NOT NULL`;

/**
 * The work of a `remove_links` run (deleting a sync with `removeLinks`).
 * First, once, it lists every customer the sync's earlier runs wrote to into
 * the run's change list (`sync_run_changes`, one pass; the run's `cursor`
 * becomes `listed`, and the number listed is the run's `recordsTotal`). Then
 * page by page: every write-back the sync made to those customers, decided
 * with core's `toStripeRemoval` (reads at the read budget), one outcome per
 * customer with the removal persisted as a pending write-back (counted in
 * `writeBacksPlanned`), which the run's write-back pipeline drains — the
 * engine's own write path: the account's limiter at the write budget,
 * idempotency keys, results recorded as they settle, pending writes re-sent
 * after a crash — while deciding goes on. Cancel is honoured between pages.
 */
export async function removeSyncLinks(sc: SliceContext): Promise<PhaseResult> {
  const { run, pipeline, deps } = sc;
  if (run.listing_done) return 'done';
  if (run.cursor !== 'listed') {
    await sc.withLease(async (client) => {
      await client.query(
        `INSERT INTO referkit.sync_run_changes (run_id, customer_id)
         SELECT $2, o.external_id ${WRITTEN}
         GROUP BY o.external_id ORDER BY o.external_id
         ON CONFLICT (run_id, customer_id) DO NOTHING`,
        [run.sync_id, run.id],
      );
      // The run's total is known now: its progress counts toward the customers listed.
      await client.query(
        `UPDATE referkit.sync_runs SET cursor = 'listed', records_estimate =
           (SELECT count(*) FROM referkit.sync_run_changes WHERE run_id = $1)
         WHERE id = $1`,
        [run.id],
      );
    });
  }
  const started = performance.now();
  let decided = 0;
  while (!pipeline.error) {
    if (await sc.cancelRequested()) return 'cancelled';
    if (sc.timeUp()) return 'more';
    const pending = (
      await deps.db.rows<{ customer_id: string }>(
        `SELECT customer_id FROM referkit.sync_run_changes
         WHERE run_id = $1 AND NOT done ORDER BY seq LIMIT $2`,
        [run.id, PAGE_SIZE],
      )
    ).map((row) => row.customer_id);
    if (pending.length === 0) {
      await sc.withLease(async (client) => {
        await client.query('UPDATE referkit.sync_runs SET listing_done = true WHERE id = $1', [
          run.id,
        ]);
      });
      return 'done';
    }
    const page = await deps.db.rows<WrittenCustomer>(
      `SELECT o.external_id, jsonb_agg(o.write_params ORDER BY o.id) AS writes,
         (array_agg(o.email ORDER BY o.id DESC))[1] AS email,
         (array_agg(o.name ORDER BY o.id DESC))[1] AS name,
         (array_agg(o.referrer_id ORDER BY o.id DESC))[1] AS referrer_id
       ${WRITTEN} AND o.external_id = ANY($2)
       GROUP BY o.external_id`,
      [run.sync_id, pending],
    );
    const removals = await Promise.all(page.map((customer) => decide(sc, customer)));
    if (pipeline.error) break;
    decided += removals.length;
    const elapsed = (performance.now() - started) / 1000;
    await sc.withLease(async (client) => {
      const inserted = await client.query<{
        external_id: string;
        outcome: string;
        pending: boolean;
      }>(
        `INSERT INTO referkit.sync_outcomes
           (run_id, external_id, outcome, reason_code, message, referrer_id, email, name,
            write_status, write_params, idempotency_key)
         SELECT $1, external_id, outcome, reason_code, message, referrer_id, email, name,
                CASE WHEN write_params IS NULL THEN 'none' ELSE 'pending' END, write_params, idempotency_key
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::jsonb[], $10::text[])
           AS t(external_id, outcome, reason_code, message, referrer_id, email, name, write_params, idempotency_key)
         ON CONFLICT (run_id, external_id) DO NOTHING
         RETURNING external_id, outcome, write_status = 'pending' AS pending`,
        [
          run.id,
          removals.map((r) => r.customer.external_id),
          removals.map((r) => r.outcome),
          removals.map((r) => (r.outcome === 'skipped' ? 'deleted' : null)),
          removals.map((r) =>
            r.params
              ? describeRemoval(r.params)
              : r.outcome === 'skipped'
                ? 'The customer was deleted in Stripe: nothing to remove.'
                : 'Nothing the sync wrote is left on this customer.',
          ),
          removals.map((r) => r.customer.referrer_id),
          removals.map((r) => r.customer.email),
          removals.map((r) => r.customer.name),
          removals.map((r) => (r.params ? JSON.stringify(r.params) : null)),
          removals.map((r) =>
            r.params ? writeBackIdempotencyKey(run.id, r.customer.external_id, r.params) : null,
          ),
        ],
      );
      const delta: CountsDelta = { seen: inserted.rows.length };
      let deleted = 0;
      let planned = 0;
      for (const row of inserted.rows) {
        if (row.pending) planned += 1;
        const outcome = row.outcome as keyof CountsDelta;
        delta[outcome] = (delta[outcome] ?? 0) + 1;
        if (row.outcome === 'skipped') deleted += 1;
      }
      await addRunCounts(client, run.id, delta, deleted ? { deleted } : {});
      await client.query(
        `UPDATE referkit.sync_run_changes SET done = true
         WHERE run_id = $1 AND customer_id = ANY($2)`,
        [run.id, pending],
      );
      await client.query(
        `UPDATE referkit.sync_runs SET write_backs_planned = write_backs_planned + $2,
           reads_per_second = coalesce($3, reads_per_second)
         WHERE id = $1`,
        [run.id, planned, elapsed > 1 ? decided / elapsed : null],
      );
    });
    // Persisted as pending: the pipeline drains them at the write budget while the next page is decided.
    pipeline.notify();
  }
  return 'more';
}
