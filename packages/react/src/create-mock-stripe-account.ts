import type { StripeRecord } from '@referkit/core';

/** What a customer is created or updated with in a {@link MockStripeAccount}. */
export interface MockCustomerValues {
  name?: string | null;
  email?: string | null;
  description?: string | null;
  phone?: string | null;
  /** Merged into the customer's metadata as Stripe does: a `""` value deletes the key. */
  metadata?: Record<string, string>;
}

/**
 * The mock API's Stripe account, to change while a test runs — what a
 * merchant does in Stripe's Dashboard between two runs of a sync.
 */
export interface MockStripeAccount {
  /** The account's customers, newest last; the mock reads them live. */
  readonly records: StripeRecord[];
  /** Adds a customer (`cus_mock<n>`, created now) and returns it. */
  createCustomer(values: MockCustomerValues): StripeRecord;
  /** Changes a customer's values (metadata merged) and returns it. */
  updateCustomer(id: string, values: MockCustomerValues): StripeRecord;
  /** Deletes a customer: it stays as `{ id, object, deleted: true }`, as Stripe answers for it. */
  deleteCustomer(id: string): void;
  /** How many changes the account has had (its event count): a cursor for {@link changedSince}. */
  readonly version: number;
  /** The customers created, updated or deleted after `version`, as Stripe's events tell of them. */
  changedSince(version: number): StripeRecord[];
}

function mergeMetadata(
  current: StripeRecord['metadata'],
  change: Record<string, string> | undefined,
): StripeRecord['metadata'] {
  if (!change) return current;
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}

/**
 * A Stripe account for {@link createMockReferkitApi}'s `stripe.account`
 * option, seeded with `records` (copied). Default: no customers.
 *
 * ```ts
 * const account = createMockStripeAccount();
 * const handlers = createMockReferkitApi({ stripe: { status: 'connected', account } });
 * account.createCustomer({ name: 'Ana Lopez', email: 'ana@example.com' });
 * ```
 */
export function createMockStripeAccount(records: readonly StripeRecord[] = []): MockStripeAccount {
  const list: StripeRecord[] = records.map((r) => ({
    ...r,
    metadata: r.metadata ? { ...r.metadata } : r.metadata,
  }));
  let counter = 0;
  let lastCreated = 0;
  let version = 0;
  /** The version of each customer's last change. */
  const changed = new Map<string, number>();
  const bump = (id: string) => {
    version += 1;
    changed.set(id, version);
  };
  const find = (id: string) => {
    const record = list.find((r) => r.id === id && !r.deleted);
    if (!record) throw new Error(`No such customer: '${id}'`);
    return record;
  };
  return {
    records: list,
    createCustomer(values) {
      counter += 1;
      // Strictly increasing, so "newest first" is the order they were made in.
      lastCreated = Math.max(Math.floor(Date.now() / 1000), lastCreated + 1);
      const record: StripeRecord = {
        id: `cus_mock${String(counter).padStart(6, '0')}`,
        object: 'customer',
        created: lastCreated,
        name: values.name ?? null,
        email: values.email ?? null,
        description: values.description ?? null,
        phone: values.phone ?? null,
        metadata: mergeMetadata({}, values.metadata),
      };
      list.push(record);
      bump(record.id);
      return record;
    },
    updateCustomer(id, values) {
      const record = find(id);
      const { metadata, ...fields } = values;
      Object.assign(record, fields);
      record.metadata = mergeMetadata(record.metadata, metadata);
      bump(id);
      return record;
    },
    deleteCustomer(id) {
      const at = list.indexOf(find(id));
      list[at] = { id, object: 'customer', deleted: true };
      bump(id);
    },
    get version() {
      return version;
    },
    changedSince(since) {
      return list.filter((r) => (changed.get(r.id) ?? 0) > since);
    },
  };
}
