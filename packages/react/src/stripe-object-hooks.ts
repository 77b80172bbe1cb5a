import type { ApiResponse, ObjectType } from '@referkit/core';
import { referkitKeys } from './referkit-keys';
import { holdUntil, type ReferkitQueryOptions, useReferkitQuery } from './referkit-query';

/** Options of {@link useStripeSamples}. */
export interface UseStripeSamplesOptions extends ReferkitQueryOptions<ApiResponse<'listSamples'>> {
  /** How many recent records, 1–25. Default: the server's (10). */
  limit?: number | undefined;
}

/** The Stripe object types that can become referrers (Select Object Type). */
export function useObjectTypes(options?: ReferkitQueryOptions<ApiResponse<'listObjectTypes'>>) {
  return useReferkitQuery(
    referkitKeys.objectTypes(),
    (client) => client.listObjectTypes(),
    options,
  );
}

/**
 * An object type's fields, with the metadata keys seen on recent records (Map
 * Fields, Map Return Fields). Waits while `objectType` is `null`/`undefined`.
 */
export function useStripeFields(
  objectType: ObjectType | null | undefined,
  options?: ReferkitQueryOptions<ApiResponse<'listFields'>>,
) {
  return useReferkitQuery(
    referkitKeys.fields(objectType ?? 'customer'),
    (client) => client.listFields(objectType as ObjectType),
    holdUntil(objectType != null, options),
  );
}

/**
 * A few recent real records of an object type, for the name preview. Waits
 * while `objectType` is `null`/`undefined`.
 */
export function useStripeSamples(
  objectType: ObjectType | null | undefined,
  { limit, ...options }: UseStripeSamplesOptions = {},
) {
  return useReferkitQuery(
    referkitKeys.samples(objectType ?? 'customer', limit),
    (client) =>
      client.listSamples(objectType as ObjectType, limit === undefined ? undefined : { limit }),
    holdUntil(objectType != null, options),
  );
}
