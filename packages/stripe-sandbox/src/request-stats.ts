import type { RateLimitReason } from './rate-limit-options';

/** Why a 429 was answered: a limiter's `Stripe-Rate-Limited-Reason`, or `lock_timeout` (no reason header). */
export type RateLimitCause = RateLimitReason | 'lock_timeout';

/** Counters for one operation (`GET /v1/customers`, `POST /v1/customers/:id`, …), key, tag or total. */
export interface EndpointStats {
  /** Requests received. */
  requests: number;
  /** Of those, reads (`GET`): what Stripe's monthly read allocation counts. */
  reads: number;
  /** Of those, writes (`POST`, `DELETE`). */
  writes: number;
  /** Answered 2xx. */
  succeeded: number;
  /** Answered 4xx other than 429. */
  clientErrors: number;
  /** Answered 429 (limiters, `lock_timeout` and injected 429s). */
  rateLimited: number;
  /** The 429s by cause; only causes that happened appear. */
  rateLimitedBy: Partial<Record<RateLimitCause, number>>;
  /** Answered 5xx. */
  serverErrors: number;
  /** Connections closed without an answer (injected). */
  dropped: number;
  /** Answered late on purpose (injected slow responses). */
  slowed: number;
}

/** A snapshot of {@link RequestStats}. */
export interface RequestStatsSnapshot {
  /** Unix ms (real time) the counters started. */
  since: number;
  total: EndpointStats;
  /**
   * By operation, `METHOD /route/pattern` (`POST /v1/customers/:id`): the
   * unit Stripe's endpoint limits count.
   */
  endpoints: Record<string, EndpointStats>;
  /** By API key (the key text, as sent) for authenticated requests. */
  keys: Record<string, EndpointStats>;
  /** By the `Referkit-Sandbox-Tag` request header, for requests that carry one. */
  tags: Record<string, EndpointStats>;
}

/** What happened to one request. */
export interface RequestOutcome {
  status: number;
  /** The cause of a 429. */
  limitedBy?: RateLimitCause;
  dropped?: boolean;
  slowed?: boolean;
}

/** Who made a request. */
export interface RequestOrigin {
  /** `GET` requests are reads; everything else writes. */
  method: string;
  /** The API key, once known. */
  key?: string;
  /** The request's tag header. */
  tag?: string;
}

/**
 * The request header that tags a request in the statistics (`stats().tags`),
 * so a merchant's own traffic and a sync on the same account can be told
 * apart. Stripe ignores unknown headers; the sandbox only counts it.
 */
export const TAG_HEADER = 'Referkit-Sandbox-Tag';

/** Most distinct tags counted; requests with further tags are counted under `(other)`. */
const MAX_TAGS = 1000;

function empty(): EndpointStats {
  return {
    requests: 0,
    reads: 0,
    writes: 0,
    succeeded: 0,
    clientErrors: 0,
    rateLimited: 0,
    rateLimitedBy: {},
    serverErrors: 0,
    dropped: 0,
    slowed: 0,
  };
}

function add(stats: EndpointStats, outcome: RequestOutcome, read: boolean): void {
  stats.requests++;
  if (read) stats.reads++;
  else stats.writes++;
  if (outcome.dropped) stats.dropped++;
  else if (outcome.status === 429) {
    stats.rateLimited++;
    if (outcome.limitedBy) {
      stats.rateLimitedBy[outcome.limitedBy] = (stats.rateLimitedBy[outcome.limitedBy] ?? 0) + 1;
    }
  } else if (outcome.status >= 500) stats.serverErrors++;
  else if (outcome.status >= 400) stats.clientErrors++;
  else stats.succeeded++;
  if (outcome.slowed) stats.slowed++;
}

function copy(stats: EndpointStats): EndpointStats {
  return { ...stats, rateLimitedBy: { ...stats.rateLimitedBy } };
}

function copyAll(map: Map<string, EndpointStats>): Record<string, EndpointStats> {
  return Object.fromEntries([...map].map(([k, v]) => [k, copy(v)]));
}

function entry(map: Map<string, EndpointStats>, name: string): EndpointStats {
  let stats = map.get(name);
  if (!stats) {
    stats = empty();
    map.set(name, stats);
  }
  return stats;
}

/** Request counters per operation, key and tag (the control API is not counted). */
export class RequestStats {
  #since = Date.now();
  #total = empty();
  #endpoints = new Map<string, EndpointStats>();
  #keys = new Map<string, EndpointStats>();
  #tags = new Map<string, EndpointStats>();

  record(endpoint: string, outcome: RequestOutcome, origin: RequestOrigin): void {
    const read = origin.method === 'GET';
    add(entry(this.#endpoints, endpoint), outcome, read);
    add(this.#total, outcome, read);
    if (origin.key !== undefined) add(entry(this.#keys, origin.key), outcome, read);
    if (origin.tag !== undefined) {
      const tag = this.#tags.has(origin.tag) || this.#tags.size < MAX_TAGS ? origin.tag : '(other)';
      add(entry(this.#tags, tag), outcome, read);
    }
  }

  snapshot(): RequestStatsSnapshot {
    return {
      since: this.#since,
      total: copy(this.#total),
      endpoints: copyAll(this.#endpoints),
      keys: copyAll(this.#keys),
      tags: copyAll(this.#tags),
    };
  }

  reset(): void {
    this.#since = Date.now();
    this.#total = empty();
    this.#endpoints = new Map();
    this.#keys = new Map();
    this.#tags = new Map();
  }
}
