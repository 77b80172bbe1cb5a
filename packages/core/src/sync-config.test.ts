import { describe, expect, it } from 'vitest';
import {
  createDefaultSyncConfig,
  DEFAULT_SCHEDULE,
  returnDestinationSchema,
  SCHEDULE_PRESET_CRON,
  SCHEDULE_PRESETS,
  scheduleToCron,
  syncConfigSchema,
  WRITABLE_STANDARD_FIELDS,
} from './sync-config';

describe('createDefaultSyncConfig', () => {
  it('pre-maps the obvious pairs and sends the Referral Link to metadata referral_link', () => {
    const { inbound, returns, ...rest } = createDefaultSyncConfig();
    expect(inbound.map(({ source, target }) => `${source} → ${target}`)).toEqual([
      'name → firstName',
      'email → email',
    ]);
    const { referralLink, ...others } = returns;
    expect(referralLink).toEqual({ kind: 'metadata', key: 'referral_link' });
    expect(Object.values(others).every((destination) => destination.kind === 'none')).toBe(true);
    expect(rest).toEqual({
      objectType: 'customer',
      nameVersion: 'v1',
      blankName: 'skip',
      syncType: 'one_time',
      schedule: DEFAULT_SCHEDULE,
    });
  });

  it('returns a fresh object each time, so callers can change it safely', () => {
    const first = createDefaultSyncConfig();
    first.inbound.pop();
    expect(createDefaultSyncConfig().inbound).toHaveLength(2);
  });

  it('satisfies its own schema', () => {
    expect(syncConfigSchema.parse(createDefaultSyncConfig())).toEqual(createDefaultSyncConfig());
  });
});

describe('syncConfigSchema', () => {
  it('rejects unknown object types, targets, name versions and sync types', () => {
    const base = createDefaultSyncConfig();
    expect(syncConfigSchema.safeParse({ ...base, objectType: 'invoice' }).success).toBe(false);
    expect(
      syncConfigSchema.safeParse({ ...base, inbound: [{ source: 'name', target: 'phone' }] })
        .success,
    ).toBe(false);
    expect(
      syncConfigSchema.safeParse({ ...base, inbound: [{ source: '', target: 'email' }] }).success,
    ).toBe(false);
    expect(syncConfigSchema.safeParse({ ...base, nameVersion: 'v6' }).success).toBe(false);
    expect(syncConfigSchema.safeParse({ ...base, syncType: 'weekly' }).success).toBe(false);
  });

  it('allows writing back only to standard fields Stripe lets us write', () => {
    expect(WRITABLE_STANDARD_FIELDS).toEqual(['name', 'email', 'description', 'phone']);
    expect(returnDestinationSchema.safeParse({ kind: 'field', field: 'description' }).success).toBe(
      true,
    );
    expect(returnDestinationSchema.safeParse({ kind: 'field', field: 'id' }).success).toBe(false);
    expect(returnDestinationSchema.safeParse({ kind: 'metadata', key: 'a' }).success).toBe(true);
    expect(returnDestinationSchema.safeParse({ kind: 'none' }).success).toBe(true);
    expect(returnDestinationSchema.safeParse({ kind: 'metadata' }).success).toBe(false);
  });
});

describe('schedules', () => {
  it('start hourly', () => {
    expect(DEFAULT_SCHEDULE).toEqual({ kind: 'preset', preset: 'hourly' });
  });

  it('turn every preset into its UTC cron expression', () => {
    expect(SCHEDULE_PRESETS.map((preset) => scheduleToCron({ kind: 'preset', preset }))).toEqual([
      '*/15 * * * *',
      '0 * * * *',
      '0 0 * * *',
    ]);
    expect(Object.keys(SCHEDULE_PRESET_CRON)).toEqual([...SCHEDULE_PRESETS]);
  });

  it('trim a custom cron expression', () => {
    expect(scheduleToCron({ kind: 'cron', expression: '  30 2 * * 1 ' })).toBe('30 2 * * 1');
  });
});
