import type { SyncConfig } from './sync-config';

/** A flat object as JSON with its keys in one order. */
function flat(value: object): string {
  return JSON.stringify(value, Object.keys(value).sort());
}

function mappingKey(config: SyncConfig): string {
  const inbound = config.inbound.map(({ source, target }) => `${target}\u0000${source}`).sort();
  const returns = Object.keys(config.returns)
    .sort()
    .map((name) => `${name}\u0000${flat(config.returns[name as keyof SyncConfig['returns']])}`);
  return JSON.stringify([
    config.objectType,
    inbound,
    returns,
    config.nameVersion,
    config.blankName ?? 'skip',
  ]);
}

/**
 * Whether two configurations map records differently — object type, inbound
 * mapping (in any order: a target has one source), return mapping, name
 * version, blank-name rule — not just their schedule or sync type. A run
 * made with another mapping cannot be continued from Stripe's events: the
 * next run reads every customer. The server's engine and the mock API both
 * ask this.
 */
export function syncMappingChanged(before: SyncConfig, after: SyncConfig): boolean {
  return mappingKey(before) !== mappingKey(after);
}
