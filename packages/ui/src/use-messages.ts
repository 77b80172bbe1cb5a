import type { SyncConfigIssue } from '@referkit/core';
import { useReferkit } from '@referkit/react';
import { useMemo } from 'react';
import { defaultMessages, type ReferkitMessageKey } from './default-messages';

/** Values for a message's `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

/** Looks up a message by key and fills in its placeholders. */
export interface Translate {
  (key: ReferkitMessageKey, values?: MessageValues): string;
  /**
   * A sync configuration issue in words: the override `issue.<code>` when the
   * host gave one, otherwise core's own sentence.
   */
  issue(issue: SyncConfigIssue): string;
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * The kit's strings: `defaultMessages` merged with the provider's `messages`
 * overrides, with `{brandName}` filled from the provider.
 */
export function useMessages(): Translate {
  const { brandName, messages } = useReferkit();
  return useMemo(() => {
    const t = ((key: ReferkitMessageKey, values?: MessageValues) =>
      formatMessage(messages[key] ?? defaultMessages[key], { brandName, ...values })) as Translate;
    t.issue = (issue) => {
      const override = messages[`issue.${issue.code}`];
      return override === undefined ? issue.message : formatMessage(override, { brandName });
    };
    return t;
  }, [brandName, messages]);
}
