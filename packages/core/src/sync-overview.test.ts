import { describe, expect, it } from 'vitest';
import { createDefaultSyncConfig, type SyncConfig } from './sync-config';
import { buildSyncOverview, describeReturnDestination } from './sync-overview';

describe('describeReturnDestination', () => {
  const config = createDefaultSyncConfig();

  it('labels fields, metadata keys and Do Not Send', () => {
    expect(describeReturnDestination(config, { kind: 'field', field: 'description' })).toBe(
      'Description',
    );
    expect(describeReturnDestination(config, { kind: 'metadata', key: 'referral_link' })).toBe(
      'Metadata: referral_link',
    );
    expect(describeReturnDestination(config, { kind: 'none' })).toBe('Do Not Send');
  });
});

describe('buildSyncOverview', () => {
  it('summarises the default configuration', () => {
    const overview = buildSyncOverview(createDefaultSyncConfig(), true);
    expect(overview.nameVersion).toMatchObject({
      id: 'v1',
      label: 'V1',
      description: 'First word',
    });
    expect(overview.inbound).toEqual([
      { source: 'name', sourceLabel: 'Name', target: 'firstName', targetLabel: 'First Name' },
      { source: 'email', sourceLabel: 'Email', target: 'email', targetLabel: 'Email' },
    ]);
    expect(overview.returns.map((line) => [line.sourceLabel, line.destinationLabel])).toEqual([
      ['Referral Link', 'Metadata: referral_link'],
      ['Referral Code', 'Do Not Send'],
      ['Referrals Count', 'Do Not Send'],
      ['Converted Referrals Count', 'Do Not Send'],
    ]);
    expect(overview).toMatchObject({ syncType: 'one_time', schedule: null, ready: true });
  });

  it('shows metadata inbound sources, the schedule of an ongoing sync and readiness as given', () => {
    const config: SyncConfig = {
      ...createDefaultSyncConfig(),
      inbound: [
        { source: 'name', target: 'firstName' },
        { source: 'email', target: 'email' },
        { source: 'metadata.company', target: 'company' },
      ],
      nameVersion: 'v5',
      syncType: 'ongoing',
      schedule: { kind: 'cron', expression: '0 6 * * *' },
    };
    const overview = buildSyncOverview(config, false);
    expect(overview.inbound[2]).toMatchObject({
      sourceLabel: 'Metadata: company',
      targetLabel: 'Company',
    });
    expect(overview.nameVersion.label).toBe('V5');
    expect(overview.schedule).toEqual({ kind: 'cron', expression: '0 6 * * *' });
    expect(overview.ready).toBe(false);
  });
});
