import { describe, expect, it } from 'vitest';
import { isRunnableCronExpression } from './next-schedule-run';
import type { ReturnSource } from './referrer-fields';
import { createDefaultSyncConfig, type ReturnDestination, type SyncConfig } from './sync-config';
import {
  SYNC_CONFIG_ISSUE_CODES,
  type SyncConfigIssue,
  type SyncConfigIssueCode,
  syncConfigIssueSchema,
} from './sync-config-issue';
import { type ValidateSyncConfigContext, validateSyncConfig } from './validate-sync-config';

interface IssueCase {
  input: unknown;
  context?: ValidateSyncConfigContext;
  issue: Omit<SyncConfigIssue, 'message'>;
}

/** The default configuration with some parts replaced. */
function configWith(change: (config: SyncConfig) => void): SyncConfig {
  const config = createDefaultSyncConfig();
  change(config);
  return config;
}

function issuesOf(input: unknown, context?: ValidateSyncConfigContext): SyncConfigIssue[] {
  return validateSyncConfig(input, context).issues;
}

/** A configuration that sends one return value to `destination`, and the issue it must raise. */
function returnCase(
  source: ReturnSource,
  destination: ReturnDestination,
  code: SyncConfigIssueCode,
  at?: 'key',
): IssueCase {
  return {
    input: configWith((c) => {
      c.returns[source] = destination;
    }),
    issue: { step: 'map_return_fields', path: ['returns', source, ...(at ? [at] : [])], code },
  };
}

const fortyNineKeys = Array.from({ length: 49 }, (_, i) => `existing_${i}`);

/**
 * One configuration per issue code and the one issue it must produce.
 * Typed by code, so adding a code without a case here fails the type check.
 */
const CASES: Record<SyncConfigIssueCode, IssueCase> = {
  invalid_shape: {
    input: { ...createDefaultSyncConfig(), nameVersion: 'v9' },
    issue: { step: 'name_version', path: ['nameVersion'], code: 'invalid_shape' },
  },
  unknown_source_field: {
    input: configWith((c) => c.inbound.push({ source: 'address', target: 'company' })),
    issue: { step: 'map_fields', path: ['inbound', 2, 'source'], code: 'unknown_source_field' },
  },
  required_target_unmapped: {
    input: configWith((c) => {
      c.inbound = [{ source: 'name', target: 'firstName' }];
    }),
    issue: { step: 'map_fields', path: ['inbound'], code: 'required_target_unmapped' },
  },
  target_mapped_twice: {
    input: configWith((c) => c.inbound.push({ source: 'description', target: 'firstName' })),
    issue: { step: 'map_fields', path: ['inbound', 2, 'target'], code: 'target_mapped_twice' },
  },
  referral_link_not_returned: returnCase(
    'referralLink',
    { kind: 'none' },
    'referral_link_not_returned',
  ),
  metadata_key_empty: returnCase(
    'referralCode',
    { kind: 'metadata', key: ' ' },
    'metadata_key_empty',
    'key',
  ),
  metadata_key_too_long: returnCase(
    'referralLink',
    { kind: 'metadata', key: 'k'.repeat(41) },
    'metadata_key_too_long',
    'key',
  ),
  metadata_key_invalid_chars: returnCase(
    'referralsCount',
    { kind: 'metadata', key: 'counts[referrals]' },
    'metadata_key_invalid_chars',
    'key',
  ),
  return_destination_conflict: returnCase(
    'referralCode',
    { kind: 'metadata', key: 'referral_link' },
    'return_destination_conflict',
  ),
  return_field_not_writable: returnCase(
    'referralCode',
    { kind: 'field', field: 'email' },
    'return_field_not_writable',
  ),
  return_overwrites_inbound_source: returnCase(
    'referralCode',
    { kind: 'field', field: 'name' },
    'return_overwrites_inbound_source',
  ),
  value_may_exceed_limit: returnCase(
    'referralLink',
    { kind: 'field', field: 'phone' },
    'value_may_exceed_limit',
  ),
  too_many_metadata_keys: {
    input: configWith((c) => {
      c.returns.referralCode = { kind: 'metadata', key: 'referral_code' };
    }),
    context: { existingMetadataKeys: fortyNineKeys },
    issue: { step: 'map_return_fields', path: ['returns'], code: 'too_many_metadata_keys' },
  },
  schedule_invalid: {
    input: configWith((c) => {
      c.syncType = 'ongoing';
      c.schedule = { kind: 'cron', expression: 'every hour' };
    }),
    issue: { step: 'confirm', path: ['schedule', 'expression'], code: 'schedule_invalid' },
  },
};

