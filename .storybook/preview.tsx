import { ReferkitProvider } from '@referkit/react';
import { createMockReferkitApi } from '@referkit/react/mock-api';
import { type ReferkitTheme, ReferkitThemeContext } from '@referkit/ui';
import type { Decorator, Preview } from '@storybook/react-vite';
import '@referkit/ui/styles.css';
import { QueryClient } from '@tanstack/react-query';
import type { RequestHandler } from 'msw';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { useMemo } from 'react';
import { configure } from 'storybook/test';
import type { ReferkitStoryParameters } from './referkit-parameters';

// Play functions' `findBy…` wait for lazy chunks and mocked requests; on a loaded CI machine
// that can take seconds, so wait up to 10 s (a passing story goes on as soon as it appears).
configure({ asyncUtilTimeout: 10_000 });

/** Story-level MSW handlers (`parameters.msw`: an array or `{ handlers }`), flattened. */
function storyHandlers(parameter: unknown): RequestHandler[] {
  if (!parameter) return [];
  if (Array.isArray(parameter)) return parameter;
  const { handlers } = parameter as {
    handlers?: RequestHandler[] | Record<string, RequestHandler[]>;
  };
  if (!handlers) return [];
  return (Array.isArray(handlers) ? handlers : Object.values(handlers)).flat().filter(Boolean);
}

/**
 * Every story renders inside `ReferkitProvider` with a QueryClient of its own
 * (no cache shared between stories), the theme from the toolbar and the kit's
 * stylesheet.
 */
const withReferkit: Decorator = (Story, context) => {
  const referkit = (context.parameters.referkit ?? {}) as ReferkitStoryParameters;
  const theme: ReferkitTheme =
    referkit.theme ?? (context.globals.theme as ReferkitTheme) ?? 'light';
  // A new cache for every story (and every re-mount of one).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the story id is the key
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
      }),
    [context.id],
  );
  return (
    <ReferkitProvider
      apiBaseUrl="/api/referkit"
      queryClient={queryClient}
      brandName={referkit.brandName ?? 'Referral Factory'}
      messages={referkit.messages}
    >
      <ReferkitThemeContext.Provider value={theme}>
        <div
          data-rk-theme={theme === 'system' ? undefined : theme}
          style={{
            minHeight: '100vh',
            padding: '1rem',
            background: theme === 'dark' ? '#0b0d12' : '#ffffff',
            colorScheme: theme === 'system' ? 'light dark' : theme,
          }}
        >
          <Story />
        </div>
      </ReferkitThemeContext.Provider>
    </ReferkitProvider>
  );
};

const preview: Preview = {
  decorators: [withReferkit],
  loaders: [mswLoader()],
  // After the loaders: a fresh mock API for every story, behind the story's own MSW overrides.
  beforeEach(context) {
    const referkit = (context.parameters.referkit ?? {}) as ReferkitStoryParameters;
    const overrides = storyHandlers(context.parameters.msw);
    const api = referkit.api === false ? [] : createMockReferkitApi(referkit.api ?? {});
    context.msw?.resetHandlers(...overrides, ...api);
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the kit',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'system', title: 'System' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    // Axe runs on every story; a violation fails its test.
    a11y: { test: 'error' },
    referkit: {} satisfies ReferkitStoryParameters,
  },
};

export default preview;
