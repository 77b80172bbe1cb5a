import type { RateLimitCause } from './request-stats';
import { TAG_HEADER } from './request-stats';

/** An operation the merchant's own traffic can call. */
export type MerchantOperation =
  | 'POST /v1/payment_intents'
  | 'GET /v1/payment_intents/:id'
  | 'GET /v1/balance'
  | 'GET /v1/account'
  | 'POST /v1/customers';

/** Every {@link MerchantOperation}. */
export const MERCHANT_OPERATIONS: readonly MerchantOperation[] = [
  'POST /v1/payment_intents',
  'GET /v1/payment_intents/:id',
  'GET /v1/balance',
  'GET /v1/account',
  'POST /v1/customers',
];

/**
 * The default mix: a checkout's write and three cheap reads, so that up to
 * 100 requests/s stay within Stripe's 25/s per endpoint.
 */
export const DEFAULT_MERCHANT_OPERATIONS: readonly MerchantOperation[] = [
  'POST /v1/payment_intents',
  'GET /v1/payment_intents/:id',
  'GET /v1/balance',
  'GET /v1/account',
];

/** Options of `startMerchantTraffic`. */
export interface MerchantTrafficOptions {
  /**
   * Requests per second, sent at an even pace whatever the answers (open
   * loop, like shoppers: a 429 is not retried or slowed down for). Required.
   */
  ratePerSecond: number;
  /**
   * Operations, called in turn. Default {@link DEFAULT_MERCHANT_OPERATIONS}
   * (create a PaymentIntent, retrieve it, balance, account). `POST
   * /v1/customers` creates real customers (with their events).
   */
  operations?: readonly MerchantOperation[];
  /** The key the requests carry. Default: the default account's secret key. */
  apiKey?: string;
  /** `Stripe-Account` header (act on a connected account). Default none. */
  stripeAccount?: string;
  /** Sent as the `Referkit-Sandbox-Tag` header, so `stats().tags[tag]` counts it. Default `'merchant'`. */
  tag?: string;
  /** Most requests in flight; a request due beyond that is skipped (counted in `skipped`). Default `256`. */
  maxInFlight?: number;
}

/** What a merchant traffic run saw. */
export interface MerchantTrafficStats {
  /** Requests sent. */
  requests: number;
  /** Answered 2xx. */
  succeeded: number;
  /** Answered 429. */
  rateLimited: number;
  /** The 429s by `Stripe-Rate-Limited-Reason` (or `lock_timeout`). */
  rateLimitedBy: Partial<Record<RateLimitCause, number>>;
  /** Other answers (4xx, 5xx) and connection failures. */
  failed: number;
  /** Requests not sent because `maxInFlight` were still waiting. */
  skipped: number;
  /** Requests sent per operation. */
  operations: Record<string, { requests: number; succeeded: number; rateLimited: number }>;
}

/** A running merchant traffic generator. */
export interface MerchantTraffic {
  /** Its id in the control API (`mt_1`, …). */
  readonly id: string;
  /** The tag its requests carry. */
  readonly tag: string;
  /** Requests per second it sends. */
  readonly ratePerSecond: number;
  /** Counters so far. */
  stats(): MerchantTrafficStats;
  /** Stops sending, waits for the requests in flight and returns the final counters. */
  stop(): Promise<MerchantTrafficStats>;
}

/** How often the pacer wakes, in ms; each tick sends what is due. */
const TICK_MS = 5;

function checkOptions(options: MerchantTrafficOptions): void {
  const rate = options.ratePerSecond;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 10_000) {
    throw new RangeError('ratePerSecond must be a number of requests per second from 0 to 10,000.');
  }
  if (options.operations !== undefined) {
    if (!Array.isArray(options.operations) || options.operations.length === 0) {
      throw new RangeError('operations must be a non-empty list.');
    }
    for (const operation of options.operations) {
      if (!MERCHANT_OPERATIONS.includes(operation)) {
        throw new RangeError(
          `Unknown merchant operation '${operation}'. Known: ${MERCHANT_OPERATIONS.join(', ')}.`,
        );
      }
    }
  }
  const max = options.maxInFlight;
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError('maxInFlight must be a whole number ≥ 1.');
  }
}

