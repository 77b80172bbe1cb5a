import { isOwnWriteBack, type Sync } from '@referkit/core';
import { stripeClientOptions } from '@referkit/stripe-sandbox';
import Stripe from 'stripe';
import { API_BASE_PATH } from './demo-campaigns';
import type { DemoLog } from './start-demo';

/** Where the sandbox posts customer events for the bridge. */
export const BRIDGE_PATH = '/demo/stripe-events';

/** Options of {@link startOngoingSyncBridge}. */
export interface OngoingSyncBridgeOptions {
  /** The Referkit handler, called with the same requests the dashboard makes. */
  handle: (request: Request) => Promise<Response>;
  /** The demo's local origin, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  /** The sandbox's API base and test key. */
  stripeApiBase: string;
  stripeSecretKey: string;
  log: DemoLog;
  /** Quiet time before a burst of events starts one run, in ms. Default: 300. */
  debounceMs?: number;
}

/** A running bridge. */
export interface OngoingSyncBridge {
  /** Handles a POST from the sandbox to {@link BRIDGE_PATH}: verifies it and nudges the syncs. */
  receive(request: Request): Promise<Response>;
  stop(): void;
}

/**
 * TEMPORARY, until `@referkit/server` turns Stripe webhooks into incremental
 * runs itself (its README: "ongoing syncs, next issue"; today it only stores
 * them): registers a webhook endpoint of the demo on the sandbox and, when a
 * customer changes, asks Referkit to run each ongoing sync now, through the
 * public API (`POST /syncs/:id/runs`). An event that only echoes a sync's own
 * write-back (core's `isOwnWriteBack`) starts nothing. A burst of events
 * starts one run; events during a run start one more run after it.
 */
export async function startOngoingSyncBridge(
  options: OngoingSyncBridgeOptions,
): Promise<OngoingSyncBridge> {
  const { handle, origin, log, debounceMs = 300 } = options;
  const stripe = new Stripe(options.stripeSecretKey, stripeClientOptions(options.stripeApiBase));
  const endpoint = await stripe.webhookEndpoints.create({
    url: `${origin}${BRIDGE_PATH}`,
    enabled_events: ['customer.created', 'customer.updated', 'customer.deleted'],
    description: 'Acme Referrals demo: runs ongoing syncs when customers change',
  });
  const secret = endpoint.secret ?? '';

  const api = (path: string, init?: RequestInit) =>
    handle(new Request(`${origin}${API_BASE_PATH}${path}`, init));
  const ongoingSyncs = async (): Promise<Sync[]> => {
    const response = await api('/syncs');
    if (!response.ok) return [];
    const { syncs } = (await response.json()) as { syncs: Sync[] };
    return syncs.filter((sync) => sync.config.syncType === 'ongoing' && sync.status !== 'paused');
  };

  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const runAll = async () => {
    timer = null;
    let busy = false;
    for (const sync of await ongoingSyncs()) {
      const response = await api(`/syncs/${encodeURIComponent(sync.id)}/runs`, { method: 'POST' });
      // A run already in progress may have read the customer before it changed: try again after it.
      if (response.status === 409) busy = true;
      else if (!response.ok) log(`  [demo] Could not run sync ${sync.id}: ${response.status}`);
    }
    if (busy) nudge(1000);
  };
  const nudge = (delayMs = debounceMs) => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      runAll().catch((error: unknown) => log(`  [demo] Ongoing sync bridge: ${String(error)}`));
    }, delayMs);
  };

  return {
    async receive(request) {
      const raw = await request.text();
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          raw,
          request.headers.get('stripe-signature') ?? '',
          secret,
        );
      } catch {
        return Response.json({ error: 'Invalid signature' }, { status: 400 });
      }
      const previous = (event.data as { previous_attributes?: Record<string, unknown> })
        .previous_attributes;
      const syncs = await ongoingSyncs();
      const echoOnly =
        event.type === 'customer.updated' &&
        syncs.length > 0 &&
        syncs.every((sync) => isOwnWriteBack(previous, sync.config));
      if (syncs.length > 0 && !echoOnly) nudge();
      return Response.json({ received: true });
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
