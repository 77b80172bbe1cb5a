import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCampaigns } from './campaign-hooks';
import { ReferkitProvider } from './referkit-provider';
import { installMockApi, TEST_BASE_URL } from './test-utils';
import { useReferkit } from './use-referkit';

function CampaignNames() {
  const { brandName } = useReferkit();
  const campaigns = useCampaigns();
  return (
    <p>
      {brandName}: {campaigns.data?.campaigns.map((c) => c.name).join(', ') ?? 'loading'}
    </p>
  );
}

describe('ReferkitProvider', () => {
  it('throws a clear error when a hook is used outside it', () => {
    expect(() => renderHook(() => useReferkit())).toThrow(
      'useReferkit() was called outside <ReferkitProvider>. Wrap the Referkit hooks and components in <ReferkitProvider apiBaseUrl="/api/referkit">.',
    );
    expect(() => renderHook(() => useCampaigns())).toThrow(/outside <ReferkitProvider>/);
  });

  it('refuses to render without apiBaseUrl or client', () => {
    expect(() => render(<ReferkitProvider>child</ReferkitProvider>)).toThrow(
      /ReferkitProvider needs `apiBaseUrl`/,
    );
  });

  it('builds a client from apiBaseUrl, with a private QueryClient and the default brand', async () => {
    installMockApi();
    render(
      <ReferkitProvider apiBaseUrl={TEST_BASE_URL}>
        <CampaignNames />
      </ReferkitProvider>,
    );
    expect(await screen.findByText('Referkit: Spring Referral Program')).toBeInTheDocument();
  });

  it('shares the given client, QueryClient, brand name and messages', async () => {
    const { client, queryClient } = installMockApi();
    const messages = { 'modal.title': 'Add people' };
    const { result } = renderHook(() => useReferkit(), {
      wrapper: ({ children }) => (
        <ReferkitProvider
          client={client}
          queryClient={queryClient}
          brandName="Referral Factory"
          messages={messages}
        >
          {children}
        </ReferkitProvider>
      ),
    });
    expect(result.current).toEqual({
      client,
      queryClient,
      brandName: 'Referral Factory',
      messages,
    });
    const campaigns = renderHook(() => useCampaigns(), {
      wrapper: ({ children }) => (
        <ReferkitProvider client={client} queryClient={queryClient}>
          {children}
        </ReferkitProvider>
      ),
    });
    await waitFor(() => expect(campaigns.result.current.isSuccess).toBe(true));
    expect(queryClient.getQueryData(['referkit', 'campaigns'])).toEqual(
      campaigns.result.current.data,
    );
  });
});
