import { eventTypeMatches } from './event-log';
import type { Metadata } from './metadata';
import { type Page, pageNewer, pageOlder } from './paginate';

/** Stripe's cap on webhook endpoints per account and mode. */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/** One webhook endpoint. */
export class WebhookEndpointRecord {
  readonly id: string;
  readonly created: number;
  readonly secret: string;
  readonly connect: boolean;
  url: string;
  enabledEvents: string[];
  description: string | null;
  metadata: Metadata;
  status: 'enabled' | 'disabled';
  apiVersion: string | null;
  /** Set by the store from its account's mode. */
  livemode = false;

  constructor(fields: {
    id: string;
    created: number;
    secret: string;
    url: string;
    enabledEvents: string[];
    connect?: boolean;
    description?: string | null;
    metadata?: Metadata;
    apiVersion?: string | null;
  }) {
    this.id = fields.id;
    this.created = fields.created;
    this.secret = fields.secret;
    this.url = fields.url;
    this.enabledEvents = fields.enabledEvents;
    this.connect = fields.connect ?? false;
    this.description = fields.description ?? null;
    this.metadata = fields.metadata ?? {};
    this.status = 'enabled';
    this.apiVersion = fields.apiVersion ?? null;
  }

  /** True when this endpoint wants events of `type`. */
  wants(type: string): boolean {
    return this.status === 'enabled' && this.enabledEvents.some((p) => eventTypeMatches(p, type));
  }

  /** The object Stripe returns; `secret` only in the response to create. */
  toObject(includeSecret = false) {
    return {
      id: this.id,
      object: 'webhook_endpoint' as const,
      api_version: this.apiVersion,
      application: null,
      created: this.created,
      description: this.description,
      enabled_events: this.enabledEvents,
      livemode: this.livemode,
      metadata: this.metadata,
      ...(includeSecret ? { secret: this.secret } : {}),
      status: this.status,
      url: this.url,
    };
  }
}

/** An account's webhook endpoints, oldest first. */
export class WebhookEndpointStore {
  readonly #items: WebhookEndpointRecord[] = [];
  /** Whether the account is live mode: its endpoints say so. */
  readonly livemode: boolean;

  constructor(livemode = false) {
    this.livemode = livemode;
  }

  get size(): number {
    return this.#items.length;
  }

  all(): readonly WebhookEndpointRecord[] {
    return this.#items;
  }

  get(id: string): WebhookEndpointRecord | undefined {
    return this.#items.find((e) => e.id === id);
  }

  add(endpoint: WebhookEndpointRecord): void {
    endpoint.livemode = this.livemode;
    this.#items.push(endpoint);
  }

  remove(id: string): boolean {
    const at = this.#items.findIndex((e) => e.id === id);
    if (at < 0) return false;
    this.#items.splice(at, 1);
    return true;
  }

  /** Newest first with Stripe's cursors. */
  list(query: {
    limit: number;
    startingAfter?: WebhookEndpointRecord;
    endingBefore?: WebhookEndpointRecord;
  }): Page<WebhookEndpointRecord> {
    const all = () => true;
    if (query.endingBefore) {
      return pageNewer(this.#items, this.#items.indexOf(query.endingBefore) + 1, query.limit, all);
    }
    const from = query.startingAfter
      ? this.#items.indexOf(query.startingAfter) - 1
      : this.#items.length - 1;
    return pageOlder(this.#items, from, query.limit, all);
  }
}
