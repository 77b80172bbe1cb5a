import type { SyncConfigIssue } from '@referkit/core';
import { useReferkit } from '@referkit/react';
import { useMemo } from 'react';
import type { ReferkitMessageKey } from './default-messages';
import { modalMessages } from './modal-messages';

/** Values for a message's `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

/** A key of the strings the modal shows when it opens (always available to `useMessages`). */
export type ModalMessageKey = keyof typeof modalMessages;

/** Looks up a message by key and fills in its placeholders. */
export interface Translate<Key extends string = ReferkitMessageKey> {
  (key: Key, values?: MessageValues): string;
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
 * The kit's strings: the English defaults merged with the provider's
 * `messages` overrides, with `{brandName}` filled from the provider. Without
 * an argument it knows the strings the modal shows when it opens; pass a
 * table of further defaults for the rest — the wizard passes
 * `wizardMessages`, the CSV upload `uploadMessages` (each ships in its own
 * lazy chunk), and a host that wants any key passes `defaultMessages`.
 */
export function useMessages(): Translate<ModalMessageKey>;
export function useMessages<Key extends ReferkitMessageKey>(
  defaults: Record<Key, string>,
): Translate<ModalMessageKey | Key>;
export function useMessages(defaults?: Record<string, string>): Translate<string> {
  const { brandName, messages } = useReferkit();
  return useMemo(() => {
    const t = ((key: string, values?: MessageValues) =>
      formatMessage(
        messages[key] ?? defaults?.[key] ?? modalMessages[key as ModalMessageKey] ?? key,
        { brandName, ...values },
      )) as Translate<string>;
    t.issue = (issue) => {
      const override = messages[`issue.${issue.code}`];
      return override === undefined ? issue.message : formatMessage(override, { brandName });
    };
    return t;
  }, [brandName, messages, defaults]);
}
