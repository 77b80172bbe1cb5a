import {
  formatName,
  NAME_VERSION_IDS,
  type NameVersion,
  readStripeField,
  type StripeRecord,
} from '@referkit/core';
import { useMemo } from 'react';

/** Options of {@link useNameVersionPreview}. */
export interface UseNameVersionPreviewOptions {
  /** The Stripe field mapped to First Name (`name`, `metadata.full_name` …). Default: `'name'`. */
  sourceField?: string | undefined;
  /** How many records to show. Default: `5`. */
  limit?: number | undefined;
}

/** One previewed record: its raw name and what each name version makes of it. */
export interface NameVersionPreviewRow {
  /** The Stripe record's id. */
  id: string;
  /** The raw value of the source field (`""` when the record has none). */
  input: string;
  /** The First Name each version produces (`""` for a blank name). */
  versions: Record<NameVersion, string>;
}

/** The result of {@link useNameVersionPreview}. */
export interface NameVersionPreview {
  rows: NameVersionPreviewRow[];
}

/**
 * Every name version of the account's real sample names, computed with core's
 * `formatName` (exactly what the sync will store). Deleted records are left
 * out; records with a blank name are kept, with `""` versions. Pass the
 * records from `useStripeSamples` (`undefined` while loading gives no rows).
 */
export function useNameVersionPreview(
  samples: readonly StripeRecord[] | null | undefined,
  { sourceField = 'name', limit = 5 }: UseNameVersionPreviewOptions = {},
): NameVersionPreview {
  return useMemo(() => {
    const rows = (samples ?? [])
      .filter((record) => !record.deleted)
      .slice(0, Math.max(0, limit))
      .map((record) => {
        const input = readStripeField(record, sourceField) ?? '';
        const versions = Object.fromEntries(
          NAME_VERSION_IDS.map((version) => [version, formatName(input, version)]),
        ) as Record<NameVersion, string>;
        return { id: record.id, input, versions };
      });
    return { rows };
  }, [samples, sourceField, limit]);
}
