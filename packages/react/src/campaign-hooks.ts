import type { ApiResponse, CreateCampaignRequest } from '@referkit/core';
import { idempotencyKeyFor } from './idempotency-key';
import { referkitKeys } from './referkit-keys';
import {
  invalidate,
  type ReferkitMutationOptions,
  type ReferkitQueryOptions,
  useReferkitMutation,
  useReferkitQuery,
  useReferkitQueryById,
} from './referkit-query';

/** Every campaign, with its referrer count. */
export function useCampaigns(options?: ReferkitQueryOptions<ApiResponse<'listCampaigns'>>) {
  return useReferkitQuery(referkitKeys.campaigns(), (client) => client.listCampaigns(), options);
}

/** One campaign (its link base and referrer count). Waits while `campaignId` is empty. */
export function useCampaign(
  campaignId: string | null | undefined,
  options?: ReferkitQueryOptions<ApiResponse<'getCampaign'>>,
) {
  return useReferkitQueryById(
    campaignId,
    referkitKeys.campaign,
    (client, id) => client.getCampaign(id),
    options,
  );
}

/**
 * Creates a campaign; the campaign list refreshes. Each `mutate` sends its own
 * `Idempotency-Key`, reused by the mutation's retries.
 */
export function useCreateCampaign(
  options?: ReferkitMutationOptions<ApiResponse<'createCampaign'>, CreateCampaignRequest>,
) {
  return useReferkitMutation(
    (client, body: CreateCampaignRequest) =>
      client.createCampaign(body, { idempotencyKey: idempotencyKeyFor(body) }),
    (queryClient) => invalidate(queryClient, referkitKeys.campaigns()),
    options,
  );
}
