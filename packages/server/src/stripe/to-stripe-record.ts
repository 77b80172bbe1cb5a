import type { StripeRecord } from '@referkit/core';

/**
 * Keeps only what the mapping reads from a Stripe customer (id, name, email,
 * description, phone, created, metadata, deleted), so a page in memory stays small.
 */
export function toStripeRecord(object: Record<string, unknown>): StripeRecord {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const record: StripeRecord = {
    id: String(object.id),
    object: text(object.object) ?? 'customer',
    name: text(object.name),
    email: text(object.email),
    description: text(object.description),
    phone: text(object.phone),
    metadata: (object.metadata as Record<string, string> | null | undefined) ?? {},
  };
  if (typeof object.created === 'number') record.created = object.created;
  if (object.deleted === true) record.deleted = true;
  return record;
}
