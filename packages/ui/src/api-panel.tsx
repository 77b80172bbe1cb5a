import { useApiKey, useCreateApiKey } from '@referkit/react';
import { useId, useState } from 'react';
import { apiMessages } from './api-messages';
import { ConfirmDialog } from './confirm-dialog';
import { CopyButton } from './copy-button';
import { ErrorAlert } from './error-alert';
import { useRootProps } from './referkit-theme';
import { ScrollRegion } from './scroll-region';
import { type HeadingLevel, StepHeader } from './step-header';
import { useMessages } from './use-messages';

/** Props of {@link ApiPanel}. */
export interface ApiPanelProps {
  /** The campaign the example request adds referrers to. */
  campaignId: string;
  /** Level of the panel's heading. Default: `2`. */
  headingLevel?: HeadingLevel | undefined;
  className?: string | undefined;
}

/** The example request: `curl` with the endpoint, the key and a JSON body. */
export function exampleCurl(endpoint: string, key: string): string {
  return [
    `curl -X POST '${endpoint}' \\`,
    `  -H 'Authorization: Bearer ${key}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"firstName":"Jane","email":"jane@example.com"}'`,
  ].join('\n');
}

/**
 * The API option: the endpoint referrers are created at, the account's API
 * key (create, or rotate after a confirm; the whole key is shown once, right
 * after it is made) with copy buttons, and a copyable example `curl` request.
 */
export function ApiPanel({ campaignId, headingLevel = 2, className }: ApiPanelProps) {
  const t = useMessages(apiMessages);
  const root = useRootProps(undefined, 'rk-panel', className);
  const id = useId();
  const SubHeading = `h${Math.min(headingLevel + 1, 6)}` as 'h3';
  const query = useApiKey();
  const create = useCreateApiKey();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmingRotate, setConfirmingRotate] = useState(false);

  const endpoint = (query.data?.endpoint ?? '').replace(
    '{campaignId}',
    encodeURIComponent(campaignId),
  );
  const apiKey = query.data?.apiKey ?? null;
  const createKey = () => create.mutate(undefined, { onSuccess: (data) => setSecret(data.secret) });
  const example = exampleCurl(endpoint, secret ?? t('api.keyPlaceholder'));

  return (
    <section aria-labelledby={id} {...root} data-slot="api-panel">
      <StepHeader
        id={id}
        level={headingLevel}
        title={t('api.title')}
        description={t('api.description')}
      />
      {query.error ? (
        <ErrorAlert onRetry={() => void query.refetch()}>
          <p>{t('api.loadError', { message: query.error.message })}</p>
        </ErrorAlert>
      ) : query.isPending ? (
        <p className="rk-loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <div className="rk-api-block" data-slot="endpoint">
            <SubHeading className="rk-subheading" id={`${id}-endpoint`}>
              {t('api.endpoint')}
            </SubHeading>
            <div className="rk-copy-row">
              <code className="rk-code-inline">POST {endpoint}</code>
              <CopyButton text={endpoint} label={t('api.copyEndpoint')} />
            </div>
          </div>
          <div className="rk-api-block" data-slot="api-key">
            <SubHeading className="rk-subheading">{t('api.key')}</SubHeading>
            {secret ? (
              <div className="rk-alert" data-variant="success">
                <p>{t('api.secretOnce')}</p>
                <div className="rk-copy-row">
                  <code className="rk-code-inline" data-slot="api-secret">
                    {secret}
                  </code>
                  <CopyButton text={secret} label={t('api.copyKey')} />
                </div>
              </div>
            ) : apiKey ? (
              <p>
                {t('api.keySummary', {
                  prefix: apiKey.prefix,
                  created: new Date(apiKey.createdAt).toLocaleDateString(),
                })}
              </p>
            ) : (
              <p className="rk-muted">{t('api.noKey')}</p>
            )}
            <div className="rk-actions" data-align="start">
              <button
                type="button"
                className="rk-button"
                data-variant={apiKey ? undefined : 'primary'}
                disabled={create.isPending}
                onClick={() => (apiKey ? setConfirmingRotate(true) : createKey())}
              >
                {create.isPending
                  ? t('api.creating')
                  : apiKey
                    ? t('api.rotateKey')
                    : t('api.createKey')}
              </button>
            </div>
            {create.error ? (
              <p className="rk-field-error" role="alert">
                {t('api.createError', { message: create.error.message })}
              </p>
            ) : null}
          </div>
          <div className="rk-api-block" data-slot="example">
            <SubHeading className="rk-subheading" id={`${id}-example`}>
              {t('api.example')}
            </SubHeading>
            <ScrollRegion labelledBy={`${id}-example`} className="rk-code">
              <pre>
                <code>{example}</code>
              </pre>
            </ScrollRegion>
            <CopyButton text={example} label={t('api.copyExample')} />
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirmingRotate}
        onOpenChange={setConfirmingRotate}
        title={t('api.rotate.title')}
        description={t('api.rotate.description')}
        confirmLabel={t('api.rotate.confirm')}
        cancelLabel={t('common.cancel')}
        onConfirm={createKey}
      />
    </section>
  );
}
