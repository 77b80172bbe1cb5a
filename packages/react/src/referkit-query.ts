import {
  type QueryClient,
  type QueryKey,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import type { ReferkitClient } from './create-referkit-client';
import type { ReferkitApiError } from './referkit-api-error';
import { useReferkit } from './use-referkit';

/**
 * Extra options of a Referkit query hook: any `useQuery` option except the
 * key and the query function (e.g. `enabled`, `staleTime`, `refetchInterval`).
 */
export type ReferkitQueryOptions<TData> = Omit<
  UseQueryOptions<TData, ReferkitApiError, TData, QueryKey>,
  'queryKey' | 'queryFn'
>;

/**
 * Extra options of a Referkit mutation hook: any `useMutation` option except
 * the mutation function. Your `onSuccess` runs after the hook's own cache
 * invalidation has finished.
 */
export type ReferkitMutationOptions<TData, TVariables> = Omit<
  UseMutationOptions<TData, ReferkitApiError, TVariables>,
  'mutationFn'
>;

/** `options` with the query held (`enabled: false`) until `ready`, e.g. until an id is known. */
export function holdUntil<TData>(
  ready: boolean,
  options: ReferkitQueryOptions<TData> = {},
): ReferkitQueryOptions<TData> {
  return { ...options, enabled: ready ? (options.enabled ?? true) : false };
}

/** `useQuery` on the provider's client and QueryClient. */
export function useReferkitQuery<TData>(
  queryKey: QueryKey,
  fetcher: (client: ReferkitClient) => Promise<TData>,
  options?: ReferkitQueryOptions<TData>,
): UseQueryResult<TData, ReferkitApiError> {
  const { client, queryClient } = useReferkit();
  return useQuery<TData, ReferkitApiError, TData, QueryKey>(
    { ...options, queryKey, queryFn: () => fetcher(client) },
    queryClient,
  );
}

/**
 * {@link useReferkitQuery} for one resource by id: the query waits
 * (`enabled: false`) while `id` is empty and fetches it once it is known.
 */
export function useReferkitQueryById<TData>(
  id: string | null | undefined,
  queryKey: (id: string) => QueryKey,
  fetcher: (client: ReferkitClient, id: string) => Promise<TData>,
  options?: ReferkitQueryOptions<TData>,
): UseQueryResult<TData, ReferkitApiError> {
  return useReferkitQuery(
    queryKey(id ?? ''),
    (client) => fetcher(client, id as string),
    holdUntil(Boolean(id), options),
  );
}

/**
 * `useMutation` on the provider's client that refreshes what the mutation
 * changed (`afterSuccess`) before the caller's `onSuccess`.
 */
export function useReferkitMutation<TData, TVariables>(
  mutate: (client: ReferkitClient, variables: TVariables) => Promise<TData>,
  afterSuccess: (queryClient: QueryClient, data: TData, variables: TVariables) => Promise<unknown>,
  options?: ReferkitMutationOptions<TData, TVariables>,
): UseMutationResult<TData, ReferkitApiError, TVariables> {
  const { client, queryClient } = useReferkit();
  return useMutation<TData, ReferkitApiError, TVariables>(
    {
      ...options,
      mutationFn: (variables) => mutate(client, variables),
      onSuccess: async (...args) => {
        await afterSuccess(queryClient, args[0], args[1]);
        return options?.onSuccess?.(...args);
      },
    },
    queryClient,
  );
}

/** Invalidates every query under each key prefix, in parallel. */
export function invalidate(queryClient: QueryClient, ...keys: QueryKey[]): Promise<unknown> {
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
