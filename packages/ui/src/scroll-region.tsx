import type { ReactNode } from 'react';

/** Props of {@link ScrollRegion}. */
export interface ScrollRegionProps {
  /** The id of the element that names the region (a caption or heading). */
  labelledBy: string;
  children: ReactNode;
  /** Default: `'rk-table-wrap'`. */
  className?: string | undefined;
}

/** A named region that scrolls sideways, focusable so keyboard users can scroll it. */
export function ScrollRegion({
  labelledBy,
  children,
  className = 'rk-table-wrap',
}: ScrollRegionProps) {
  return (
    <section
      className={className}
      aria-labelledby={labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      data-slot="scroll-region"
    >
      {children}
    </section>
  );
}
