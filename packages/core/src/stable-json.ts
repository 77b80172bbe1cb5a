import stringify from 'fast-json-stable-stringify';

/**
 * JSON with object keys sorted at every level (fast-json-stable-stringify), so
 * equal values give equal text however their keys were ordered (jsonb and
 * spread objects reorder them); a circular value throws. The one stable JSON
 * of the kit (0.8 kB in the browser bundle, where safe-stable-stringify was
 * 3 kB for features the kit does not use).
 */
export function stableJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
