import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import pRetry from 'p-retry';
import type { EventRecord } from './event-log';
import type { SandboxClock } from './sandbox-clock';
import type { WebhookEndpointRecord } from './webhook-endpoint-store';
import { signWebhookPayload } from './webhook-signature';

function withUnlimitedListeners(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

/**
 * How failed webhook deliveries are retried. Stripe retries for up to three
 * days in live mode (a few hours in test mode); the sandbox defaults are
 * seconds so a developer sees retries happen, and tests can make them
 * milliseconds.
 */
export interface WebhookRetryOptions {
  /** Retries after a failed first attempt. Default `3`. */
  retries?: number;
  /** Wait before the first retry, in ms. Default `1000`. */
  minTimeoutMs?: number;
  /** Longest wait between two attempts, in ms. Default `60000`. */
  maxTimeoutMs?: number;
  /** Each wait is the previous one times this. Default `5`. */
  factor?: number;
  /** Time an endpoint has to answer one attempt, in ms (Stripe allows a few seconds). Default `10000`. */
  timeoutMs?: number;
}

/** {@link WebhookRetryOptions} with every default filled in. */
export type ResolvedWebhookRetry = Required<WebhookRetryOptions>;

/** Defaults of {@link WebhookRetryOptions}. */
export const DEFAULT_WEBHOOK_RETRY: ResolvedWebhookRetry = {
  retries: 3,
  minTimeoutMs: 1000,
  maxTimeoutMs: 60_000,
  factor: 5,
  timeoutMs: 10_000,
};

/** Where one event goes. */
export interface DeliveryTarget {
  endpoint: WebhookEndpointRecord;
  /** For Connect endpoints: the connected account the event happened on (`event.account`). */
  account?: string;
}

/** The record of one event's delivery to one endpoint. */
export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** HTTP status of the last attempt; `null` when it got no response. */
  lastStatusCode: number | null;
  lastError: string | null;
  /** Unix ms (real time) the event was handed to the dispatcher. */
  queuedAt: number;
  /** Unix ms (real time) of the final outcome. */
  finishedAt: number | null;
}

/** Totals since start or the last stats reset. */
export interface WebhookStats {
  /** Deliveries not finished (in flight or waiting to retry). */
  pending: number;
  attempts: number;
  succeeded: number;
  failed: number;
  retries: number;
}

const LOG_SIZE = 1000;

class DeliveryFailed extends Error {}

/**
 * Delivers events to webhook endpoints the moment they are recorded, signed
 * as Stripe signs them, and retries failures with exponential backoff
 * (`p-retry`). Concurrency per endpoint host is capped by a keep-alive agent,
 * so backoff waits hold no connection.
 */
export class WebhookDispatcher {
  readonly #clock: SandboxClock;
  readonly #options: () => ResolvedWebhookRetry;
  // One signal aborts every delivery in flight and every backoff wait when the
  // sandbox closes: each adds a listener for its own duration, so more than
  // Node's default of 10 at once is expected, not a leak.
  readonly #controller = withUnlimitedListeners(new AbortController());
  readonly #httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  readonly #httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32 });
  readonly #log: WebhookDelivery[] = [];
  #pending = 0;
  #idleWaiters: Array<() => void> = [];
  #stats = { attempts: 0, succeeded: 0, failed: 0, retries: 0 };

  readonly #duplicate: () => boolean;

  /**
   * @param options The retry policy, read at each delivery (it can change at run time).
   * @param duplicate Whether to send a delivery twice (injected fault). Default: never.
   */
  constructor(
    clock: SandboxClock,
    options: () => ResolvedWebhookRetry,
    duplicate: () => boolean = () => false,
  ) {
    this.#clock = clock;
    this.#options = options;
    this.#duplicate = duplicate;
  }

