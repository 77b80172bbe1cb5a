import type { SyncConfig } from '@referkit/core';
import { stableJson } from './stable-json';

/**
 * Whether two configurations map records differently (object type, inbound
 * and return mapping, name version, blank-name rule) — not just schedule or sync type. A run
 * made with another mapping cannot be continued by events: the next run must
 * read every customer.
 */
export function mappingChanged(before: SyncConfig, after: SyncConfig): boolean {
  const mapping = ({ objectType, inbound, returns, nameVersion, blankName }: SyncConfig) =>
    stableJson({ objectType, inbound, returns, nameVersion, blankName: blankName ?? 'skip' });
  return mapping(before) !== mapping(after);
}
