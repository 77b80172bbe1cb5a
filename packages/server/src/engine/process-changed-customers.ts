import type { StripeRecord } from '@referkit/core';
import { ENDPOINT } from '../stripe/account-limiter';
import { PRIORITY } from '../stripe/adaptive-rate-limiter';
import { callStripe, StripeCallError } from '../stripe/call-stripe';
import { toStripeRecord } from '../stripe/to-stripe-record';
import { processRecordBatch } from './process-record-batch';
import type { PhaseResult, SliceContext } from './slice-context';

/** Customers fetched and processed together (one transaction, like a page of a full run). */
export const CHANGES_BATCH_SIZE = 100;

/** The record of a customer Stripe says was deleted. */
function deletedRecord(id: string): StripeRecord {
  return { id, object: 'customer', deleted: true, metadata: {} };
}

/** The customer as it is now (one request); a customer Stripe no longer knows counts as deleted. */
async function fetchCustomer(sc: SliceContext, id: string): Promise<StripeRecord> {
  try {
    const customer = await callStripe(
      sc.limiter,
      PRIORITY.read,
      () => sc.stripe.customers.retrieve(id),
      { ...sc.deps.retry, endpoint: ENDPOINT.retrieveCustomer, onRequest: sc.tally.read },
    );
    return toStripeRecord(customer as unknown as Record<string, unknown>);
  } catch (error) {
    if (error instanceof StripeCallError && error.failure.kind === 'missing') {
      return deletedRecord(id);
    }
    throw error;
  }
}

/**
 * The second phase of an incremental run: the customers the events touched,
 * a batch at a time, as of their newest event (however many events they had;
 * only a customer that had none — its referrer's counts changed — is fetched,
 * once), through the same {@link processRecordBatch} as full runs, which marks
 * the batch done in the same transaction. The run's pipeline drains the
 * write-backs it plans.
 */
export async function processChangedCustomers(sc: SliceContext): Promise<PhaseResult> {
  const { db } = sc.deps;
  for (;;) {
    if (sc.timeUp()) return 'more';
    if (await sc.cancelRequested()) return 'cancelled';
    const rows = await db.rows<{
      customer_id: string;
      deleted: boolean;
      record: StripeRecord | null;
    }>(
      `SELECT customer_id, deleted, record FROM referkit.sync_run_changes
       WHERE run_id = $1 AND NOT done ORDER BY seq LIMIT $2`,
      [sc.run.id, CHANGES_BATCH_SIZE],
    );
    if (rows.length === 0) {
      // Reading is over: what is left is writing back.
      await sc.withLease(async (client) => {
        await client.query('UPDATE referkit.sync_runs SET listing_done = true WHERE id = $1', [
          sc.run.id,
        ]);
      });
      return 'done';
    }
    const records = await Promise.all(
      rows.map((row) =>
        row.deleted
          ? deletedRecord(row.customer_id)
          : (row.record ?? fetchCustomer(sc, row.customer_id)),
      ),
    );
    if (sc.pipeline.error) throw sc.pipeline.error;
    await processRecordBatch(db, sc.batch, records, async (client) => {
      await client.query(
        'UPDATE referkit.sync_run_changes SET done = true WHERE run_id = $1 AND customer_id = ANY($2)',
        [sc.run.id, rows.map((row) => row.customer_id)],
      );
    });
    sc.pipeline.notify();
  }
}
