import type Stripe from 'stripe';
import { ENDPOINT } from '../stripe/account-limiter';
import { PRIORITY } from '../stripe/adaptive-rate-limiter';
import { callStripe, StripeCallError } from '../stripe/call-stripe';
import { CUSTOMER_EVENT_TYPES } from '../stripe/customer-event-types';
import { toStripeRecord } from '../stripe/to-stripe-record';
import { processRecordBatch } from './process-record-batch';
import type { PhaseResult, SliceContext } from './slice-context';

/** Page size of a full read: Stripe's maximum. */
export const PAGE_SIZE = 100;

/** Seconds subtracted from the local clock when an account has no events yet (clock skew). */
const CLOCK_MARGIN_SECONDS = 60;

/**
 * Before a full run of an ongoing sync lists customers, it notes where
 * Stripe's event stream is (the newest customer event), so the next run —
 * incremental — reads every change made from here on, including changes to
 * customers this run already listed. Once per run. When the key cannot read
 * events, the run's note says so (and later runs read everything too).
 */
export async function takeEventsSnapshot(sc: SliceContext): Promise<void> {
  let newest: Stripe.Event | undefined;
  let note: string | null = null;
  try {
    const page = await callStripe(
      sc.limiter,
      PRIORITY.read,
      () => sc.stripe.events.list({ limit: 1, types: CUSTOMER_EVENT_TYPES }),
      { ...sc.deps.retry, endpoint: ENDPOINT.listEvents, onRequest: sc.tally.read },
    );
    newest = page.data[0];
  } catch (error) {
    if (!(error instanceof StripeCallError) || error.failure.kind !== 'forbidden') throw error;
    note =
      'The saved key cannot read Stripe events (it needs Events: Read), so the next run reads every customer again.';
  }
  await sc.withLease(async (client) => {
    await client.query(
      `UPDATE referkit.sync_runs SET events_snapshot_taken = true, counts_mark = now(),
         events_high_id = $2, events_high_created = $3::bigint, note = coalesce($4, note)
       WHERE id = $1`,
      [
        sc.run.id,
        newest?.id ?? null,
        note ? null : (newest?.created ?? Math.floor(Date.now() / 1000) - CLOCK_MARGIN_SECONDS),
        note,
      ],
    );
  });
}

/**
 * A full run's listing: customers newest first, `limit: 100`, from the run's
 * checkpoint, the next page read while this one is processed; each page
 * through {@link processRecordBatch} with the new checkpoint. Listing never
 * waits for write-backs: a page's write-backs are committed as pending with
 * it, and the run's pipeline drains them at the write budget behind it.
 */
export async function listCustomers(sc: SliceContext): Promise<PhaseResult> {
  const { run, pipeline } = sc;
  const started = performance.now();
  let listed = 0;
  const fetchPage = (cursor: string | null, created: number | string | null) =>
    readCustomerPage(sc, cursor, created);
  let next: ReturnType<typeof fetchPage> | null = fetchPage(run.cursor, run.cursor_created);
  next.catch(() => {});
  let result: PhaseResult = 'more';
  while (next && !pipeline.error) {
    const page: Awaited<typeof next> = await next;
    next = null;
    if (await sc.cancelRequested()) return 'cancelled';
    const last = page.records.at(-1);
    const more = page.hasMore && last !== undefined;
    if (more && !sc.timeUp()) {
      next = fetchPage(last.id, last.created ?? null);
      next.catch(() => {});
    }
    listed += page.records.length;
    const elapsed = (performance.now() - started) / 1000;
    await processRecordBatch(sc.deps.db, sc.batch, page.records, async (client) => {
      await client.query(
        `UPDATE referkit.sync_runs SET cursor = coalesce($2, cursor),
           cursor_created = coalesce($3, cursor_created), listing_done = $4,
           reads_per_second = coalesce($5, reads_per_second)
         WHERE id = $1`,
        [
          run.id,
          last?.id ?? null,
          last?.created ?? null,
          !more,
          elapsed > 1 ? listed / elapsed : null,
        ],
      );
    });
    result = more ? 'more' : 'done';
    pipeline.notify();
  }
  return result;
}

/** One page of customers, read through the limiter. */
async function readCustomerPage(
  sc: SliceContext,
  cursor: string | null,
  created: number | string | null,
) {
  const list = (params: Stripe.CustomerListParams) =>
    callStripe(sc.limiter, PRIORITY.read, () => sc.stripe.customers.list(params), {
      ...sc.deps.retry,
      endpoint: ENDPOINT.listCustomers,
      onRequest: sc.tally.read,
    });
  let page: Stripe.ApiList<Stripe.Customer>;
  try {
    page = await list({ limit: PAGE_SIZE, ...(cursor ? { starting_after: cursor } : {}) });
  } catch (error) {
    // The checkpoint's customer was deleted since: resume from its creation time instead
    // (records already done in this run are recognised and not counted again).
    const missing =
      error instanceof StripeCallError &&
      (error.failure.kind === 'missing' || error.failure.code === 'resource_missing');
    if (!missing || cursor === null || created === null) throw error;
    page = await list({ limit: PAGE_SIZE, created: { lte: Number(created) } });
  }
  if (sc.pipeline.error) throw sc.pipeline.error;
  return {
    records: page.data.map((customer) =>
      toStripeRecord(customer as unknown as Record<string, unknown>),
    ),
    hasMore: page.has_more,
  };
}
