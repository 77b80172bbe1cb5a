import { checkMetadataKey, type MetadataKeyProblem } from './metadata-key';
import { isRunnableCronExpression } from './next-schedule-run';
import {
  getInboundTarget,
  getReturnSource,
  INBOUND_TARGETS,
  RETURN_SOURCES,
  type ReturnSource,
  referralLinkMaxLength,
} from './referrer-fields';
import { STRIPE_LIMITS } from './stripe-limits';
import { findStripeField, metadataFieldPath, type StripeObjectTypeId } from './stripe-object-types';
import { type ReturnDestination, type SyncConfig, syncConfigSchema } from './sync-config';
import type { SyncConfigIssue } from './sync-config-issue';
import type { WizardStepId } from './wizard-steps';

/** What the checks may know beyond the configuration itself. */
export interface ValidateSyncConfigContext {
  /**
   * The campaign's link base URL, to check that referral links fit the Stripe
   * field they are written to. Default: links are assumed to fit in 200 characters.
   */
  linkBaseUrl?: string | undefined;
  /**
   * Metadata keys already present on the account's records (from field
   * discovery), to check the 50-key limit. Default: none.
   */
  existingMetadataKeys?: readonly string[] | undefined;
}

/** The result of {@link validateSyncConfig}. */
export type SyncConfigValidation =
  | { ok: true; issues: []; config: SyncConfig }
  | { ok: false; issues: SyncConfigIssue[]; config: SyncConfig | null };

/** Longest referral link assumed when the campaign's link base is not known. */
const DEFAULT_LINK_MAX_LENGTH = 200;

const STEP_OF_KEY: Record<string, WizardStepId> = {
  objectType: 'object_type',
  inbound: 'map_fields',
  returns: 'map_return_fields',
  nameVersion: 'name_version',
  blankName: 'map_fields',
  syncType: 'confirm',
  schedule: 'confirm',
};

function describeDestination(
  objectType: StripeObjectTypeId,
  destination: ReturnDestination,
): string {
  if (destination.kind === 'metadata') return `metadata key "${destination.key}"`;
  if (destination.kind === 'field')
    return findStripeField(objectType, destination.field)?.label ?? destination.field;
  return 'nowhere';
}

function fieldLabel(objectType: StripeObjectTypeId, path: string): string {
  return findStripeField(objectType, path)?.label ?? path;
}

/**
 * Checks a sync configuration against the platform's rules and Stripe's
 * limits. Accepts anything (an unparsed request body, say): shape problems
 * come back as `invalid_shape` issues. Every issue names the wizard step that
 * fixes it, the path, a stable code and a human message.
 *
 * @param input - a configuration, or anything claiming to be one
 * @param context - what the checks may know beyond the configuration. Default: `{}`.
 */
export function validateSyncConfig(
  input: unknown,
  context: ValidateSyncConfigContext = {},
): SyncConfigValidation {
  const parsed = syncConfigSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      config: null,
      issues: parsed.error.issues.map((issue) => {
        const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
        return {
          step: STEP_OF_KEY[String(path[0])] ?? 'object_type',
          path,
          code: 'invalid_shape',
          message:
            path.length > 0 ? `${issue.message} (at ${path.join('.')}).` : `${issue.message}.`,
        };
      }),
    };
  }
  const config = parsed.data;
  const issues = [
    ...inboundIssues(config),
    ...returnIssues(config, context),
    ...scheduleIssues(config),
  ];
  return issues.length === 0 ? { ok: true, issues: [], config } : { ok: false, issues, config };
}

function inboundIssues(config: SyncConfig): SyncConfigIssue[] {
  const issues: SyncConfigIssue[] = [];
  const seen = new Map<string, number>();
  config.inbound.forEach((entry, index) => {
    if (!findStripeField(config.objectType, entry.source)) {
      issues.push({
        step: 'map_fields',
        path: ['inbound', index, 'source'],
        code: 'unknown_source_field',
        message: `"${entry.source}" is not a field of Stripe ${config.objectType}s.`,
      });
    }
    const first = seen.get(entry.target);
    if (first !== undefined) {
      const firstEntry = config.inbound[first];
      issues.push({
        step: 'map_fields',
        path: ['inbound', index, 'target'],
        code: 'target_mapped_twice',
        message: `${getInboundTarget(entry.target).label} is mapped from both ${fieldLabel(
          config.objectType,
          firstEntry?.source ?? '',
        )} and ${fieldLabel(config.objectType, entry.source)}. Map it from one field.`,
      });
    } else {
      seen.set(entry.target, index);
    }
  });
  for (const target of INBOUND_TARGETS) {
    if (target.required && !seen.has(target.id)) {
      issues.push({
        step: 'map_fields',
        path: ['inbound'],
        code: 'required_target_unmapped',
        message: `Map a Stripe field to ${target.label}: it is required.`,
      });
    }
  }
  return issues;
}