  /** Starts delivering `event` to `targets`; returns at once. */
  dispatch(event: EventRecord, targets: readonly DeliveryTarget[]): void {
    if (targets.length === 0) return;
    const all = targets.flatMap((t) => (this.#duplicate() ? [t, t] : [t]));
    let remaining = all.length;
    let allSucceeded = true;
    for (const target of all) {
      const delivery: WebhookDelivery = {
        eventId: event.id,
        eventType: event.type,
        endpointId: target.endpoint.id,
        url: target.endpoint.url,
        status: 'pending',
        attempts: 0,
        lastStatusCode: null,
        lastError: null,
        queuedAt: Date.now(),
        finishedAt: null,
      };
      this.#remember(delivery);
      this.#pending++;
      const payload = target.account
        ? event.json.replace(
            '"object":"event",',
            `"object":"event","account":${JSON.stringify(target.account)},`,
          )
        : event.json;
      setImmediate(() => {
        this.#deliver(delivery, target.endpoint, payload)
          .then((ok) => {
            allSucceeded &&= ok;
            remaining--;
            if (remaining === 0) event.deliverySuccess = allSucceeded;
          })
          .finally(() => {
            this.#pending--;
            if (this.#pending === 0) {
              for (const resolve of this.#idleWaiters.splice(0)) resolve();
            }
          });
      });
    }
  }

  /** Recent deliveries, newest first (the last 1000). */
  deliveries(): WebhookDelivery[] {
    return [...this.#log].reverse();
  }

  stats(): WebhookStats {
    return { pending: this.#pending, ...this.#stats };
  }

  resetStats(): void {
    this.#stats = { attempts: 0, succeeded: 0, failed: 0, retries: 0 };
  }

  /**
   * Resolves `true` once no delivery is in flight or waiting to retry, or
   * `false` after `timeoutMs`.
   */
  idle(timeoutMs = 10_000): Promise<boolean> {
    if (this.#pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#idleWaiters = this.#idleWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#idleWaiters.push(done);
    });
  }

  /** Cancels pending retries and closes connections. */
  stop(): void {
    this.#controller.abort(new Error('The Stripe sandbox stopped.'));
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  #remember(delivery: WebhookDelivery): void {
    this.#log.push(delivery);
    if (this.#log.length > LOG_SIZE) this.#log.splice(0, this.#log.length - LOG_SIZE);
  }

  async #deliver(
    delivery: WebhookDelivery,
    endpoint: WebhookEndpointRecord,
    payload: string,
  ): Promise<boolean> {
    const options = this.#options();
    const signal = this.#controller.signal;
    try {
      await pRetry(
        async () => {
          if (signal.aborted) throw signal.reason;
          delivery.attempts++;
          this.#stats.attempts++;
          if (delivery.attempts > 1) this.#stats.retries++;
          const header = signWebhookPayload(payload, endpoint.secret, this.#clock.now());
          const status = await this.#post(endpoint.url, payload, header, options.timeoutMs);
          delivery.lastStatusCode = status;
          if (status < 200 || status >= 300) {
            throw new DeliveryFailed(`The endpoint answered HTTP ${status}.`);
          }
        },
        {
          retries: options.retries,
          minTimeout: options.minTimeoutMs,
          maxTimeout: options.maxTimeoutMs,
          factor: options.factor,
          randomize: false,
          unref: true,
          signal,
          onFailedAttempt: ({ error }) => {
            delivery.lastError = error.message;
          },
          shouldRetry: () => !signal.aborted,
        },
      );
      delivery.status = 'succeeded';
      delivery.lastError = null;
      this.#stats.succeeded++;
      return true;
    } catch (error) {
      delivery.status = 'failed';
      delivery.lastError ??= error instanceof Error ? error.message : String(error);
      this.#stats.failed++;
      return false;
    } finally {
      delivery.finishedAt = Date.now();
    }
  }

  #post(url: string, payload: string, signature: string, timeoutMs: number): Promise<number> {
    const target = new URL(url);
    const isHttps = target.protocol === 'https:';
    const request = isHttps ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent: isHttps ? this.#httpsAgent : this.#httpAgent,
          signal: this.#controller.signal,
          timeout: timeoutMs,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
            'Stripe-Signature': signature,
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'Cache-Control': 'no-cache',
            Accept: '*/*; q=0.5, application/xml',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new DeliveryFailed(`No answer within ${timeoutMs} ms.`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}
