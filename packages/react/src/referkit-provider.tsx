import { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { createReferkitClient, type ReferkitClient } from './create-referkit-client';
import { isReferkitApiError } from './referkit-api-error';
import { ReferkitContext, type ReferkitContextValue } from './referkit-context';

/** Props of {@link ReferkitProvider}: give `apiBaseUrl` or `client`. */
export interface ReferkitProviderProps {
  /**
   * Where the host mounted the Referkit handler, e.g. `/api/referkit`; the
   * provider creates a client for it. Ignored when `client` is given.
   */
  apiBaseUrl?: string | undefined;
  /** A client made with `createReferkitClient` (custom `fetch`, headers, credentials). */
  client?: ReferkitClient | undefined;
  /**
   * The QueryClient the Referkit hooks use. Default: a private one, created
   * once per provider, that retries only network errors and 5xx answers (at
   * most twice). The provider does not render a `QueryClientProvider`, so the
   * host's own React Query setup below it is untouched.
   */
  queryClient?: QueryClient | undefined;
  /** The referral platform's name shown in the copy. Default: `'Referkit'`. */
  brandName?: string | undefined;
  /** String overrides by key (see `@referkit/ui`'s `defaultMessages`). Default: none. */
  messages?: Record<string, string> | undefined;
  children?: ReactNode | undefined;
}

const NO_MESSAGES: Readonly<Record<string, string>> = Object.freeze({});

/** Retries a failed query only when trying again can help: no answer, or a 5xx. */
function retryTransient(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return !isReferkitApiError(error) || error.status === 0 || error.status >= 500;
}

/** A QueryClient with the defaults the private one uses. */
function createPrivateQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: retryTransient, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/**
 * Gives every Referkit hook and component below it the API client, the
 * QueryClient, the brand name and string overrides.
 *
 * ```tsx
 * <ReferkitProvider apiBaseUrl="/api/referkit" brandName="Referral Factory">
 *   <App />
 * </ReferkitProvider>
 * ```
 */
export function ReferkitProvider({
  apiBaseUrl,
  client,
  queryClient,
  brandName = 'Referkit',
  messages,
  children,
}: ReferkitProviderProps) {
  if (!client && !apiBaseUrl) {
    throw new Error(
      'ReferkitProvider needs `apiBaseUrl` (where the Referkit handler is mounted, e.g. "/api/referkit") or a `client` made with createReferkitClient().',
    );
  }
  const ownClient = useMemo(
    () => (client || !apiBaseUrl ? null : createReferkitClient({ baseUrl: apiBaseUrl })),
    [client, apiBaseUrl],
  );
  const privateQueryClient = useRef<QueryClient | null>(null);
  if (!queryClient && privateQueryClient.current === null) {
    privateQueryClient.current = createPrivateQueryClient();
  }
  const activeQueryClient = queryClient ?? (privateQueryClient.current as QueryClient);

  // What QueryClientProvider would do: listen for focus and reconnects while mounted.
  useEffect(() => {
    activeQueryClient.mount();
    return () => activeQueryClient.unmount();
  }, [activeQueryClient]);

  const value = useMemo<ReferkitContextValue>(
    () => ({
      client: client ?? (ownClient as ReferkitClient),
      queryClient: activeQueryClient,
      brandName,
      messages: messages ?? NO_MESSAGES,
    }),
    [client, ownClient, activeQueryClient, brandName, messages],
  );
  return <ReferkitContext.Provider value={value}>{children}</ReferkitContext.Provider>;
}
