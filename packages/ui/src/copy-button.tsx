import { useEffect, useState } from 'react';
import { useMessages } from './use-messages';

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  /** What goes on the clipboard. */
  text: string;
  /** The button's accessible name, e.g. "Copy API key". */
  label: string;
}

/**
 * Copies `text` to the clipboard and announces "Copied" in a polite live
 * region; says how to copy by hand when the clipboard is unavailable.
 */
export function CopyButton({ text, label }: CopyButtonProps) {
  const t = useMessages();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className="rk-copy" data-slot="copy">
      <button
        type="button"
        className="rk-button"
        data-size="sm"
        aria-label={label}
        onClick={() => void copy()}
      >
        {t('common.copy')}
      </button>
      <span role="status" className={state === 'failed' ? 'rk-field-error' : 'rk-copy-status'}>
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
