import { asciiJson } from './ascii-json';
import type { Metadata } from './metadata';
import { lowerBound, type Page, pageNewer, pageOlder } from './paginate';
import type { RangeFilter } from './stripe-params';

/** A postal address as Stripe stores it. */
export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

/** Customer shipping details as Stripe stores them. */
export interface Shipping {
  address: Address;
  name: string;
  phone: string | null;
}

/** Rarely set customer fields, kept out of the common record to save memory. */
export interface CustomerExtra {
  address?: Address | null;
  shipping?: Shipping | null;
  preferred_locales?: string[];
  tax_exempt?: 'none' | 'exempt' | 'reverse';
  balance?: number;
  next_invoice_sequence?: number;
  business_name?: string | null;
  individual_name?: string | null;
}

/**
 * One customer. Common fields live on the record; rare ones in `extra`. The
 * JSON Stripe would send is built once and cached until the next change, so
 * listing 100,000 customers costs string joins, not object building.
 */
export class CustomerRecord {
  readonly id: string;
  readonly created: number;
  /** Position in the store (oldest first); equal to the array index. */
  seq = 0;
  name: string | null;
  email: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
  invoicePrefix: string;
  extra: CustomerExtra | null = null;
  deleted = false;
  /** Set by the store from its account's mode. */
  livemode = false;
  #json: string | null = null;

  constructor(fields: {
    id: string;
    created: number;
    name?: string | null;
    email?: string | null;
    description?: string | null;
    phone?: string | null;
    metadata?: Metadata;
    invoicePrefix: string;
    extra?: CustomerExtra | null;
  }) {
    this.id = fields.id;
    this.created = fields.created;
    this.name = fields.name ?? null;
    this.email = fields.email ?? null;
    this.description = fields.description ?? null;
    this.phone = fields.phone ?? null;
    this.metadata = fields.metadata ?? EMPTY_METADATA;
    this.invoicePrefix = fields.invoicePrefix;
    this.extra = fields.extra ?? null;
  }

  /** The customer object as Stripe returns it. */
  toObject(): CustomerObject {
    const extra = this.extra;
    const object: CustomerObject = {
      id: this.id,
      object: 'customer',
      address: extra?.address ?? null,
      balance: extra?.balance ?? 0,
      ...(extra?.business_name ? { business_name: extra.business_name } : {}),
      created: this.created,
      currency: null,
      default_source: null,
      delinquent: false,
      description: this.description,
      email: this.email,
      ...(extra?.individual_name ? { individual_name: extra.individual_name } : {}),
      invoice_prefix: this.invoicePrefix,
      invoice_settings: {
        custom_fields: null,
        default_payment_method: null,
        footer: null,
        rendering_options: null,
      },
      livemode: this.livemode,
      metadata: this.metadata,
      name: this.name,
      next_invoice_sequence: extra?.next_invoice_sequence ?? 1,
      phone: this.phone,
      preferred_locales: extra?.preferred_locales ?? [],
      shipping: extra?.shipping ?? null,
      tax_exempt: extra?.tax_exempt ?? 'none',
      test_clock: null,
    };
    return object;
  }

  /** `toObject()` as JSON text, cached until {@link CustomerRecord.touch}. */
  json(): string {
    this.#json ??= asciiJson(this.toObject());
    return this.#json;
  }

  /** Drops the cached JSON after a change. */
  touch(): void {
    this.#json = null;
  }
}

const EMPTY_METADATA: Metadata = Object.freeze({});

/** The customer object's JSON shape (the fields the sandbox models). */
export interface CustomerObject {
  id: string;
  object: 'customer';
  address: Address | null;
  balance: number;
  business_name?: string;
  created: number;
  currency: null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  individual_name?: string;
  invoice_prefix: string;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: null;
    footer: null;
    rendering_options: null;
  };
  livemode: boolean;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: Shipping | null;
  tax_exempt: 'none' | 'exempt' | 'reverse';
  test_clock: null;
}

/** List filters for {@link CustomerStore.list}. */
export interface CustomerListQuery {
  limit: number;
  startingAfter?: CustomerRecord;
  endingBefore?: CustomerRecord;
  created?: RangeFilter;
  email?: string;
}

function createdBounds(items: readonly CustomerRecord[], created: RangeFilter | undefined) {
  const key = (r: CustomerRecord) => r.created;
  let low = 0;
  let high = items.length - 1;
  if (created === undefined) return { low, high };
  if (typeof created === 'number') {
    return { low: lowerBound(items, created, key), high: lowerBound(items, created + 1, key) - 1 };
  }
  if (created.gt !== undefined) low = Math.max(low, lowerBound(items, created.gt + 1, key));
  if (created.gte !== undefined) low = Math.max(low, lowerBound(items, created.gte, key));
  if (created.lt !== undefined) high = Math.min(high, lowerBound(items, created.lt, key) - 1);
  if (created.lte !== undefined) high = Math.min(high, lowerBound(items, created.lte + 1, key) - 1);
  return { low, high };
}

