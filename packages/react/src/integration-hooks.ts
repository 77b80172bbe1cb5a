import type { ApiResponse, ConnectStripeRequest } from '@referkit/core';
import type { StartStripeOAuthRequest } from './create-referkit-client';
import { referkitKeys } from './referkit-keys';
import {
  invalidate,
  type ReferkitMutationOptions,
  type ReferkitQueryOptions,
  useReferkitMutation,
  useReferkitQuery,
} from './referkit-query';

/** The Sync screen's integrations by category, with Stripe's connection status. */
export function useIntegrations(options?: ReferkitQueryOptions<ApiResponse<'listIntegrations'>>) {
  return useReferkitQuery(
    referkitKeys.integrations(),
    (client) => client.listIntegrations(),
    options,
  );
}

/**
 * Connects Stripe with a pasted key (checked live by the server). On success
 * the integrations and every Stripe query (object types, fields, samples) refresh.
 * Errors: `stripe_key_invalid_format`, `stripe_key_mode_mismatch`,
 * `stripe_key_rejected`, `stripe_key_missing_permissions`, `stripe_unavailable`.
 */
export function useConnectStripe(
  options?: ReferkitMutationOptions<ApiResponse<'connectStripe'>, ConnectStripeRequest>,
) {
  return useReferkitMutation(
    (client, body: ConnectStripeRequest) => client.connectStripe(body),
    (queryClient) => invalidate(queryClient, referkitKeys.integrations(), referkitKeys.stripe()),
    options,
  );
}

/** Disconnects Stripe; the integrations, Stripe queries and syncs refresh. */
export function useDisconnectStripe(options?: ReferkitMutationOptions<void, void>) {
  return useReferkitMutation(
    (client) => client.disconnectStripe(),
    (queryClient) => {
      queryClient.removeQueries({ queryKey: referkitKeys.stripe() });
      return invalidate(queryClient, referkitKeys.integrations(), referkitKeys.syncs());
    },
    options,
  );
}

/**
 * Begins "Connect with Stripe" OAuth; resolves with the `url` to send the
 * browser to (`window.location.assign(url)`). Error
 * `stripe_oauth_not_configured` when the host has not set OAuth up.
 */
export function useStartStripeOAuth(
  options?: ReferkitMutationOptions<ApiResponse<'startStripeOAuth'>, StartStripeOAuthRequest>,
) {
  return useReferkitMutation(
    (client, body: StartStripeOAuthRequest) => client.startStripeOAuth(body),
    () => Promise.resolve(),
    options,
  );
}
