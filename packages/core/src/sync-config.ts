import { z } from 'zod';
import { DEFAULT_NAME_VERSION, NAME_VERSION_IDS } from './name-version-definitions';
import { INBOUND_TARGET_IDS, RETURN_SOURCE_IDS } from './referrer-fields';
import { STRIPE_OBJECT_TYPE_IDS } from './stripe-object-types';

/** A Stripe object type id (`customer`). */
export const objectTypeSchema = z.enum(STRIPE_OBJECT_TYPE_IDS);

/** A referrer field a Stripe value can flow into. */
export const inboundTargetSchema = z.enum(INBOUND_TARGET_IDS);

/** A referrer value that can flow back to Stripe. */
export const returnSourceSchema = z.enum(RETURN_SOURCE_IDS);

/** A name version id. */
export const nameVersionSchema = z.enum(NAME_VERSION_IDS);

/** One inbound pair: a Stripe field path (`name`, `metadata.plan`) into a referrer field. */
export const inboundMappingEntrySchema = z.object({
  source: z.string().min(1),
  target: inboundTargetSchema,
});

/** Map Fields: Stripe fields into referrer fields. */
export const inboundMappingSchema = z.array(inboundMappingEntrySchema);

/** Standard Stripe customer fields a return value may be written into. */
export const WRITABLE_STANDARD_FIELDS = ['name', 'email', 'description', 'phone'] as const;

/**
 * Where one return value goes: a standard Stripe field, a metadata key, or
 * nowhere ("Do Not Send"). Metadata keys are checked by `validateSyncConfig`
 * so the wizard can explain what is wrong with them.
 */
export const returnDestinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), field: z.enum(WRITABLE_STANDARD_FIELDS) }),
  z.object({ kind: z.literal('metadata'), key: z.string() }),
  z.object({ kind: z.literal('none') }),
]);

/** Map Return Fields: one destination per return source. */
export const returnMappingSchema = z.object({
  referralLink: returnDestinationSchema,
  referralCode: returnDestinationSchema,
  referralsCount: returnDestinationSchema,
  convertedReferralsCount: returnDestinationSchema,
});

/** Preset schedules for an ongoing sync. */
export const SCHEDULE_PRESETS = ['every_15_minutes', 'hourly', 'daily'] as const;

/** Longest custom cron expression accepted, in characters (five fields need far fewer). */
export const MAX_CRON_EXPRESSION_LENGTH = 100;

/** When an ongoing sync runs: a preset (hourly by default) or a five-field cron expression (UTC). */
export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), preset: z.enum(SCHEDULE_PRESETS) }),
  z.object({
    kind: z.literal('cron'),
    expression: z
      .string()
      .max(
        MAX_CRON_EXPRESSION_LENGTH,
        `Use at most ${MAX_CRON_EXPRESSION_LENGTH} characters for a cron expression.`,
      ),
  }),
]);

/**
 * What the sync does with a record whose mapped name is blank: `skip` it (with
 * `no_first_name`), or use `email_local_part` — the part of the email before
 * `@` — as its First Name.
 */
export const BLANK_NAME_RULES = ['skip', 'email_local_part'] as const;

/** A rule for a blank mapped name: see {@link BLANK_NAME_RULES}. Default: `skip`. */
export const blankNameRuleSchema = z.enum(BLANK_NAME_RULES);

/** One-time: runs once. Ongoing: runs on its schedule and follows changes. */
export const syncTypeSchema = z.enum(['one_time', 'ongoing']);

/** The whole configuration the wizard produces and the server runs. */
export const syncConfigSchema = z.object({
  objectType: objectTypeSchema,
  inbound: inboundMappingSchema,
  returns: returnMappingSchema,
  nameVersion: nameVersionSchema,
  /**
   * When the mapped name is blank: `skip` the record or use the part of the
   * email before `@` as First Name. Default: `skip` (configurations saved
   * before this option parse as `skip`).
   */
  blankName: blankNameRuleSchema.default('skip'),
  syncType: syncTypeSchema,
  /** Used when `syncType` is `ongoing`; kept otherwise so switching back remembers it. */
  schedule: scheduleSchema,
});

/** `skip` or `email_local_part`: see {@link BLANK_NAME_RULES}. */
export type BlankNameRule = (typeof BLANK_NAME_RULES)[number];
/** A Stripe object type id. */
export type ObjectType = z.infer<typeof objectTypeSchema>;
/** One Stripe field → referrer field pair. */
export type InboundMappingEntry = z.infer<typeof inboundMappingEntrySchema>;
/** The Map Fields step's pairs, in display order. */
export type InboundMapping = z.infer<typeof inboundMappingSchema>;
/** A standard customer field a return value may be written into. */
export type WritableStandardField = (typeof WRITABLE_STANDARD_FIELDS)[number];
/** Where one return value goes: a field, a metadata key or nowhere. */
export type ReturnDestination = z.infer<typeof returnDestinationSchema>;
/** The Map Return Fields step: one destination per return source. */
export type ReturnMapping = z.infer<typeof returnMappingSchema>;
/** A preset schedule for an ongoing sync. */
export type SchedulePreset = (typeof SCHEDULE_PRESETS)[number];
/** When an ongoing sync runs. */
export type Schedule = z.infer<typeof scheduleSchema>;
/** `one_time` or `ongoing`. */
export type SyncType = z.infer<typeof syncTypeSchema>;
/** The whole sync configuration: see {@link syncConfigSchema}. */
export type SyncConfig = z.infer<typeof syncConfigSchema>;

/** The cron expression (UTC) each preset stands for. */
export const SCHEDULE_PRESET_CRON: Record<SchedulePreset, string> = {
  every_15_minutes: '*/15 * * * *',
  hourly: '0 * * * *',
  daily: '0 0 * * *',
};

/** The cron expression (UTC) of a schedule: a preset's, or the custom one trimmed. */
export function scheduleToCron(schedule: Schedule): string {
  return schedule.kind === 'preset'
    ? SCHEDULE_PRESET_CRON[schedule.preset]
    : schedule.expression.trim();
}

/** The schedule an ongoing sync starts with: hourly. */
export const DEFAULT_SCHEDULE: Schedule = { kind: 'preset', preset: 'hourly' };

/**
 * The configuration a new sync starts from: Name → First Name, Email → Email,
 * Referral Link → metadata `referral_link`, everything else Do Not Send, V1,
 * a blank name skips the record, one-time.
 */
export function createDefaultSyncConfig(): SyncConfig {
  return {
    objectType: 'customer',
    inbound: [
      { source: 'name', target: 'firstName' },
      { source: 'email', target: 'email' },
    ],
    returns: {
      referralLink: { kind: 'metadata', key: 'referral_link' },
      referralCode: { kind: 'none' },
      referralsCount: { kind: 'none' },
      convertedReferralsCount: { kind: 'none' },
    },
    nameVersion: DEFAULT_NAME_VERSION,
    blankName: 'skip',
    syncType: 'one_time',
    schedule: DEFAULT_SCHEDULE,
  };
}
