import type { ReferrerSource } from '@referkit/core';

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** "Mar 4, 2026, 2:05 PM". */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "Mar 4, 2026". */
export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

/** How a referrer joined, as a person would say it. */
export const SOURCE_LABELS: Record<ReferrerSource, string> = {
  sync: 'Stripe sync',
  upload: 'CSV upload',
  manual: 'Added manually',
  api: 'API',
};

/** "1 referrer", "312 referrers". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
