import { useState } from 'react';
import { useDemoConfig } from './demo-config';

const DISMISSED_KEY = 'acme-demo-hint-dismissed';

/**
 * A dismissible banner with the key that completes the connect dialog: the
 * sandbox's test key, or a reminder to use a Stripe test key.
 */
export function DemoHint() {
  const config = useDemoConfig();
  const [dismissed, setDismissed] = useState(
    () => window.sessionStorage.getItem(DISMISSED_KEY) === 'true',
  );
  const [copied, setCopied] = useState(false);
  if (dismissed || !config.data) return null;
  const { backend, testKey } = config.data.stripe;

  const copy = async () => {
    if (!testKey) return;
    await navigator.clipboard.writeText(testKey).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <section className="demo-hint" aria-label="Demo hint">
      <p>
        <strong>Demo hint:</strong>{' '}
        {backend === 'sandbox' && testKey ? (
          <>
            Stripe here is a local sandbox with a few hundred sample customers. Connect it in Test
            Mode with the key <code className="demo-key">{testKey}</code>
          </>
        ) : (
          <>This demo talks to real Stripe: connect it in Test Mode with your own test key.</>
        )}
      </p>
      <div className="demo-hint-actions">
        {testKey ? (
          <button type="button" className="demo-button demo-button-small" onClick={copy}>
            {copied ? 'Copied' : 'Copy key'}
          </button>
        ) : null}
        <button
          type="button"
          className="demo-button demo-button-small demo-button-quiet"
          onClick={() => {
            window.sessionStorage.setItem(DISMISSED_KEY, 'true');
            setDismissed(true);
          }}
        >
          Dismiss hint
        </button>
      </div>
      <span className="demo-visually-hidden" role="status">
        {copied ? 'Key copied to the clipboard.' : ''}
      </span>
    </section>
  );
}
