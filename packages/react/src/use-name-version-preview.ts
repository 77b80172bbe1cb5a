import {
  DEFAULT_NAME_VERSION,
  type NamePreviewRow,
  previewNames,
  type ReferrerDraftConfig,
  type StripeRecord,
} from '@referkit/core';
import { useMemo } from 'react';

/** Options of {@link useNameVersionPreview}. */
export interface UseNameVersionPreviewOptions {
  /** The Stripe field mapped to First Name (`name`, `metadata.full_name` …). Default: `'name'`. */
  sourceField?: string | undefined;
  /**
   * The sync's configuration (its mapping, name version and blank-name rule);
   * when given it replaces `sourceField`, and the preview applies every rule
   * the sync will. Default: `sourceField` → First Name, `email` → Email,
   * blank names skipped.
   */
  config?: ReferrerDraftConfig | undefined;
  /** How many records to show. Default: `5`. */
  limit?: number | undefined;
}

/** One previewed record: its raw name and what each name version makes of it (core's `previewNames` row). */
export type NameVersionPreviewRow = NamePreviewRow;

/** The result of {@link useNameVersionPreview}. */
export interface NameVersionPreview {
  rows: NameVersionPreviewRow[];
}

/**
 * Every name version of the account's real sample names, computed with core's
 * `previewNames` (the same rules the sync applies, the blank-name rule
 * included: exactly what it will store). Deleted records are left out;
 * records with a blank name are kept. Pass the records from
 * `useStripeSamples` (`undefined` while loading gives no rows).
 */
export function useNameVersionPreview(
  samples: readonly StripeRecord[] | null | undefined,
  { sourceField = 'name', limit = 5, config }: UseNameVersionPreviewOptions = {},
): NameVersionPreview {
  return useMemo(() => {
    const rules: ReferrerDraftConfig = config ?? {
      inbound: [
        { source: sourceField, target: 'firstName' },
        { source: 'email', target: 'email' },
      ],
      nameVersion: DEFAULT_NAME_VERSION,
      blankName: 'skip',
    };
    return { rows: previewNames(samples ?? [], rules, { limit }) };
  }, [samples, sourceField, limit, config]);
}
