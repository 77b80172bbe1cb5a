import { configure } from 'safe-stable-stringify';

const stringify = configure({ deterministic: true, circularValue: Error });

/**
 * JSON with object keys sorted at every level (safe-stable-stringify), so
 * equal values give equal text however their keys were ordered (jsonb and
 * spread objects reorder them). The one stable JSON of the kit.
 */
export function stableJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
