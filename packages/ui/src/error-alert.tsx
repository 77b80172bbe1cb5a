import type { ReactNode } from 'react';
import { useMessages } from './use-messages';

/** Props of {@link ErrorAlert}. */
export interface ErrorAlertProps {
  children: ReactNode;
  /** Shows a "Try again" button that calls it. Default: no button. */
  onRetry?: (() => void) | undefined;
}

/** An error announced at once (`role="alert"`), with an optional retry. */
export function ErrorAlert({ children, onRetry }: ErrorAlertProps) {
  const t = useMessages();
  return (
    <div className="rk-alert" data-variant="error" role="alert" data-slot="error">
      {children}
      {onRetry ? (
        <button type="button" className="rk-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
