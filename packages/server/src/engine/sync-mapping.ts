import { type SyncConfig, syncMappingChanged } from '@referkit/core';

/**
 * Whether two configurations map records differently: core's
 * `syncMappingChanged` (the mock asks the same). A run made with another
 * mapping cannot be continued by events: the next run must read every customer.
 */
export function mappingChanged(before: SyncConfig, after: SyncConfig): boolean {
  return syncMappingChanged(before, after);
}
