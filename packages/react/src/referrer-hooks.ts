import type { ApiResponse, ReferrerInputBody } from '@referkit/core';
import { type QueryClient, useInfiniteQuery } from '@tanstack/react-query';
import type { ImportReferrersOptions } from './create-referkit-client';
import { idempotencyKeyFor } from './idempotency-key';
import type { ReferkitApiError } from './referkit-api-error';
import { referkitKeys } from './referkit-keys';
import { invalidate, type ReferkitMutationOptions, useReferkitMutation } from './referkit-query';
import { useReferkit } from './use-referkit';

/** Options of {@link useReferrers}. */
export interface UseReferrersOptions {
  /** Search by name or email. Default: none (every referrer). */
  q?: string | undefined;
  /** Page size, 1–100. Default: the server's (25). */
  limit?: number | undefined;
  /** Set `false` to hold the query. Default: `true`. */
  enabled?: boolean | undefined;
}

/** Variables of {@link useImportReferrers}'s `mutate`. */
export interface ImportReferrersVariables extends ImportReferrersOptions {
  /** The CSV file (a `File` from an input or a drop) or its text. */
  csv: Blob | string;
}

/** A campaign's referrers changed: its lists and the referrer counts refresh. */
function referrersChanged(queryClient: QueryClient, campaignId: string) {
  return invalidate(queryClient, referkitKeys.referrers(campaignId), referkitKeys.campaigns());
}

/**
 * A campaign's referrers, newest first, a page at a time (`fetchNextPage`,
 * `hasNextPage`; pages in `data.pages`). Waits while `campaignId` is empty.
 */
export function useReferrers(
  campaignId: string | null | undefined,
  { q, limit, enabled = true }: UseReferrersOptions = {},
) {
  const { client, queryClient } = useReferkit();
  const search = q?.trim() || undefined;
  return useInfiniteQuery<
    ApiResponse<'listReferrers'>,
    ReferkitApiError,
    { pages: ApiResponse<'listReferrers'>[]; pageParams: (string | undefined)[] },
    ReturnType<typeof referkitKeys.referrerList>,
    string | undefined
  >(
    {
      queryKey: referkitKeys.referrerList(campaignId ?? '', { q: search, limit }),
      queryFn: ({ pageParam }) =>
        client.listReferrers(campaignId as string, { q: search, limit, cursor: pageParam }),
      initialPageParam: undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      enabled: Boolean(campaignId) && enabled,
    },
    queryClient,
  );
}

/**
 * Adds one referrer (Add Manually). A duplicate email fails with
 * `duplicate_email` and `error.fields.email`; on success the campaign's
 * referrers and counts refresh. Each `mutate` sends its own `Idempotency-Key`,
 * reused by the mutation's retries.
 */
export function useCreateReferrer(
  campaignId: string,
  options?: ReferkitMutationOptions<ApiResponse<'createReferrer'>, ReferrerInputBody>,
) {
  return useReferkitMutation(
    (client, body: ReferrerInputBody) =>
      client.createReferrer(campaignId, body, { idempotencyKey: idempotencyKeyFor(body) }),
    (queryClient) => referrersChanged(queryClient, campaignId),
    options,
  );
}

/** Removes a referrer (`mutate(referrerId)`); the campaign's referrers and counts refresh. */
export function useDeleteReferrer(
  campaignId: string,
  options?: ReferkitMutationOptions<void, string>,
) {
  return useReferkitMutation(
    (client, referrerId: string) => client.deleteReferrer(campaignId, referrerId),
    (queryClient) => referrersChanged(queryClient, campaignId),
    options,
  );
}

/**
 * Imports a CSV (`mutate({ csv, columns, ignoreFirstRow })`) and resolves with
 * per-row results (created, duplicate, invalid); the campaign's referrers and
 * counts refresh.
 */
export function useImportReferrers(
  campaignId: string,
  options?: ReferkitMutationOptions<ApiResponse<'importReferrers'>, ImportReferrersVariables>,
) {
  return useReferkitMutation(
    (client, { csv, ...rest }: ImportReferrersVariables) =>
      client.importReferrers(campaignId, csv, rest),
    (queryClient) => referrersChanged(queryClient, campaignId),
    options,
  );
}
