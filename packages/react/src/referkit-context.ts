import type { QueryClient } from '@tanstack/react-query';
import { createContext } from 'react';
import type { ReferkitClient } from './create-referkit-client';

/** What {@link ReferkitProvider} shares with the hooks and components below it. */
export interface ReferkitContextValue {
  client: ReferkitClient;
  /** The QueryClient every Referkit hook uses. */
  queryClient: QueryClient;
  /** The referral platform's name, shown in copy such as "Map Stripe Fields to {brandName}". */
  brandName: string;
  /** String overrides; `@referkit/ui` defines the keys. */
  messages: Readonly<Record<string, string>>;
}

export const ReferkitContext = createContext<ReferkitContextValue | null>(null);
ReferkitContext.displayName = 'ReferkitContext';
