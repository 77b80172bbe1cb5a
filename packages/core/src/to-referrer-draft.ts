import { formatName } from './name-versions';
import {
  createReferrerDraft,
  type ReferrerDraftResult,
  type ReferrerInput,
} from './referrer-draft';
import { readStripeField, type StripeRecord } from './stripe-object-types';
import type { SyncConfig } from './sync-config';

/**
 * Turns a Stripe record into a referrer draft with the configuration's inbound
 * mapping and name version, or says why it is skipped (deleted customer, no
 * email, invalid email, no usable first name). The wizard's live preview and
 * the server's sync both call this, so the preview is what the sync does.
 */
export function toReferrerDraft(
  record: StripeRecord,
  config: Pick<SyncConfig, 'inbound' | 'nameVersion'>,
): ReferrerDraftResult {
  if (record.deleted) {
    return {
      ok: false,
      skip: { code: 'deleted', field: null, message: 'The customer was deleted in Stripe.' },
    };
  }
  const input: ReferrerInput = {};
  for (const { source, target } of config.inbound) {
    input[target] ??= readStripeField(record, source);
  }
  if (input.firstName) input.firstName = formatName(input.firstName, config.nameVersion);
  return createReferrerDraft(input);
}
