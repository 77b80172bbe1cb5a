import { isOwnWriteBack, type StripeRecord, type SyncConfig } from '@referkit/core';
import type pg from 'pg';
import type Stripe from 'stripe';
import { ENDPOINT } from '../stripe/account-limiter';
import { PRIORITY } from '../stripe/adaptive-rate-limiter';
import { callStripe, StripeCallError } from '../stripe/call-stripe';
import { CUSTOMER_EVENT_TYPES, EVENT_RETENTION_SECONDS } from '../stripe/customer-event-types';
import type { StripeFailure } from '../stripe/stripe-errors';
import { toStripeRecord } from '../stripe/to-stripe-record';
import type { PhaseResult, SliceContext } from './slice-context';

/** Thrown when Stripe's events since the cursor cannot be read: the run reads every customer instead, saying why. */
export class EventsUnavailableError extends Error {
  /** The run's note. */
  readonly note: string;
  constructor(note: string) {
    super(note);
    this.name = 'EventsUnavailableError';
    this.note = note;
  }
}

const INSTEAD = 'this run read every customer instead.';

/** The run's note when events cannot be read for `failure`, or `null` when the failure should fail the call. */
function fallbackNote(failure: StripeFailure): string | null {
  switch (failure.kind) {
    case 'missing':
      return `Stripe no longer has the event the last run stopped at (it keeps events for 30 days): ${INSTEAD}`;
    case 'forbidden':
      return `The saved key cannot read Stripe events (it needs Events: Read): ${INSTEAD}`;
    case 'rejected':
      return `Stripe refused to list the events since the last run (${failure.message}): ${INSTEAD}`;
    default:
      return null;
  }
}

/** A page of customer events, newest first, through the account's limiter. */
async function listEvents(
  sc: SliceContext,
  params: Stripe.EventListParams,
): Promise<Stripe.ApiList<Stripe.Event>> {
  try {
    return await callStripe(
      sc.limiter,
      PRIORITY.read,
      () => sc.stripe.events.list({ limit: 100, types: CUSTOMER_EVENT_TYPES, ...params }),
      { ...sc.deps.retry, endpoint: ENDPOINT.listEvents, onRequest: sc.tally.read },
    );
  } catch (error) {
    const note = error instanceof StripeCallError ? fallbackNote(error.failure) : null;
    if (note) throw new EventsUnavailableError(note);
    throw error;
  }
}

/** A customer an incremental run must look at, and how it was at its newest event. */
export interface CustomerChange {
  deleted: boolean;
  /** The customer as of its newest event (a full object: Stripe puts one in every customer event). */
  record: StripeRecord;
}

/**
 * What events (oldest first) say about customers: `changed` — one entry per
 * customer however many events it had (a deletion is final) — and, for every
 * customer, its state at its newest event. A `customer.updated` whose
 * `previous_attributes` touch only fields the sync writes back (core's
 * `isOwnWriteBack`) is the echo of its own write-back: it changes nothing by
 * itself, but its object is still the newest state of the customer.
 */
export function coalesceEvents(
  events: readonly Stripe.Event[],
  config: Pick<SyncConfig, 'returns'>,
): { changed: Map<string, CustomerChange>; latest: Map<string, StripeRecord> } {
  const latest = new Map<string, StripeRecord>();
  const changed = new Map<string, CustomerChange>();
  for (const event of events) {
    const object = event.data.object as unknown as Record<string, unknown>;
    if (typeof object.id !== 'string' || object.object !== 'customer') continue;
    const record = toStripeRecord(object);
    latest.set(record.id, record);
    const previous = (event.data as { previous_attributes?: Record<string, unknown> })
      .previous_attributes;
    if (event.type === 'customer.updated' && isOwnWriteBack(previous, config)) {
      const before = changed.get(record.id);
      if (before) before.record = record;
      continue;
    }
    const deleted = (changed.get(record.id)?.deleted ?? false) || event.type === 'customer.deleted';
    changed.set(record.id, { deleted, record });
  }
  return { changed, latest };
}

