import { NAME_VERSION_IDS, type NameVersion } from './name-version-definitions';
import type { SkipReason } from './referrer-draft';
import { readStripeField, type StripeRecord } from './stripe-object-types';
import { type ReferrerDraftConfig, resolveFirstName, toReferrerDraft } from './to-referrer-draft';

/** One previewed record: what each name version makes of it, and whether the sync would skip it. */
export interface NamePreviewRow {
  /** The Stripe record's id. */
  id: string;
  /** The raw value of the field mapped to First Name (`""` when the record has none). */
  input: string;
  /** The record's raw email as mapped (`""` when it has none). */
  email: string;
  /**
   * The First Name each version gives (what the sync stores), with the
   * blank-name rule applied; `""` when there is none.
   */
  versions: Record<NameVersion, string>;
  /** The First Name comes from the email's part before `@` (the name is blank). */
  fromEmail: boolean;
  /** Why the sync would skip the record with the configuration's own name version, or `null`. */
  skip: SkipReason | null;
}

/** Options of {@link previewNames}. */
export interface PreviewNamesOptions {
  /** How many records to show. Default: `5`. */
  limit?: number;
}

/**
 * The Name Version step's live preview of real records, computed with the
 * sync's own rules (`resolveFirstName` and `toReferrerDraft`), so the preview
 * is what the sync stores: every version's First Name, whether it came from
 * the email, and the skip reason if the record would be skipped. Deleted
 * records are left out.
 */
export function previewNames(
  records: readonly StripeRecord[],
  config: ReferrerDraftConfig,
  { limit = 5 }: PreviewNamesOptions = {},
): NamePreviewRow[] {
  const nameSource = config.inbound.find((entry) => entry.target === 'firstName')?.source;
  const emailSource = config.inbound.find((entry) => entry.target === 'email')?.source;
  return records
    .filter((record) => !record.deleted)
    .slice(0, Math.max(0, limit))
    .map((record) => {
      const versions = Object.fromEntries(
        NAME_VERSION_IDS.map((nameVersion) => [
          nameVersion,
          resolveFirstName(record, { ...config, nameVersion }).firstName,
        ]),
      ) as Record<NameVersion, string>;
      const result = toReferrerDraft(record, config);
      return {
        id: record.id,
        input: nameSource ? (readStripeField(record, nameSource) ?? '') : '',
        email: emailSource ? (readStripeField(record, emailSource) ?? '') : '',
        versions,
        fromEmail: resolveFirstName(record, config).source === 'email',
        skip: result.ok ? null : result.skip,
      };
    });
}
