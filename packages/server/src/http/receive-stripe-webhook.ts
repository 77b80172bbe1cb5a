import { isOwnWriteBack, type SyncConfig } from '@referkit/core';
import Stripe from 'stripe';
import { ApiError, notFound } from '../api-error';
import { startRun } from '../engine/start-run';
import type { ServerContext } from '../server-context';
import { CUSTOMER_EVENT_TYPES } from '../stripe/customer-event-types';
import { readText } from './http-handler';

/** Stripe's tolerance for a signature's timestamp, in seconds. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `POST /webhooks/stripe/:connectionId`: checks the `Stripe-Signature` over
 * the raw body with the connection's stored secret (a bad or stale signature
 * is a 400 and nothing is stored or started; so is a signed payload that is
 * not an event), stores the event once by id (a
 * repeated delivery does nothing more), and for each active ongoing sync of
 * the account starts an incremental run after a short delay — so a burst of
 * changes makes one run — unless the event only echoes that sync's own
 * write-back. A sync already running gets one more run after the current one;
 * a queued run will read the change anyway. Deliveries may come in any order:
 * runs read Stripe's events in Stripe's order and fetch each customer as it is
 * now. Syncs with no event cursor yet (their first run is still going) are
 * left to that run and their schedule.
 */
export async function receiveStripeWebhook(
  ctx: ServerContext,
  connectionId: string,
  request: Request,
): Promise<{ received: true }> {
  const connection = await ctx.connections.byId(connectionId);
  if (!connection?.webhook_secret_ciphertext) throw notFound('Webhook endpoint');
  const raw = await readText(request, ctx.limits.maxBodyBytes);
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      raw,
      request.headers.get('stripe-signature') ?? '',
      ctx.secrets.open(connection.webhook_secret_ciphertext),
      SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch {
    throw new ApiError(
      'webhook_signature_invalid',
      'The Stripe-Signature header does not match this endpoint’s signing secret, or is older than 5 minutes.',
    );
  }
  // Signed, yet not an event (a JSON array, no id or type): nothing is stored or started.
  const shape = event as unknown as Record<string, unknown> | null;
  if (
    shape === null ||
    typeof shape !== 'object' ||
    Array.isArray(shape) ||
    typeof shape.id !== 'string' ||
    shape.id === '' ||
    shape.id.length > 255 ||
    shape.id.includes('\u0000') ||
    typeof shape.type !== 'string' ||
    shape.type.length > 255 ||
    shape.type.includes('\u0000') ||
    (shape.data !== undefined && (shape.data === null || typeof shape.data !== 'object'))
  ) {
    throw new ApiError(
      'invalid_request',
      'The payload is not a Stripe event: it needs an object with a string id, a string type and a data object.',
    );
  }
  const started = await ctx.db.transaction(async (client) => {
    const fresh = await client.query(
      `INSERT INTO referkit.stripe_webhook_events (connection_id, event_id, type, payload)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING event_id`,
      // jsonb cannot hold U+0000: the stored copy shows it as U+FFFD (runs read customers themselves).
      [connection.id, event.id, event.type, JSON.stringify(event).replaceAll('\\u0000', '\\ufffd')],
    );
    if (fresh.rowCount === 0) return 0;
    let runs = 0;
    if (CUSTOMER_EVENT_TYPES.includes(event.type)) {
      const previous = (event.data as { previous_attributes?: Record<string, unknown> })
        .previous_attributes;
      const syncs = await client.query<{ id: string; config: SyncConfig }>(
        `SELECT id, config FROM referkit.syncs
         WHERE account_id = $1 AND status = 'active' AND config->>'syncType' = 'ongoing'
         ORDER BY id`,
        [connection.account_id],
      );
      for (const sync of syncs.rows) {
        if (event.type === 'customer.updated' && isOwnWriteBack(previous, sync.config)) continue;
        const result = await startRun(client, ctx, sync.id, 'webhook', {
          delaySeconds: ctx.jobs.webhookDelayMs / 1000,
          whenBusy: 'rerun',
          incrementalOnly: true,
        });
        if ('started' in result) runs += 1;
      }
    }
    await client.query(
      'UPDATE referkit.stripe_webhook_events SET processed_at = now() WHERE connection_id = $1 AND event_id = $2',
      [connection.id, event.id],
    );
    return runs;
  });
  if (started > 0) ctx.wakeWorkers(ctx.jobs.webhookDelayMs);
  return { received: true };
}
