import { describe, expect, it } from 'vitest';
import { createDefaultSyncConfig, type SyncConfig } from './sync-config';
import { syncMappingChanged } from './sync-mapping-changed';

describe('syncMappingChanged', () => {
  const base = createDefaultSyncConfig();

  it('ignores the schedule, the sync type and the order of the inbound mapping', () => {
    const same: SyncConfig = {
      ...base,
      syncType: 'ongoing',
      schedule: { kind: 'preset', preset: 'daily' },
      inbound: [...base.inbound].reverse(),
    };
    expect(syncMappingChanged(base, same)).toBe(false);
  });

  it('sees a new source, return destination, name version or blank-name rule', () => {
    const changes: Partial<SyncConfig>[] = [
      { inbound: [...base.inbound, { source: 'description', target: 'company' }] },
      {
        returns: { ...base.returns, referralLink: { kind: 'metadata', key: 'ref' } },
      },
      { nameVersion: 'original' },
      { blankName: 'email_local_part' },
    ];
    for (const change of changes) {
      expect(syncMappingChanged(base, { ...base, ...change }), JSON.stringify(change)).toBe(true);
    }
  });
});