/** Remembers, per customer, the newest event its state now comes from (`null` id: fetched). */
async function recordVersions(
  client: pg.PoolClient,
  syncId: string,
  versions: ReadonlyMap<string, { created: number; eventId: string | null }>,
): Promise<void> {
  if (versions.size === 0) return;
  await client.query(
    `INSERT INTO referkit.sync_customer_events (sync_id, customer_id, created, event_id)
     SELECT $1, customer_id, created, event_id
     FROM unnest($2::text[], $3::bigint[], $4::text[]) AS t(customer_id, created, event_id)
     ON CONFLICT (sync_id, customer_id) DO UPDATE SET
       created = EXCLUDED.created, event_id = EXCLUDED.event_id
     WHERE EXCLUDED.created >= sync_customer_events.created`,
    [
      syncId,
      [...versions.keys()],
      [...versions.values()].map((v) => v.created),
      [...versions.values()].map((v) => v.eventId),
    ],
  );
}

/** The customer an event is about, if it is a customer event. */
function customerOf(event: Stripe.Event): string | null {
  const object = event.data.object as unknown as Record<string, unknown>;
  return typeof object.id === 'string' && object.object === 'customer' ? object.id : null;
}

/**
 * A record as jsonb text, or `null` (the run reads the customer from Stripe
 * instead) when it holds U+0000, which jsonb cannot store: the customer is then
 * skipped with `nul_character` rather than failing the run.
 */
function recordJson(record: unknown): string | null {
  const json = JSON.stringify(record);
  return json === undefined || json.includes('\\u0000') ? null : json;
}

async function saveChanges(
  client: pg.PoolClient,
  sc: SliceContext,
  eventsOldestFirst: readonly Stripe.Event[],
): Promise<void> {
  const versions = new Map<string, { created: number; eventId: string | null }>();
  for (const event of eventsOldestFirst) {
    const id = customerOf(event);
    if (id) versions.set(id, { created: event.created, eventId: event.id });
  }
  await recordVersions(client, sc.run.sync_id, versions);
  const { changed, latest } = coalesceEvents(eventsOldestFirst, sc.run.config);
  if (changed.size > 0) {
    await client.query(
      `INSERT INTO referkit.sync_run_changes (run_id, customer_id, deleted, record)
       SELECT $1, customer_id, deleted, record
       FROM unnest($2::text[], $3::boolean[], $4::jsonb[]) AS t(customer_id, deleted, record)
       ON CONFLICT (run_id, customer_id) DO UPDATE SET
         deleted = sync_run_changes.deleted OR EXCLUDED.deleted, record = EXCLUDED.record`,
      [
        sc.run.id,
        [...changed.keys()],
        [...changed.values()].map((change) => change.deleted),
        [...changed.values()].map((change) => recordJson(change.record)),
      ],
    );
  }
  // An echo of the sync's own write-back on a later page still brings a customer changed earlier up to date.
  const echoes = [...latest].filter(([id]) => !changed.has(id));
  if (echoes.length > 0) {
    await client.query(
      `UPDATE referkit.sync_run_changes c SET record = t.record
       FROM unnest($2::text[], $3::jsonb[]) AS t(customer_id, record)
       WHERE c.run_id = $1 AND c.customer_id = t.customer_id`,
      [sc.run.id, echoes.map(([id]) => id), echoes.map(([, record]) => recordJson(record))],
    );
  }
}

/**
 * Once every event is read: referrers whose counts changed since the last run
 * join the changes when the sync writes counts back, and the run remembers
 * when it looked, for the next run.
 */
async function addCountChanges(client: pg.PoolClient, sc: SliceContext): Promise<void> {
  const { returns } = sc.run.config;
  if (returns.referralsCount.kind !== 'none' || returns.convertedReferralsCount.kind !== 'none') {
    await client.query(
      `INSERT INTO referkit.sync_run_changes (run_id, customer_id)
       SELECT $1, external_id FROM referkit.referrers
       WHERE campaign_id = $2 AND external_id IS NOT NULL
         AND counts_changed_at > coalesce($3::timestamptz, '-infinity')
       ORDER BY counts_changed_at
       ON CONFLICT (run_id, customer_id) DO NOTHING`,
      [sc.run.id, sc.batch.campaign.id, sc.run.counts_since],
    );
  }
  await client.query('UPDATE referkit.sync_runs SET counts_mark = now() WHERE id = $1', [
    sc.run.id,
  ]);
}