/**
 * Starts the merchant's own traffic against the sandbox at `url`: paced
 * requests through the same HTTP server as everyone else, so they share the
 * account's global limits (docs.stripe.com/rate-limits) with a sync, while
 * calling other endpoints than the sync does.
 */
export function startMerchantTraffic(
  id: string,
  url: string,
  defaultKey: string,
  options: MerchantTrafficOptions,
  onStop: () => void = () => {},
): MerchantTraffic {
  checkOptions(options);
  const rate = options.ratePerSecond;
  const operations = options.operations ?? DEFAULT_MERCHANT_OPERATIONS;
  const tag = options.tag ?? 'merchant';
  const maxInFlight = options.maxInFlight ?? 256;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.apiKey ?? defaultKey}`,
    [TAG_HEADER]: tag,
    ...(options.stripeAccount ? { 'Stripe-Account': options.stripeAccount } : {}),
  };
  const counters: MerchantTrafficStats = {
    requests: 0,
    succeeded: 0,
    rateLimited: 0,
    rateLimitedBy: {},
    failed: 0,
    skipped: 0,
    operations: {},
  };
  const inFlight = new Set<Promise<void>>();
  let lastPaymentIntent: string | null = null;
  let due = 0;
  let turn = 0;
  const started = performance.now();

  async function send(operation: MerchantOperation): Promise<void> {
    // Nothing to retrieve yet: create a PaymentIntent instead.
    const sent: MerchantOperation =
      operation === 'GET /v1/payment_intents/:id' && lastPaymentIntent === null
        ? 'POST /v1/payment_intents'
        : operation;
    const space = sent.indexOf(' ');
    const method = sent.slice(0, space);
    const path = sent.slice(space + 1).replace(':id', lastPaymentIntent ?? '');
    let body: string | undefined;
    if (sent === 'POST /v1/payment_intents') {
      body = `amount=${1000 + (counters.requests % 9000)}&currency=usd&metadata[source]=merchant`;
    } else if (sent === 'POST /v1/customers') {
      body = `name=Shopper%20${counters.requests}&metadata[source]=merchant`;
    }
    const perOperation = counters.operations[sent] ?? { requests: 0, succeeded: 0, rateLimited: 0 };
    counters.operations[sent] = perOperation;
    counters.requests++;
    perOperation.requests++;
    try {
      const response = await fetch(`${url}${path}`, {
        method,
        headers:
          body === undefined
            ? headers
            : { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      if (response.ok) {
        counters.succeeded++;
        perOperation.succeeded++;
        if (sent === 'POST /v1/payment_intents') {
          lastPaymentIntent = (JSON.parse(text) as { id: string }).id;
        }
      } else if (response.status === 429) {
        counters.rateLimited++;
        perOperation.rateLimited++;
        const reason = response.headers.get('stripe-rate-limited-reason');
        const cause = (reason ??
          (text.includes('"lock_timeout"') ? 'lock_timeout' : null)) as RateLimitCause | null;
        if (cause) counters.rateLimitedBy[cause] = (counters.rateLimitedBy[cause] ?? 0) + 1;
      } else {
        counters.failed++;
      }
    } catch {
      counters.failed++;
    }
  }

  const timer = setInterval(() => {
    const target = Math.floor(((performance.now() - started) / 1000) * rate);
    while (due < target) {
      due++;
      if (inFlight.size >= maxInFlight) {
        counters.skipped++;
        continue;
      }
      const operation = operations[turn++ % operations.length] as MerchantOperation;
      const request = send(operation).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
  }, TICK_MS);
  timer.unref?.();

  const snapshot = (): MerchantTrafficStats => ({
    ...counters,
    rateLimitedBy: { ...counters.rateLimitedBy },
    operations: Object.fromEntries(
      Object.entries(counters.operations).map(([k, v]) => [k, { ...v }]),
    ),
  });
  let stopped: Promise<MerchantTrafficStats> | null = null;

  return {
    id,
    tag,
    ratePerSecond: rate,
    stats: snapshot,
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await Promise.allSettled([...inFlight]);
        onStop();
        return snapshot();
      })();
      return stopped;
    },
  };
}
