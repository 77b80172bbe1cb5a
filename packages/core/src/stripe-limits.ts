/**
 * Stripe's documented limits that the kit must respect when it writes back.
 * One place, so validation, mapping and the sandbox-facing tests agree.
 */
export const STRIPE_LIMITS = {
  /** Most metadata keys an object may carry. */
  metadataMaxKeys: 50,
  /** Longest metadata key, in characters. */
  metadataKeyMaxLength: 40,
  /** Longest metadata value, in characters. */
  metadataValueMaxLength: 500,
  /** Longest `Idempotency-Key` header value. */
  idempotencyKeyMaxLength: 255,
  /** Page size bounds for list endpoints. */
  listLimitMin: 1,
  listLimitMax: 100,
} as const;
