import { RETURN_SOURCE_IDS, type ReturnSource } from './referrer-fields';
import { metadataKeyOf, readStripeField, type StripeRecord } from './stripe-object-types';
import type { SyncConfig } from './sync-config';

/** The values a referrer can send back to Stripe. */
export interface ReferrerReturnValues {
  /** `linkBaseUrl/<code>`: see `buildReferralLink`. */
  referralLink: string;
  referralCode: string;
  /** Sent as a decimal string. */
  referralsCount: number;
  /** Sent as a decimal string. */
  convertedReferralsCount: number;
}

/** Parameters for Stripe's update-customer call that carry return values. */
export interface StripeCustomerUpdate {
  name?: string | undefined;
  email?: string | undefined;
  description?: string | undefined;
  phone?: string | undefined;
  /** Only the mapped keys: Stripe merges metadata, so other keys stay as they are. */
  metadata?: Record<string, string> | undefined;
}

/** A return value as the string Stripe stores. */
export function returnValueOf(values: ReferrerReturnValues, source: ReturnSource): string {
  const value = values[source];
  return typeof value === 'number' ? String(value) : value;
}

/**
 * The field paths (`description`, `metadata.referral_link`) a configuration
 * writes back to. A change in Stripe that touches only these is our own write.
 */
export function returnFieldPaths(config: Pick<SyncConfig, 'returns'>): string[] {
  const paths: string[] = [];
  for (const source of RETURN_SOURCE_IDS) {
    const destination = config.returns[source];
    if (destination.kind === 'field') paths.push(destination.field);
    if (destination.kind === 'metadata') paths.push(`metadata.${destination.key}`);
  }
  return paths;
}

/**
 * Whether a Stripe `customer.updated` event's `data.previous_attributes`
 * touch only fields the configuration writes back: such an update is the
 * echo of our own write-back and must change nothing.
 */
export function isOwnWriteBack(
  previousAttributes: Record<string, unknown> | null | undefined,
  config: Pick<SyncConfig, 'returns'>,
): boolean {
  if (!previousAttributes) return false;
  const owned = new Set(returnFieldPaths(config));
  const touched: string[] = [];
  for (const [key, value] of Object.entries(previousAttributes)) {
    if (key === 'metadata' && value && typeof value === 'object') {
      for (const metadataKey of Object.keys(value)) touched.push(`metadata.${metadataKey}`);
    } else {
      touched.push(key);
    }
  }
  return touched.length > 0 && touched.every((path) => owned.has(path));
}

/**
 * The minimal Stripe update that makes `record` carry the referrer's mapped
 * return values, or `null` when it already does (an unchanged sync writes
 * nothing). Metadata updates name only the mapped keys.
 */
export function toStripeUpdate(
  referrer: ReferrerReturnValues,
  record: StripeRecord,
  config: Pick<SyncConfig, 'returns'>,
): StripeCustomerUpdate | null {
  const update: StripeCustomerUpdate = {};
  let changed = false;
  for (const source of RETURN_SOURCE_IDS) {
    const destination = config.returns[source];
    if (destination.kind === 'none') continue;
    const value = returnValueOf(referrer, source);
    const path = destination.kind === 'field' ? destination.field : `metadata.${destination.key}`;
    if ((readStripeField(record, path) ?? '') === value) continue;
    const key = metadataKeyOf(path);
    if (key !== null) {
      update.metadata = { ...update.metadata, [key]: value };
    } else if (destination.kind === 'field') {
      update[destination.field] = value;
    }
    changed = true;
  }
  return changed ? update : null;
}

/**
 * Merges the write-backs a sync made to one customer, oldest first, into what
 * it wrote last: every metadata key it ever wrote, and each standard field's
 * latest value.
 */
export function mergeStripeUpdates(
  updates: readonly (StripeCustomerUpdate | null | undefined)[],
): StripeCustomerUpdate {
  const merged: StripeCustomerUpdate = {};
  for (const update of updates) {
    if (!update) continue;
    const { metadata, ...fields } = update;
    Object.assign(merged, fields);
    if (metadata) merged.metadata = { ...merged.metadata, ...metadata };
  }
  return merged;
}

/**
 * The Stripe update that takes off a customer what a sync wrote there
 * (`written`, see {@link mergeStripeUpdates}), or `null` when nothing is
 * left to take off: each metadata key the sync wrote is set to `""` (Stripe
 * deletes a key set to an empty string: docs.stripe.com/api/metadata) unless
 * `current` shows the key is already gone; a standard field is cleared (`""`)
 * only while it still holds what the sync wrote — someone may have changed it
 * since. Without `current` (the customer was not read) every metadata key is
 * removed and no standard field is touched.
 */
export function toStripeRemoval(
  written: StripeCustomerUpdate,
  current: StripeRecord | null,
): StripeCustomerUpdate | null {
  const removal: StripeCustomerUpdate = {};
  let changed = false;
  for (const key of Object.keys(written.metadata ?? {})) {
    if (current && readStripeField(current, `metadata.${key}`) == null) continue;
    removal.metadata = { ...removal.metadata, [key]: '' };
    changed = true;
  }
  if (current) {
    for (const field of ['name', 'email', 'description', 'phone'] as const) {
      const value = written[field];
      if (value === undefined || value === '') continue;
      if (readStripeField(current, field) !== value) continue;
      removal[field] = '';
      changed = true;
    }
  }
  return changed ? removal : null;
}
