import { createContext, useContext } from 'react';
import { cx } from './class-names';

/** Colour scheme of the kit: `system` follows `prefers-color-scheme`. */
export type ReferkitTheme = 'light' | 'dark' | 'system';

/** The theme of the nearest kit root, so nested dialogs (portalled to `body`) match it. */
export const ReferkitThemeContext = createContext<ReferkitTheme>('system');

/**
 * Props for an element that starts a kit subtree: the `rk-root` class (which
 * resets inherited host styles and defines the `--rk-*` variables) and the
 * theme attribute.
 */
export function useRootProps(
  theme: ReferkitTheme | undefined,
  ...classNames: Array<string | false | undefined>
) {
  const inherited = useContext(ReferkitThemeContext);
  const active = theme ?? inherited;
  return {
    className: cx('rk-root', ...classNames),
    'data-rk-theme': active === 'system' ? undefined : active,
  };
}
