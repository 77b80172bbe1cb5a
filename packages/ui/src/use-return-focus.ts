import { useMemo, useRef } from 'react';

/**
 * Focus handlers for a Radix dialog opened without a `Dialog.Trigger` (by
 * state): when it closes, focus goes back to whatever had it when it opened,
 * if that element is still on the page.
 */
export function useReturnFocus() {
  const previous = useRef<HTMLElement | null>(null);
  return useMemo(
    () => ({
      onOpenAutoFocus: () => {
        previous.current = document.activeElement as HTMLElement | null;
      },
      onCloseAutoFocus: (event: Event) => {
        const element = previous.current;
        previous.current = null;
        if (!element?.isConnected || element === document.body) return;
        event.preventDefault();
        element.focus();
      },
    }),
    [],
  );
}
