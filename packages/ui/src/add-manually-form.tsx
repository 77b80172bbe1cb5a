import { zodResolver } from '@hookform/resolvers/zod';
import { type Referrer, type ReferrerInputBody, referrerInputSchema } from '@referkit/core';
import { isReferkitApiError, useCreateReferrer } from '@referkit/react';
import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorAlert } from './error-alert';
import { manualMessages } from './manual-messages';
import { useRootProps } from './referkit-theme';
import { type HeadingLevel, StepHeader } from './step-header';
import { useMessages } from './use-messages';

/** Props of {@link AddManuallyForm}. */
export interface AddManuallyFormProps {
  /** The campaign the referrer joins. */
  campaignId: string;
  /** Called with the referrer the server created. */
  onCreated?: ((referrer: Referrer) => void) | undefined;
  /** Called when the form starts or stops holding typed values (to guard closing). Default: none. */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
  /** Level of the form's heading. Default: `2`. */
  headingLevel?: HeadingLevel | undefined;
  className?: string | undefined;
}

type FormValues = Pick<ReferrerInputBody, 'firstName' | 'email'>;
const FIELDS = ['firstName', 'email'] as const;

/**
 * Add Manually: First Name and Email, checked with core's
 * `referrerInputSchema` (react-hook-form + zod) so the rules are the sync's.
 * A duplicate email (the server's 409 `duplicate_email`) shows as the Email
 * field's error.
 */
export function AddManuallyForm({
  campaignId,
  onCreated,
  onDirtyChange,
  headingLevel = 2,
  className,
}: AddManuallyFormProps) {
  const t = useMessages(manualMessages);
  const root = useRootProps(undefined, 'rk-panel', className);
  const id = useId();
  const create = useCreateReferrer(campaignId);
  const [created, setCreated] = useState<Referrer | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(referrerInputSchema),
    defaultValues: { firstName: '', email: '' },
    mode: 'onTouched',
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => onDirtyChange?.(isDirty), [isDirty, onDirtyChange]);

  const submit = form.handleSubmit(async (values) => {
    setCreated(null);
    setFormError(null);
    try {
      const { referrer } = await create.mutateAsync(values);
      form.reset();
      setCreated(referrer);
      onCreated?.(referrer);
    } catch (error) {
      const fields = isReferkitApiError(error) ? (error.fields ?? {}) : {};
      const message = error instanceof Error ? error.message : String(error);
      if (isReferkitApiError(error, 'duplicate_email')) {
        form.setError(
          'email',
          { type: 'server', message: fields.email ?? message },
          { shouldFocus: true },
        );
        return;
      }
      const fieldErrors = FIELDS.filter((field) => fields[field]);
      for (const field of fieldErrors) {
        form.setError(field, { type: 'server', message: fields[field] }, { shouldFocus: true });
      }
      if (fieldErrors.length === 0) setFormError(t('manual.error', { message }));
    }
  });

  return (
    <section aria-labelledby={id} {...root} data-slot="add-manually">
      <StepHeader
        id={id}
        level={headingLevel}
        title={t('manual.title')}
        description={t('manual.description')}
      />
      <form className="rk-form" noValidate onSubmit={submit} aria-labelledby={id}>
        {FIELDS.map((field) => {
          const error = errors[field]?.message;
          return (
            <div key={field} className="rk-field">
              <label className="rk-label" htmlFor={`${id}-${field}`}>
                {t(field === 'email' ? 'manual.email' : 'manual.firstName')}
              </label>
              <input
                id={`${id}-${field}`}
                className="rk-input"
                type={field === 'email' ? 'email' : 'text'}
                autoComplete={field === 'email' ? 'email' : 'given-name'}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${field}-error` : undefined}
                {...form.register(field)}
              />
              {error ? (
                <p id={`${id}-${field}-error`} className="rk-field-error">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        {formError ? (
          <ErrorAlert>
            <p>{formError}</p>
          </ErrorAlert>
        ) : null}
        <div className="rk-actions">
          <button
            type="submit"
            className="rk-button"
            data-variant="primary"
            disabled={isSubmitting}
          >
            {isSubmitting ? t('manual.submitting') : t('manual.submit')}
          </button>
        </div>
        <div role="status" className="rk-status">
          {created ? (
            <p className="rk-alert" data-variant="success">
              {t('manual.success', { name: created.firstName, link: created.referralLink })}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
