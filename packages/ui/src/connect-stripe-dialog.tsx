import { zodResolver } from '@hookform/resolvers/zod';
import * as Dialog from '@radix-ui/react-dialog';
import {
  type ConnectStripeRequest,
  connectStripeRequestSchema,
  type Integration,
  parseStripeKey,
  type StripeMode,
} from '@referkit/core';
import { useConnectStripe, useStartStripeOAuth } from '@referkit/react';
import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { ChoiceGroup } from './choice-group';
import { connectMessages } from './connect-messages';
import { useRootProps } from './referkit-theme';
import { useMessages } from './use-messages';
import { useReturnFocus } from './use-return-focus';

/** Props of {@link ConnectStripeDialog}. */
export interface ConnectStripeDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Stripe as the server lists it; its `oauthAvailable` shows "Connect with Stripe". */
  integration?: Integration | undefined;
  /** Called with the connected integration once the server has accepted the key. */
  onConnected?: ((integration: Integration) => void) | undefined;
  /** Where "Connect with Stripe" sends the browser. Default: `window.location.assign(url)`. */
  onOAuthRedirect?: ((url: string) => void) | undefined;
  /** The mode selected first. Default: `'test'`. */
  defaultMode?: StripeMode | undefined;
  /**
   * A note under the description, e.g. which syncs stop when a key of another
   * account replaces the saved one (the sync manager's Change key). Default: none.
   */
  note?: string | undefined;
  /** Added last to the dialog's classes. */
  className?: string | undefined;
}

/**
 * Connect Stripe (Radix Dialog): Test Mode or Live Mode, a pasted secret or
 * restricted key with the permissions it needs spelled out, checked as you
 * type with core's `parseStripeKey`, and "Connect with Stripe" when the host
 * configured OAuth. The server's answer (a rejected key, missing permissions)
 * shows next to the key field.
 */
export function ConnectStripeDialog({
  open,
  onOpenChange,
  integration,
  onConnected,
  onOAuthRedirect = (url) => window.location.assign(url),
  defaultMode = 'test',
  note,
  className,
}: ConnectStripeDialogProps) {
  const t = useMessages(connectMessages);
  const id = useId();
  const overlay = useRootProps(undefined, 'rk-overlay');
  const content = useRootProps(undefined, 'rk-dialog', className);
  const returnFocus = useReturnFocus();
  const connect = useConnectStripe();
  const oauth = useStartStripeOAuth();

  const schema = useMemo(
    () =>
      connectStripeRequestSchema.superRefine((value, ctx) => {
        if (value.secretKey.trim() === '') return;
        const key = parseStripeKey(value.secretKey);
        if (!key) {
          ctx.addIssue({
            code: 'custom',
            path: ['secretKey'],
            message: t('connect.key.invalidFormat'),
          });
        } else if (key.mode !== value.mode) {
          ctx.addIssue({
            code: 'custom',
            path: ['secretKey'],
            message: t('connect.key.modeMismatch', {
              keyMode: t(`connect.mode.${key.mode}`),
              mode: t(`connect.mode.${value.mode}`),
            }),
          });
        }
      }),
    [t],
  );
  const form = useForm<ConnectStripeRequest>({
    resolver: zodResolver(schema),
    defaultValues: { mode: defaultMode, secretKey: '' },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;
  const mode = form.watch('mode');
  const keyError = errors.secretKey?.message;

  const submit = form.handleSubmit(async (values) => {
    try {
      const { integration: connected } = await connect.mutateAsync(values);
      form.reset({ mode: values.mode, secretKey: '' });
      onConnected?.(connected);
    } catch (error) {
      form.setError(
        'secretKey',
        { type: 'server', message: error instanceof Error ? error.message : String(error) },
        { shouldFocus: true },
      );
    }
  });

  const startOAuth = () =>
    oauth.mutate(
      { mode, returnUrl: window.location.href },
      { onSuccess: ({ url }) => onOAuthRedirect(url) },
    );

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay {...overlay} data-slot="overlay" />
        <Dialog.Content {...content} {...returnFocus} data-size="md" data-slot="connect-dialog">
          <Dialog.Title className="rk-dialog-title">{t('connect.title')}</Dialog.Title>
          <Dialog.Description className="rk-dialog-description">
            {t('connect.description')}
          </Dialog.Description>
          {note ? (
            <p className="rk-note" data-slot="connect-note">
              {note}
            </p>
          ) : null}
          <form className="rk-form" noValidate onSubmit={submit}>
            <ChoiceGroup<StripeMode>
              className="rk-choice-row"
              showLegend
              legend={t('connect.mode')}
              choices={[
                { value: 'test', label: t('connect.mode.test') },
                { value: 'live', label: t('connect.mode.live') },
              ]}
              value={mode}
              onValueChange={(next) =>
                form.setValue('mode', next, {
                  shouldValidate: form.getFieldState('secretKey').isTouched,
                })
              }
            />
            <div className="rk-field">
              <label className="rk-label" htmlFor={`${id}-key`}>
                {t('connect.key')}
              </label>
              <input
                id={`${id}-key`}
                className="rk-input rk-mono"
                type="password"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={keyError ? true : undefined}
                aria-describedby={`${id}-key-hint ${id}-permissions${keyError ? ` ${id}-key-error` : ''}`}
                {...form.register('secretKey')}
              />
              <p id={`${id}-key-hint`} className="rk-hint">
                {t('connect.key.hint', { mode })}
              </p>
              {keyError ? (
                <p id={`${id}-key-error`} className="rk-field-error" role="alert">
                  {keyError}
                </p>
              ) : null}
            </div>
            <div id={`${id}-permissions`} className="rk-note" data-slot="permissions">
              <p>{t('connect.permissions')}</p>
              <ul>
                <li>{t('connect.permission.customers')}</li>
                <li>{t('connect.permission.events')}</li>
              </ul>
            </div>
            <div className="rk-actions">
              <Dialog.Close asChild>
                <button type="button" className="rk-button">
                  {t('common.cancel')}
                </button>
              </Dialog.Close>
              <button
                type="submit"
                className="rk-button"
                data-variant="primary"
                disabled={isSubmitting}
              >
                {isSubmitting ? t('connect.submitting') : t('connect.submit')}
              </button>
            </div>
          </form>
          {integration?.oauthAvailable ? (
            <div className="rk-oauth" data-slot="oauth">
              <p className="rk-divider">
                <span>{t('connect.or')}</span>
              </p>
              <button
                type="button"
                className="rk-button"
                data-variant="stripe"
                onClick={startOAuth}
                disabled={oauth.isPending}
              >
                {t('connect.oauth')}
              </button>
              {oauth.error ? (
                <p className="rk-field-error" role="alert">
                  {t('connect.oauthError', { message: oauth.error.message })}
                </p>
              ) : null}
            </div>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
