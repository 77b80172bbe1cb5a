import type { MockReferkitApiOptions } from '@referkit/react/mock-api';
import type { ReferkitTheme } from '@referkit/ui';

/**
 * What a story can set under `parameters.referkit` (merged key by key with
 * the defaults in preview.tsx):
 *
 * ```ts
 * export const Connected: Story = {
 *   parameters: { referkit: { api: { stripe: { status: 'connected' } } } },
 * };
 * ```
 */
export interface ReferkitStoryParameters {
  /**
   * The seed of the in-memory mock API (`createMockReferkitApi`), created
   * fresh for every story; `false` installs none (the story brings its own
   * handlers under `parameters.msw`). Default: `{}` — the mock's defaults
   * (Stripe not connected, one campaign, two referrers).
   */
  api?: MockReferkitApiOptions | false;
  /** Default: `'Referral Factory'`. */
  brandName?: string;
  /** String overrides passed to `ReferkitProvider`. Default: none. */
  messages?: Record<string, string>;
  /** Force a theme for this story; otherwise the toolbar's. */
  theme?: ReferkitTheme;
}
