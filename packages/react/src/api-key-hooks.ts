import type { ApiResponse } from '@referkit/core';
import { referkitKeys } from './referkit-keys';
import {
  type ReferkitMutationOptions,
  type ReferkitQueryOptions,
  useReferkitMutation,
  useReferkitQuery,
} from './referkit-query';

/** The account's API key (prefix only, or `null` before one exists) and the endpoint it authorises. */
export function useApiKey(options?: ReferkitQueryOptions<ApiResponse<'getApiKey'>>) {
  return useReferkitQuery(referkitKeys.apiKey(), (client) => client.getApiKey(), options);
}

/**
 * Creates or rotates the API key (`mutate()`); resolves with the whole
 * `secret`, shown once. The previous key stops working.
 */
export function useCreateApiKey(
  options?: ReferkitMutationOptions<ApiResponse<'createApiKey'>, void>,
) {
  return useReferkitMutation(
    (client) => client.createApiKey(),
    async (queryClient, data) => {
      queryClient.setQueryData<ApiResponse<'getApiKey'>>(referkitKeys.apiKey(), {
        apiKey: data.apiKey,
        endpoint: data.endpoint,
      });
    },
    options,
  );
}