/**
 * An account's customers, oldest first in one array (so `created` ranges are
 * binary searches and cursors are array positions) plus an id index.
 * Deleted customers stay in place, flagged, so cursors on them still work and
 * retrieving them returns Stripe's deleted stub.
 */
export class CustomerStore {
  readonly #items: CustomerRecord[] = [];
  readonly #byId = new Map<string, CustomerRecord>();
  #live = 0;
  /** Whether the account is live mode: its customers say so. */
  readonly livemode: boolean;

  constructor(livemode = false) {
    this.livemode = livemode;
  }

  #stamp(record: CustomerRecord): void {
    if (record.livemode === this.livemode) return;
    record.livemode = this.livemode;
    record.touch();
  }

  /** Customers not deleted. */
  get size(): number {
    return this.#live;
  }

  /** All records, oldest first, deleted ones included. */
  all(): readonly CustomerRecord[] {
    return this.#items;
  }

  get(id: string): CustomerRecord | undefined {
    return this.#byId.get(id);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Adds one customer, keeping `created` order. */
  insert(record: CustomerRecord): void {
    this.#stamp(record);
    const last = this.#items[this.#items.length - 1];
    this.#byId.set(record.id, record);
    if (!record.deleted) this.#live++;
    if (!last || record.created >= last.created) {
      record.seq = this.#items.length;
      this.#items.push(record);
      return;
    }
    const at = lowerBound(this.#items, record.created + 1, (r) => r.created);
    this.#items.splice(at, 0, record);
    this.#reindex(at);
  }

  /** Adds many customers (seed data) at once, keeping `created` order. */
  insertMany(records: readonly CustomerRecord[]): void {
    if (records.length === 0) return;
    const first = records[0] as CustomerRecord;
    const last = this.#items[this.#items.length - 1];
    for (const record of records) {
      this.#stamp(record);
      this.#byId.set(record.id, record);
      if (!record.deleted) this.#live++;
    }
    const from = this.#items.length;
    let sorted = !last || first.created >= last.created;
    let previous = first.created;
    for (const record of records) {
      this.#items.push(record);
      if (record.created < previous) sorted = false;
      previous = record.created;
    }
    if (!sorted) this.#items.sort((a, b) => a.created - b.created);
    this.#reindex(sorted ? from : 0);
  }

  /** Marks a customer deleted. */
  markDeleted(record: CustomerRecord): void {
    if (record.deleted) return;
    record.deleted = true;
    record.touch();
    this.#live--;
  }

  /** Stripe's list: newest first, cursors, `created` and `email` filters. */
  list(query: CustomerListQuery): Page<CustomerRecord> {
    const items = this.#items;
    const { low, high } = createdBounds(items, query.created);
    const email = query.email;
    const accept =
      email === undefined
        ? (r: CustomerRecord) => !r.deleted
        : (r: CustomerRecord) => !r.deleted && r.email === email;
    if (query.endingBefore) {
      return pageNewer(
        items,
        Math.max(query.endingBefore.seq + 1, low),
        query.limit,
        accept,
        (r) => r.seq > high,
      );
    }
    const from = query.startingAfter ? Math.min(query.startingAfter.seq - 1, high) : high;
    return pageOlder(items, from, query.limit, accept, (r) => r.seq < low);
  }

  /**
   * Newest-first scan for search: up to `limit` matches at positions below
   * `before` (exclusive; default: from the newest).
   */
  scan(
    match: (record: CustomerRecord) => boolean,
    limit: number,
    before = this.#items.length,
  ): Page<CustomerRecord> {
    return pageOlder(this.#items, before - 1, limit, (r) => !r.deleted && match(r));
  }

  /** Number of live customers matching. */
  count(match: (record: CustomerRecord) => boolean): number {
    let n = 0;
    for (const r of this.#items) if (!r.deleted && match(r)) n++;
    return n;
  }

  #reindex(from: number): void {
    for (let i = from; i < this.#items.length; i++) (this.#items[i] as CustomerRecord).seq = i;
  }
}

/** `{ id, object: 'customer', deleted: true }`, what Stripe returns for a deleted customer. */
export function deletedCustomerObject(id: string) {
  return { id, object: 'customer' as const, deleted: true as const };
}