function returnIssues(config: SyncConfig, context: ValidateSyncConfigContext): SyncConfigIssue[] {
  const issues: SyncConfigIssue[] = [];
  const { objectType, returns } = config;
  const inboundSources = new Map(config.inbound.map((entry) => [entry.source, entry.target]));
  const claimed = new Map<string, ReturnSource>();
  const mappedKeys = new Set<string>();

  if (returns.referralLink.kind === 'none') {
    issues.push({
      step: 'map_return_fields',
      path: ['returns', 'referralLink'],
      code: 'referral_link_not_returned',
      message: 'The Referral Link must be sent to Stripe: choose a field or a metadata key.',
    });
  }

  for (const source of RETURN_SOURCES) {
    const destination = returns[source.id];
    const path = ['returns', source.id];
    if (destination.kind === 'none') continue;

    let destinationPath: string;
    let maxLength: number | null;
    if (destination.kind === 'metadata') {
      const problem = checkMetadataKey(destination.key);
      if (problem) {
        issues.push({
          step: 'map_return_fields',
          path: [...path, 'key'],
          code: problem,
          message: metadataKeyMessage(source.label, destination.key, problem),
        });
        continue;
      }
      destinationPath = metadataFieldPath(destination.key);
      maxLength = STRIPE_LIMITS.metadataValueMaxLength;
      mappedKeys.add(destination.key);
    } else {
      const field = findStripeField(objectType, destination.field);
      destinationPath = destination.field;
      maxLength = field?.maxLength ?? null;
      if (!field?.writable || field.type === 'email') {
        issues.push({
          step: 'map_return_fields',
          path,
          code: 'return_field_not_writable',
          message:
            field?.type === 'email'
              ? `Stripe only accepts email addresses in ${field.label}: send ${source.label} to another field or a metadata key.`
              : `${field?.label ?? destination.field} can't be written to.`,
        });
        continue;
      }
    }

    const other = claimed.get(destinationPath);
    if (other) {
      issues.push({
        step: 'map_return_fields',
        path,
        code: 'return_destination_conflict',
        message: `${getReturnSource(other).label} and ${source.label} both write to ${describeDestination(
          objectType,
          destination,
        )}. Choose a different destination for one of them.`,
      });
    } else {
      claimed.set(destinationPath, source.id);
    }

    const inboundTarget = inboundSources.get(destinationPath);
    if (inboundTarget) {
      issues.push({
        step: 'map_return_fields',
        path,
        code: 'return_overwrites_inbound_source',
        message: `${source.label} would overwrite ${fieldLabel(objectType, destinationPath)}, which is mapped to ${
          getInboundTarget(inboundTarget).label
        }. Choose another destination.`,
      });
    }

    const valueMax =
      source.maxLength ??
      (context.linkBaseUrl ? referralLinkMaxLength(context.linkBaseUrl) : DEFAULT_LINK_MAX_LENGTH);
    if (maxLength !== null && valueMax > maxLength) {
      issues.push({
        step: 'map_return_fields',
        path,
        code: 'value_may_exceed_limit',
        message: `${source.label} values can be up to ${valueMax} characters, but Stripe's ${describeDestination(
          objectType,
          destination,
        )} holds at most ${maxLength}.`,
      });
    }
  }

  const allKeys = new Set([...(context.existingMetadataKeys ?? []), ...mappedKeys]);
  if (allKeys.size > STRIPE_LIMITS.metadataMaxKeys) {
    issues.push({
      step: 'map_return_fields',
      path: ['returns'],
      code: 'too_many_metadata_keys',
      message: `Customers would carry ${allKeys.size} metadata keys; Stripe allows at most ${STRIPE_LIMITS.metadataMaxKeys}. Send fewer values as metadata or reuse an existing key.`,
    });
  }
  return issues;
}

function metadataKeyMessage(label: string, key: string, problem: MetadataKeyProblem): string {
  switch (problem) {
    case 'metadata_key_empty':
      return `Enter a metadata key for ${label}.`;
    case 'metadata_key_too_long':
      return `The metadata key for ${label} is ${key.length} characters; Stripe allows at most ${STRIPE_LIMITS.metadataKeyMaxLength}.`;
    default:
      return `The metadata key for ${label} can't contain "[" or "]".`;
  }
}

function scheduleIssues(config: SyncConfig): SyncConfigIssue[] {
  if (config.syncType !== 'ongoing' || config.schedule.kind !== 'cron') return [];
  const { expression } = config.schedule;
  if (isRunnableCronExpression(expression)) return [];
  const shown = expression.length > 40 ? `${expression.slice(0, 40)}…` : expression;
  return [
    {
      step: 'confirm',
      path: ['schedule', 'expression'],
      code: 'schedule_invalid',
      message: `"${shown}" is not a cron expression this sync can run: use five fields (minute 0–59, hour 0–23, day 1–31, month 1–12, weekday 0–7) for a time that exists, like "0 * * * *" for hourly.`,
    },
  ];
}