/**
 * The first phase of an incremental run: reads `GET /v1/events` for customer
 * events after the run's cursor — the last event the previous run took in
 * (Stripe's order is total, so nothing is missed and nothing counted twice,
 * even within one second) — page by page with `ending_before`, newest pages
 * last, and stores the customers they touch with their newest state (no
 * fetch: every customer event carries the whole customer). Each page and the cursor commit
 * together, so a resumed run continues where it stopped. A cursor Stripe no
 * longer has (older than 30 days), or events it will not list, throws
 * {@link EventsUnavailableError}.
 *
 * A cursor without an event id (the account had no customer events when the
 * sync began) reads every event created since its time instead.
 */
export async function readEventChanges(sc: SliceContext): Promise<PhaseResult> {
  const { run } = sc;
  if (run.cursor === null) return readEventsSince(sc, Number(run.cursor_created));
  let cursorId: string = run.cursor;
  let cursorCreated = run.cursor_created;
  for (;;) {
    if (sc.timeUp()) return 'more';
    const page = await listEvents(sc, { ending_before: cursorId });
    const newest = page.data[0];
    const done = !page.has_more || !newest;
    const position = { id: newest?.id ?? cursorId, created: newest?.created ?? cursorCreated };
    await sc.withLease(async (client) => {
      await saveChanges(client, sc, [...page.data].reverse());
      await client.query(
        `UPDATE referkit.sync_runs SET cursor = $2, cursor_created = $3, events_done = $4,
           events_high_id = CASE WHEN $4 THEN $2 ELSE events_high_id END,
           events_high_created = CASE WHEN $4 THEN $3::bigint ELSE events_high_created END
         WHERE id = $1`,
        [run.id, position.id, position.created, done],
      );
      if (done) await addCountChanges(client, sc);
    });
    if (done) return 'done';
    cursorId = position.id;
    cursorCreated = position.created;
  }
}

/** Webhook deliveries a run takes in per transaction. */
const DELIVERIES_BATCH = 100;

/**
 * The first phase of an incremental run a webhook started: the changes come
 * from the events Stripe delivered (stored by the webhook endpoint, each with
 * the whole customer), not from `GET /v1/events` — a webhook run costs no
 * Stripe read, which keeps an ongoing sync within Stripe's monthly read
 * allocation (docs.stripe.com/rate-limits). Deliveries after the last one the
 * sync took in, in batches, oldest first by Stripe's `created`; the run
 * remembers how far it got. The sync's event cursor does not move: the next
 * scheduled run still reads Stripe's events in Stripe's order, so a delivery
 * that never came, or came out of order within a second, is caught up there.
 */
export async function readWebhookChanges(sc: SliceContext): Promise<PhaseResult> {
  for (;;) {
    if (sc.timeUp()) return 'more';
    const rows = await sc.deps.db.rows<{ seq: string; payload: Stripe.Event }>(
      `SELECT e.seq::text AS seq, e.payload FROM referkit.syncs s
       JOIN referkit.stripe_connections c ON c.account_id = s.account_id
       JOIN referkit.stripe_webhook_events e ON e.connection_id = c.id
       WHERE s.id = $1 AND e.type = ANY($2)
         AND e.seq > coalesce($3::bigint, s.webhook_seq, 0)
         AND (s.webhook_seq IS NOT NULL OR $3::bigint IS NOT NULL OR e.received_at >= s.created_at)
       ORDER BY e.seq LIMIT $4`,
      [sc.run.sync_id, CUSTOMER_EVENT_TYPES, sc.run.webhook_high_seq, DELIVERIES_BATCH],
    );
    const done = rows.length < DELIVERIES_BATCH;
    const high = rows.at(-1)?.seq ?? sc.run.webhook_high_seq;
    await sc.withLease(async (client) => {
      const { apply, fetch } = await sortDeliveries(
        client,
        sc.run.sync_id,
        rows.map((row) => row.payload),
      );
      await saveChanges(client, sc, apply);
      if (fetch.length > 0) {
        // Fetched as they are now (the record stays empty): processChangedCustomers reads them.
        await client.query(
          `INSERT INTO referkit.sync_run_changes (run_id, customer_id)
           SELECT $1, unnest($2::text[])
           ON CONFLICT (run_id, customer_id) DO UPDATE SET record = NULL`,
          [sc.run.id, fetch.map((f) => f.id)],
        );
        await recordVersions(
          client,
          sc.run.sync_id,
          new Map(fetch.map((f) => [f.id, { created: f.created, eventId: null }])),
        );
      }
      await client.query(
        'UPDATE referkit.sync_runs SET webhook_high_seq = $2, events_done = $3 WHERE id = $1',
        [sc.run.id, high, done],
      );
      if (done) await addCountChanges(client, sc);
    });
    sc.run = { ...sc.run, webhook_high_seq: high };
    if (done) return 'done';
  }
}

