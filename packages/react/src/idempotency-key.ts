/**
 * A new `Idempotency-Key`: a random UUID (`crypto.randomUUID`, or 128 random
 * bits from `crypto.getRandomValues` where `randomUUID` is not offered, e.g. a
 * page served over plain http).
 */
export function createIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

const keysByVariables = new WeakMap<object, string>();

/**
 * The key of one user action: `explicit` when the caller gave one, else a key
 * generated for this `variables` object and kept with it, so every retry of
 * the same `mutate(variables)` (TanStack Query passes the same object) sends
 * the same key.
 */
export function idempotencyKeyFor(variables: object, explicit?: string): string {
  if (explicit) return explicit;
  let key = keysByVariables.get(variables);
  if (!key) {
    key = createIdempotencyKey();
    keysByVariables.set(variables, key);
  }
  return key;
}
