import type { SyncWizardStoreOptions } from '@referkit/core';
import { createReferkitClient, ReferkitProvider, useSyncWizard } from '@referkit/react';
import { createMockReferkitApi, type MockReferkitApiOptions } from '@referkit/react/mock-api';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { ReactElement, ReactNode } from 'react';
import { expect } from 'vitest';
import type { StepViewProps } from './step-view-props';
import { server } from './test-setup';

/** Where the tests' client sends requests (the mock matches `/api/referkit` on any origin). */
const TEST_BASE_URL = 'http://localhost/api/referkit';

/** Options of {@link renderWithApi}. */
export interface RenderWithApiOptions {
  /** The mock API's seed. Default: the mock's defaults (Stripe not connected). */
  api?: MockReferkitApiOptions;
  brandName?: string;
  messages?: Record<string, string>;
}

/** Renders `ui` inside a `ReferkitProvider` talking to a fresh in-memory mock API. */
export function renderWithApi(ui: ReactElement, options: RenderWithApiOptions = {}) {
  server.use(...createMockReferkitApi(options.api ?? {}));
  const client = createReferkitClient({ baseUrl: TEST_BASE_URL });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ReferkitProvider
      client={client}
      queryClient={queryClient}
      brandName={options.brandName ?? 'Referral Factory'}
      messages={options.messages}
    >
      {children}
    </ReferkitProvider>
  );
  const user = userEvent.setup();
  return { user, queryClient, ...render(ui, { wrapper }) };
}

/**
 * Renders a step view against a real wizard store (core's, through
 * `useSyncWizard`), inside a provider with a mock API.
 */
export function renderStep(
  Step: (props: StepViewProps) => ReactElement,
  wizardOptions: SyncWizardStoreOptions = {},
  options: RenderWithApiOptions = {},
) {
  let latest: ReturnType<typeof useSyncWizard> | undefined;
  function Harness() {
    const wizard = useSyncWizard(wizardOptions);
    latest = wizard;
    return <Step wizard={wizard} />;
  }
  const result = renderWithApi(<Harness />, options);
  return {
    ...result,
    wizard: () => {
      if (!latest) throw new Error('The step has not rendered');
      return latest;
    },
  };
}

/**
 * Runs axe on the whole document (dialogs render into `body`) and fails with
 * the violations listed. Colour contrast needs layout, which jsdom has not:
 * the Storybook suite checks it in Chromium.
 */
export async function expectNoAxeViolations(root: Element = document.body) {
  const results = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(' ')).join('\n  ')}`,
  );
  expect(summary).toEqual([]);
}