/**
 * Sorts delivered events, which Stripe may deliver late, twice or out of
 * order: per customer, events older than the state the sync already took in
 * are dropped, and so is an event already taken in; when the newest events of
 * a customer cannot be ordered (two in the same second — Stripe's `created`
 * is in seconds — or one from the same second as the state already taken in),
 * or a delivery's stored copy had U+0000 replaced (U+FFFD in it), the customer
 * is fetched instead (`fetch`). The rest (`apply`) come oldest first.
 */
async function sortDeliveries(
  client: pg.PoolClient,
  syncId: string,
  delivered: readonly Stripe.Event[],
): Promise<{ apply: Stripe.Event[]; fetch: { id: string; created: number }[] }> {
  const byCustomer = new Map<string, Stripe.Event[]>();
  for (const event of delivered) {
    const id = customerOf(event);
    if (!id) continue;
    const events = byCustomer.get(id) ?? [];
    if (!events.some((e) => e.id === event.id)) events.push(event);
    byCustomer.set(id, events);
  }
  const known = new Map(
    (
      await client.query<{ customer_id: string; created: string; event_id: string | null }>(
        `SELECT customer_id, created::text, event_id FROM referkit.sync_customer_events
         WHERE sync_id = $1 AND customer_id = ANY($2)`,
        [syncId, [...byCustomer.keys()]],
      )
    ).rows.map((row) => [row.customer_id, { created: Number(row.created), eventId: row.event_id }]),
  );
  const apply: Stripe.Event[] = [];
  const fetch: { id: string; created: number }[] = [];
  for (const [id, events] of byCustomer) {
    const newestAt = Math.max(...events.map((e) => e.created));
    const newest = events.filter((e) => e.created === newestAt);
    const taken = known.get(id);
    if (taken && newestAt < taken.created) continue;
    if (taken && newest.length === 1 && newest[0]?.id === taken.eventId) continue;
    // A delivery with U+0000 is stored with U+FFFD in its place (jsonb cannot hold it):
    // its payload is not the customer's state, so the customer is read from Stripe.
    const altered = events.some((e) => JSON.stringify(e.data.object).includes('\uFFFD'));
    if (altered || newest.length > 1 || (taken && newestAt === taken.created)) {
      fetch.push({ id, created: newestAt });
      continue;
    }
    apply.push(...events.filter((e) => !taken || e.created > taken.created));
  }
  apply.sort((a, b) => a.created - b.created);
  return { apply, fetch };
}

async function readEventsSince(sc: SliceContext, since: number): Promise<PhaseResult> {
  if (!Number.isFinite(since) || since < Date.now() / 1000 - EVENT_RETENTION_SECONDS) {
    throw new EventsUnavailableError(
      `The last run is older than the 30 days Stripe keeps events: ${INSTEAD}`,
    );
  }
  const newestFirst: Stripe.Event[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listEvents(sc, {
      created: { gte: since },
      ...(after ? { starting_after: after } : {}),
    });
    newestFirst.push(...page.data);
    after = page.data.at(-1)?.id;
    if (!page.has_more || !after) break;
  }
  const newest = newestFirst[0];
  await sc.withLease(async (client) => {
    await saveChanges(client, sc, newestFirst.reverse());
    await client.query(
      `UPDATE referkit.sync_runs SET events_done = true,
         events_high_id = $2, events_high_created = $3, cursor = $2, cursor_created = $3
       WHERE id = $1`,
      [sc.run.id, newest?.id ?? null, newest?.created ?? since],
    );
    await addCountChanges(client, sc);
  });
  return 'done';
}
