import type { CustomerWriteParams } from './customer-params';
import { type CustomerExtra, CustomerRecord } from './customer-store';
import type { EventRequest } from './event-log';
import { applyMetadata } from './metadata';
import type { StripeAccount } from './stripe-account';
import { createInvoicePrefix, createStripeId } from './stripe-id';

/** A change worth an event, handed to whoever records and delivers events. */
export interface EventInput {
  type: string;
  /** JSON text of `data.object` (one-byte ASCII, as `CustomerRecord.json()` gives). */
  objectJson: string;
  previousAttributes?: Record<string, unknown> | null;
  request: EventRequest;
}

/** Records events (the sandbox state: event log plus webhook delivery). */
export type EventSink = (account: StripeAccount, event: EventInput) => void;

const EXTRA_FIELDS = [
  'address',
  'balance',
  'business_name',
  'individual_name',
  'next_invoice_sequence',
  'preferred_locales',
  'shipping',
  'tax_exempt',
] as const;

function applyExtra(record: CustomerRecord, params: CustomerWriteParams): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  if (params.invoice_prefix === undefined && EXTRA_FIELDS.every((f) => params[f] === undefined)) {
    return previous;
  }
  const before = record.toObject() as unknown as Record<string, unknown>;
  let extra: CustomerExtra | null = record.extra;
  for (const field of EXTRA_FIELDS) {
    const value = params[field];
    if (value === undefined) continue;
    extra = { ...extra, [field]: value } as CustomerExtra;
  }
  record.extra = extra;
  if (params.invoice_prefix !== undefined) record.invoicePrefix = params.invoice_prefix;
  const after = record.toObject() as unknown as Record<string, unknown>;
  for (const field of [...EXTRA_FIELDS, 'invoice_prefix'] as const) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      previous[field] = before[field] ?? null;
    }
  }
  return previous;
}

/** Creates a customer and records `customer.created`. */
export function createCustomer(
  emit: EventSink,
  account: StripeAccount,
  params: CustomerWriteParams,
  created: number,
  request: EventRequest,
): CustomerRecord {
  let id = createStripeId('customer');
  while (account.customers.has(id)) id = createStripeId('customer');
  const record = new CustomerRecord({
    id,
    created,
    name: params.name ?? null,
    email: params.email ?? null,
    description: params.description ?? null,
    phone: params.phone ?? null,
    metadata: params.metadata === undefined ? {} : applyMetadata({}, params.metadata).next,
    invoicePrefix: createInvoicePrefix(),
  });
  applyExtra(record, params);
  record.touch();
  account.customers.insert(record);
  emit(account, { type: 'customer.created', objectJson: record.json(), request });
  return record;
}

/**
 * Updates a customer as Stripe does (fields replace, metadata merges, `""`
 * unsets) and records `customer.updated` with `previous_attributes` when
 * anything changed. Returns the changed attributes' previous values.
 */
export function updateCustomer(
  emit: EventSink,
  account: StripeAccount,
  record: CustomerRecord,
  params: CustomerWriteParams,
  request: EventRequest,
): Record<string, unknown> | null {
  const metadataChange =
    params.metadata === undefined ? null : applyMetadata(record.metadata, params.metadata);
  const previous: Record<string, unknown> = {};
  for (const field of ['name', 'email', 'description', 'phone'] as const) {
    const value = params[field];
    if (value === undefined || value === record[field]) continue;
    previous[field] = record[field];
    record[field] = value;
  }
  if (metadataChange?.previous) {
    previous.metadata = metadataChange.previous;
    record.metadata = metadataChange.next;
  }
  Object.assign(previous, applyExtra(record, params));
  record.touch();
  if (Object.keys(previous).length === 0) return null;
  emit(account, {
    type: 'customer.updated',
    objectJson: record.json(),
    previousAttributes: previous,
    request,
  });
  return previous;
}

/** Deletes a customer and records `customer.deleted` (with the full object, as Stripe does). */
export function deleteCustomer(
  emit: EventSink,
  account: StripeAccount,
  record: CustomerRecord,
  request: EventRequest,
): void {
  const objectJson = record.json();
  account.customers.markDeleted(record);
  emit(account, { type: 'customer.deleted', objectJson, request });
}
