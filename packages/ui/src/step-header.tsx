import type { ReactNode, Ref } from 'react';

/** Heading levels a kit component may render its headings at. */
export type HeadingLevel = 2 | 3 | 4;

/** Props of {@link StepHeader}. */
export interface StepHeaderProps {
  id: string;
  title: ReactNode;
  description?: ReactNode | undefined;
  /** Receives the heading, which is focusable by script so the wizard can move focus to it. */
  headingRef?: Ref<HTMLHeadingElement> | undefined;
  level?: HeadingLevel | undefined;
}

/** A step's heading and description; the heading takes focus when the step opens. */
export function StepHeader({ id, title, description, headingRef, level = 3 }: StepHeaderProps) {
  const Heading = `h${level}` as const;
  return (
    <header className="rk-step-header" data-slot="step-header">
      <Heading id={id} ref={headingRef} tabIndex={-1} className="rk-step-title">
        {title}
      </Heading>
      {description ? <p className="rk-step-description">{description}</p> : null}
    </header>
  );
}
