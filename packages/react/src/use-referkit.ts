import { useContext } from 'react';
import { ReferkitContext, type ReferkitContextValue } from './referkit-context';

/**
 * The client, QueryClient, brand name and messages of the nearest
 * `ReferkitProvider`. Throws a clear error outside one.
 */
export function useReferkit(): ReferkitContextValue {
  const value = useContext(ReferkitContext);
  if (!value) {
    throw new Error(
      'useReferkit() was called outside <ReferkitProvider>. Wrap the Referkit hooks and components in <ReferkitProvider apiBaseUrl="/api/referkit">.',
    );
  }
  return value;
}
