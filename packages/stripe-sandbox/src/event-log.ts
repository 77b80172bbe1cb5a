import { asciiJson } from './ascii-json';
import { lowerBound, type Page, pageNewer, pageOlder } from './paginate';
import { inRange, type RangeFilter } from './stripe-params';

/** How long Stripe keeps events retrievable through `GET /v1/events`. */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** The `request` member of an event: which API request caused it. */
export interface EventRequest {
  /** `req_…` of the API request; `null` for changes made outside the API (dashboard, sandbox control API). */
  id: string | null;
  /** The request's `Idempotency-Key`, if it had one. */
  idempotency_key: string | null;
}

/** What to record. */
export interface NewEvent {
  id: string;
  type: string;
  created: number;
  apiVersion: string;
  /** JSON text of `data.object`, one-byte ASCII (see `asciiJson`). */
  objectJson: string;
  /** `data.previous_attributes` (updates only). */
  previousAttributes?: Record<string, unknown> | null;
  request: EventRequest;
  pendingWebhooks: number;
}

/**
 * One event. Its JSON is kept as three one-byte texts: the head, the
 * customer JSON (the same string the customer record caches, so an event
 * costs no second copy of the object until the customer changes again) and
 * the tail. List responses join them; that costs no more than joining flat
 * texts.
 */
export class EventRecord {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly seq: number;
  readonly #head: string;
  readonly #object: string;
  readonly #tail: string;
  /** Outcome of webhook deliveries: `true` when all succeeded (or none were due), `false` while pending or after a failure. */
  deliverySuccess: boolean | null = null;

  constructor(event: NewEvent, seq: number, livemode = false) {
    this.id = event.id;
    this.type = event.type;
    this.created = event.created;
    this.seq = seq;
    this.#head =
      `{"id":${asciiJson(event.id)},"object":"event","api_version":${asciiJson(event.apiVersion)},` +
      `"created":${event.created},"data":{"object":`;
    this.#object = event.objectJson;
    const previous =
      event.previousAttributes == null
        ? ''
        : `,"previous_attributes":${asciiJson(event.previousAttributes)}`;
    this.#tail =
      `${previous}},"livemode":${livemode},"pending_webhooks":${event.pendingWebhooks},` +
      `"request":${asciiJson(event.request)},"type":${asciiJson(event.type)}}`;
  }

  /** The event as Stripe serialises it. */
  get json(): string {
    return this.#head + this.#object + this.#tail;
  }
}

/** Filters for {@link EventLog.list}. */
export interface EventListQuery {
  limit: number;
  startingAfter?: EventRecord;
  endingBefore?: EventRecord;
  created?: RangeFilter;
  /** Event types to keep; a trailing `*` matches a prefix (`customer.*`). */
  types?: readonly string[];
  deliverySuccess?: boolean;
}

/** True when `type` matches a pattern such as `customer.updated`, `customer.*` or `*`. */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/**
 * An account's events, oldest first, pruned to Stripe's 30-day window
 * (measured on the sandbox clock).
 */
export class EventLog {
  #items: EventRecord[] = [];
  readonly #byId = new Map<string, EventRecord>();
  #nextSeq = 0;
  /** Whether the account is live mode: its events say so. */
  readonly livemode: boolean;

  constructor(livemode = false) {
    this.livemode = livemode;
  }

  /** Events currently kept. */
  get size(): number {
    return this.#items.length;
  }

  /** Appends an event. */
  record(event: NewEvent): EventRecord {
    const record = new EventRecord(event, this.#nextSeq++, this.livemode);
    const last = this.#items[this.#items.length - 1];
    if (!last || record.created >= last.created) {
      this.#items.push(record);
    } else {
      // Seed events carry past timestamps; keep the log in `created` order.
      const at = lowerBound(this.#items, record.created + 1, (e) => e.created);
      this.#items.splice(at, 0, record);
    }
    this.#byId.set(record.id, record);
    return record;
  }

  /** Drops events older than 30 days before `now` (Unix seconds). */
  prune(now: number): void {
    const cutoff = now - EVENT_RETENTION_SECONDS;
    const first = this.#items[0];
    if (!first || first.created >= cutoff) return;
    const keep = lowerBound(this.#items, cutoff, (e) => e.created);
    for (const dropped of this.#items.slice(0, keep)) this.#byId.delete(dropped.id);
    this.#items = this.#items.slice(keep);
  }

  get(id: string): EventRecord | undefined {
    return this.#byId.get(id);
  }

  /** Stripe's list: newest first, cursors, `created`, `type`/`types[]`, `delivery_success`. */
  list(query: EventListQuery): Page<EventRecord> {
    const items = this.#items;
    const key = (e: EventRecord) => e.created;
    const types = query.types;
    const accept = (e: EventRecord) =>
      inRange(e.created, query.created) &&
      (types === undefined || types.some((t) => eventTypeMatches(t, e.type))) &&
      (query.deliverySuccess === undefined || e.deliverySuccess === query.deliverySuccess);
    const position = (e: EventRecord) => {
      const at = lowerBound(items, e.created, key);
      for (let i = at; i < items.length; i++) if (items[i] === e) return i;
      return -1;
    };
    if (query.endingBefore) {
      return pageNewer(items, position(query.endingBefore) + 1, query.limit, accept);
    }
    const from = query.startingAfter ? position(query.startingAfter) - 1 : items.length - 1;
    return pageOlder(items, from, query.limit, accept);
  }
}
