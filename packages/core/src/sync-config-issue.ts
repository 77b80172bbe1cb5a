import { z } from 'zod';
import { WIZARD_STEP_IDS, type WizardStepId } from './wizard-steps';

/** Stable codes of everything that can be wrong with a sync configuration. */
export const SYNC_CONFIG_ISSUE_CODES = [
  'invalid_shape',
  'unknown_source_field',
  'required_target_unmapped',
  'target_mapped_twice',
  'referral_link_not_returned',
  'metadata_key_empty',
  'metadata_key_too_long',
  'metadata_key_invalid_chars',
  'return_destination_conflict',
  'return_field_not_writable',
  'return_overwrites_inbound_source',
  'value_may_exceed_limit',
  'too_many_metadata_keys',
  'schedule_invalid',
] as const;
/** A stable issue code: see {@link SYNC_CONFIG_ISSUE_CODES}. */
export type SyncConfigIssueCode = (typeof SYNC_CONFIG_ISSUE_CODES)[number];

/** One problem with a sync configuration, placed on the wizard step that fixes it. */
export interface SyncConfigIssue {
  step: WizardStepId;
  /** Path into the configuration, e.g. `['returns', 'referralLink', 'key']`. */
  path: (string | number)[];
  code: SyncConfigIssueCode;
  /** A sentence a business owner can act on. */
  message: string;
}

/** A zod schema for a {@link SyncConfigIssue}, for the HTTP contract. */
export const syncConfigIssueSchema = z.object({
  step: z.enum(WIZARD_STEP_IDS),
  path: z.array(z.union([z.string(), z.number()])),
  code: z.enum(SYNC_CONFIG_ISSUE_CODES),
  message: z.string(),
});