describe('validateSyncConfig', () => {
  it('accepts the default configuration', () => {
    const config = createDefaultSyncConfig();
    expect(validateSyncConfig(config)).toEqual({ ok: true, issues: [], config });
  });

  it('has a case below for every issue code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...SYNC_CONFIG_ISSUE_CODES].sort());
  });

  it.each(SYNC_CONFIG_ISSUE_CODES)('reports %s on its step and path with a message', (code) => {
    const { input, context, issue } = CASES[code];
    const result = validateSyncConfig(input, context);
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject(issue);
    expect(result.issues[0]?.message).toMatch(/^\S.{15,}[.!]$/s);
    expect(syncConfigIssueSchema.parse(result.issues[0])).toEqual(result.issues[0]);
  });

  describe('shape', () => {
    it('takes any input and returns no configuration when its shape is wrong', () => {
      for (const input of [null, 'config', 42, {}, []]) {
        const result = validateSyncConfig(input);
        expect(result.ok).toBe(false);
        expect(result.config).toBeNull();
        expect(result.issues.every((issue) => issue.code === 'invalid_shape')).toBe(true);
      }
    });

    it('places shape issues on the step of the part at fault', () => {
      const base = createDefaultSyncConfig();
      expect(issuesOf({ ...base, objectType: 'invoice' })[0]?.step).toBe('object_type');
      expect(issuesOf({ ...base, inbound: 'name' })[0]?.step).toBe('map_fields');
      expect(issuesOf({ ...base, returns: {} })[0]?.step).toBe('map_return_fields');
      expect(issuesOf({ ...base, syncType: 'sometimes' })[0]?.step).toBe('confirm');
    });

    it('says where a shape problem is', () => {
      const [issue] = issuesOf({ ...createDefaultSyncConfig(), inbound: [{ source: 'name' }] });
      expect(issue).toMatchObject({ path: ['inbound', 0, 'target'], step: 'map_fields' });
      expect(issue?.message).toMatch(/\(at inbound\.0\.target\)\.$/);
    });

    it('returns the parsed configuration with the issues of a well-shaped one', () => {
      const input = CASES.referral_link_not_returned.input;
      expect(validateSyncConfig(input).config).toEqual(input);
    });
  });

  describe('inbound mapping', () => {
    it('names both fields when a target is mapped twice', () => {
      const [issue] = issuesOf(CASES.target_mapped_twice.input);
      expect(issue?.message).toBe(
        'First Name is mapped from both Name and Description. Map it from one field.',
      );
    });

    it('reports each required target that is unmapped', () => {
      const issues = issuesOf(configWith((c) => (c.inbound = [])));
      expect(issues.map((issue) => [issue.code, issue.message])).toEqual([
        ['required_target_unmapped', 'Map a Stripe field to First Name: it is required.'],
        ['required_target_unmapped', 'Map a Stripe field to Email: it is required.'],
      ]);
    });

    it('accepts metadata fields as inbound sources', () => {
      const config = configWith((c) =>
        c.inbound.push({ source: 'metadata.company', target: 'company' }),
      );
      expect(validateSyncConfig(config).ok).toBe(true);
    });
  });

  describe('return mapping', () => {
    it('accepts all four values sent to distinct fields and keys', () => {
      const config = configWith((c) => {
        c.returns = {
          referralLink: { kind: 'field', field: 'description' },
          referralCode: { kind: 'metadata', key: 'referral_code' },
          referralsCount: { kind: 'metadata', key: 'referrals' },
          convertedReferralsCount: { kind: 'field', field: 'phone' },
        };
      });
      expect(issuesOf(config)).toEqual([]);
    });

    it('accepts a 40-character key and explains a longer one', () => {
      const ok = configWith(
        (c) => (c.returns.referralLink = { kind: 'metadata', key: 'k'.repeat(40) }),
      );
      expect(issuesOf(ok)).toEqual([]);
      expect(issuesOf(CASES.metadata_key_too_long.input)[0]?.message).toBe(
        'The metadata key for Referral Link is 41 characters; Stripe allows at most 40.',
      );
    });

    it('reports two sources writing the same standard field', () => {
      const config = configWith((c) => {
        c.returns.referralLink = { kind: 'field', field: 'description' };
        c.returns.referralCode = { kind: 'field', field: 'description' };
      });
      const issues = issuesOf(config);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'return_destination_conflict' });
      expect(issues[0]?.message).toBe(
        'Referral Link and Referral Code both write to Description. Choose a different destination for one of them.',
      );
    });

    it('reports a return value that would overwrite a metadata key mapped inbound', () => {
      const config = configWith((c) =>
        c.inbound.push({ source: 'metadata.referral_link', target: 'company' }),
      );
      expect(issuesOf(config).map((issue) => issue.code)).toEqual([
        'return_overwrites_inbound_source',
      ]);
    });

    it('checks referral links against the field limit with the campaign link base', () => {
      const toName = configWith((c) => {
        c.inbound = [
          { source: 'description', target: 'firstName' },
          { source: 'email', target: 'email' },
        ];
        c.returns.referralLink = { kind: 'field', field: 'name' };
      });
      expect(issuesOf(toName)).toEqual([]);
      const longBase = `https://ref.example.com/${'c'.repeat(230)}`;
      const issues = issuesOf(toName, { linkBaseUrl: longBase });
      expect(issues.map((issue) => issue.code)).toEqual(['value_may_exceed_limit']);
      expect(issues[0]?.message).toBe(
        "Referral Link values can be up to 265 characters, but Stripe's Name holds at most 256.",
      );
      expect(issuesOf(toName, { linkBaseUrl: 'https://ref.example.com/c/1' })).toEqual([]);
    });

    it('lets counts (at most 15 digits) go into the 20-character phone field', () => {
      const config = configWith(
        (c) => (c.returns.referralsCount = { kind: 'field', field: 'phone' }),
      );
      expect(issuesOf(config)).toEqual([]);
    });

    it('counts existing and mapped metadata keys once each against the 50-key limit', () => {
      const withOneNewKey = { existingMetadataKeys: [...fortyNineKeys] };
      expect(issuesOf(createDefaultSyncConfig(), withOneNewKey)).toEqual([]);
      const reusing = { existingMetadataKeys: [...fortyNineKeys, 'referral_link'] };
      expect(issuesOf(createDefaultSyncConfig(), reusing)).toEqual([]);
      const [issue] = issuesOf(CASES.too_many_metadata_keys.input, withOneNewKey);
      expect(issue?.message).toContain('51 metadata keys; Stripe allows at most 50');
    });
  });

  describe('schedule', () => {
    it('checks a custom cron only for an ongoing sync', () => {
      const oneTime = configWith((c) => (c.schedule = { kind: 'cron', expression: 'nonsense' }));
      expect(issuesOf(oneTime)).toEqual([]);
      const presetOngoing = configWith((c) => (c.syncType = 'ongoing'));
      expect(issuesOf(presetOngoing)).toEqual([]);
    });
  });

  it('reads a configuration saved before blankName existed as skip, and puts a bad one on Map Fields', () => {
    const { blankName: _omitted, ...old } = createDefaultSyncConfig();
    const result = validateSyncConfig(old);
    expect(result.ok && result.config.blankName).toBe('skip');
    const bad = validateSyncConfig({ ...old, blankName: 'guess' });
    expect(bad.issues).toMatchObject([
      { step: 'map_fields', path: ['blankName'], code: 'invalid_shape' },
    ]);
  });

  it('reports several problems at once, each on its own step', () => {
    const config = configWith((c) => {
      c.inbound = [{ source: 'email', target: 'email' }];
      c.returns.referralLink = { kind: 'none' };
      c.syncType = 'ongoing';
      c.schedule = { kind: 'cron', expression: '* *' };
    });
    expect(issuesOf(config).map((issue) => [issue.step, issue.code])).toEqual([
      ['map_fields', 'required_target_unmapped'],
      ['map_return_fields', 'referral_link_not_returned'],
      ['confirm', 'schedule_invalid'],
    ]);
  });
});

describe('isRunnableCronExpression', () => {
  it.each([
    '0 * * * *',
    '*/15 * * * *',
    '0 0 * * *',
    '30 9-17 * * 1-5',
    '0,30 */2 1,15 1-12/3 0,7',
    ' 5 4 * * 0 ',
    '59 23 31 12 7',
    '0 0 * * MON',
  ])('accepts %j', (expression) => {
    expect(isRunnableCronExpression(expression)).toBe(true);
  });

  it.each([
    '',
    '* * * *',
    '* * * * * *',
    'every hour',
    '60 * * * *',
    '0 24 * * *',
    '0 0 0 * *',
    '0 0 32 * *',
    '0 0 * 13 *',
    '0 0 * 0 *',
    '0 0 * * 8',
    '5-1 * * * *',
    '1,,2 * * * *',
    '0 0 31 2 *',
    `0 * * * *${' '.repeat(200)}0`,
    `${'0,'.repeat(100_000)}0 * * * *`,
  ])('rejects %j', (expression) => {
    expect(isRunnableCronExpression(expression)).toBe(false);
  });
});
