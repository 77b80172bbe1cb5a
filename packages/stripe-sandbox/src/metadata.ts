import { z } from 'zod';
import { invalidRequest, type StripeApiError } from './stripe-error';

/** Stripe's metadata limits. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

/** A metadata map as Stripe stores it: string keys to string values. */
export type Metadata = Readonly<Record<string, string>>;

/** What a request asks of metadata: `''` clears it all; a map merges, `''` values delete keys. */
export type MetadataUpdate = '' | Record<string, string>;

function metadataError(message: string): StripeApiError {
  return invalidRequest(message, { param: 'metadata' });
}

/**
 * The `metadata` parameter: `''` (unset all keys) or a map of string values.
 * Keys are at most 40 characters and cannot contain `[` or `]` (the bracket
 * encoding would nest them); values are at most 500 characters.
 */
export const metadataParam = z.unknown().transform((input, ctx): MetadataUpdate => {
  const fail = (error: StripeApiError) => {
    ctx.issues.push({
      code: 'custom',
      input,
      message: error.message,
      params: { stripeError: error },
    });
    return z.NEVER;
  };
  if (input === '') return '';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail(metadataError('Invalid metadata: must be a hash of string keys to string values.'));
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== 'string') {
      return fail(
        metadataError(
          `Invalid value for metadata key '${key}': metadata values must be strings, and keys cannot contain '[' or ']'.`,
        ),
      );
    }
    if (key.length === 0) return fail(metadataError('Metadata keys cannot be empty.'));
    if (key.includes('[') || key.includes(']')) {
      return fail(metadataError(`Metadata keys cannot contain '[' or ']': '${key}'.`));
    }
    if (key.length > METADATA_LIMITS.keyLength) {
      return fail(
        metadataError(
          `Metadata keys can have up to ${METADATA_LIMITS.keyLength} characters, but you passed in a key with ${key.length} characters: '${key}'.`,
        ),
      );
    }
    if (value.length > METADATA_LIMITS.valueLength) {
      return fail(
        metadataError(
          `Metadata values can have up to ${METADATA_LIMITS.valueLength} characters, but you passed in a value with ${value.length} characters as the value for the key '${key}'.`,
        ),
      );
    }
    out[key] = value;
  }
  return out;
});

/** The outcome of applying a metadata update. */
export interface MetadataChange {
  /** The metadata after the update. */
  next: Metadata;
  /**
   * Previous values of the keys that changed (`null` for keys that did not
   * exist), as `previous_attributes.metadata`; `null` when nothing changed.
   */
  previous: Record<string, string | null> | null;
}

/**
 * Applies an update as Stripe does: keys merge into the existing map, a `''`
 * value deletes its key, `''` for the whole parameter deletes every key. More
 * than 50 keys afterwards is an error.
 */
export function applyMetadata(current: Metadata, update: MetadataUpdate): MetadataChange {
  const next: Record<string, string> = update === '' ? {} : { ...current };
  if (update !== '') {
    for (const [key, value] of Object.entries(update)) {
      if (value === '') delete next[key];
      else next[key] = value;
    }
  }
  const count = Object.keys(next).length;
  if (count > METADATA_LIMITS.keys) {
    throw metadataError(
      `Metadata can have up to ${METADATA_LIMITS.keys} keys, but you've set ${count}.`,
    );
  }
  const previous: Record<string, string | null> = {};
  let changed = false;
  for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
    if (current[key] !== next[key]) {
      previous[key] = current[key] ?? null;
      changed = true;
    }
  }
  return { next, previous: changed ? previous : null };
}
