import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { useRootProps } from './referkit-theme';
import { useReturnFocus } from './use-return-focus';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  onConfirm: () => void;
  /** More content between the description and the buttons (e.g. an option). Default: none. */
  children?: ReactNode;
  /** Draws the confirm button as destructive. Default: `true`. */
  destructive?: boolean | undefined;
  /** Added last to the dialog's classes. */
  className?: string | undefined;
}

/**
 * An accessible "are you sure?" dialog (Radix Dialog with the `alertdialog`
 * role): focus starts on the safe choice, Escape cancels.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  children,
  destructive = true,
  className,
}: ConfirmDialogProps) {
  const overlay = useRootProps(undefined, 'rk-overlay');
  const content = useRootProps(undefined, 'rk-dialog', className);
  const returnFocus = useReturnFocus();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay {...overlay} data-slot="overlay" />
        <Dialog.Content
          {...content}
          {...returnFocus}
          role="alertdialog"
          data-size="sm"
          data-slot="confirm-dialog"
        >
          <Dialog.Title className="rk-dialog-title">{title}</Dialog.Title>
          <Dialog.Description className="rk-dialog-description">{description}</Dialog.Description>
          {children}
          <div className="rk-actions">
            <Dialog.Close asChild>
              <button type="button" className="rk-button">
                {cancelLabel}
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="rk-button"
              data-variant={destructive ? 'danger' : 'primary'}
              onClick={() => {
                onOpenChange(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
