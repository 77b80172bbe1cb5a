/** Counters for one endpoint (`GET /v1/customers`, `POST /v1/customers/:id`, …). */
export interface EndpointStats {
  /** Requests received. */
  requests: number;
  /** Answered 2xx. */
  succeeded: number;
  /** Answered 4xx other than 429. */
  clientErrors: number;
  /** Answered 429 (the rate limit and injected 429s). */
  rateLimited: number;
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
  /** By `METHOD /route/pattern`. */
  endpoints: Record<string, EndpointStats>;
}

/** What happened to one request. */
export interface RequestOutcome {
  status: number;
  dropped?: boolean;
  slowed?: boolean;
}

function empty(): EndpointStats {
  return {
    requests: 0,
    succeeded: 0,
    clientErrors: 0,
    rateLimited: 0,
    serverErrors: 0,
    dropped: 0,
    slowed: 0,
  };
}

function add(stats: EndpointStats, outcome: RequestOutcome): void {
  stats.requests++;
  if (outcome.dropped) stats.dropped++;
  else if (outcome.status === 429) stats.rateLimited++;
  else if (outcome.status >= 500) stats.serverErrors++;
  else if (outcome.status >= 400) stats.clientErrors++;
  else stats.succeeded++;
  if (outcome.slowed) stats.slowed++;
}

/** Per-endpoint request counters (the control API is not counted). */
export class RequestStats {
  #since = Date.now();
  #total = empty();
  #endpoints = new Map<string, EndpointStats>();

  record(endpoint: string, outcome: RequestOutcome): void {
    let stats = this.#endpoints.get(endpoint);
    if (!stats) {
      stats = empty();
      this.#endpoints.set(endpoint, stats);
    }
    add(stats, outcome);
    add(this.#total, outcome);
  }

  snapshot(): RequestStatsSnapshot {
    return {
      since: this.#since,
      total: { ...this.#total },
      endpoints: Object.fromEntries([...this.#endpoints].map(([k, v]) => [k, { ...v }])),
    };
  }

  reset(): void {
    this.#since = Date.now();
    this.#total = empty();
    this.#endpoints = new Map();
  }
}
