import { QueryClient } from '@tanstack/react-query';
import { type RenderHookOptions, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMockReferkitApi, type MockReferkitApiOptions } from './create-mock-referkit-api';
import { createReferkitClient, type ReferkitClient } from './create-referkit-client';
import { ReferkitProvider } from './referkit-provider';
import { server } from './test-setup';

/** Where the tests' client sends requests (the mock matches `/api/referkit` on any origin). */
export const TEST_BASE_URL = 'http://localhost/api/referkit';

/** Installs a fresh mock API for one test and returns a client and a QueryClient for it. */
export function installMockApi(options: MockReferkitApiOptions = {}) {
  server.use(...createMockReferkitApi(options));
  const client = createReferkitClient({ baseUrl: TEST_BASE_URL });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return { client, queryClient };
}

/** `renderHook` inside a `ReferkitProvider` with the given client and QueryClient. */
export function renderWithReferkit<Result, Props>(
  hook: (props: Props) => Result,
  { client, queryClient }: { client: ReferkitClient; queryClient: QueryClient },
  options: Omit<RenderHookOptions<Props>, 'wrapper'> = {},
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ReferkitProvider client={client} queryClient={queryClient}>
      {children}
    </ReferkitProvider>
  );
  return renderHook(hook, { ...options, wrapper });
}
