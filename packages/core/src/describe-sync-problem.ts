import type { SyncProblemCode } from './api-syncs';
import type { ReasonInWords } from './describe-skip-reason';

/**
 * Why a sync is failing, in words with what to do, from its `statusCode`
 * (`SYNC_PROBLEM_CODES`). The sync's `statusReason` carries the particulars
 * (Stripe's own message); this is the headline and the next step.
 */
export function describeSyncProblem(code: SyncProblemCode): ReasonInWords {
  switch (code) {
    case 'stripe_not_connected':
      return {
        summary: 'Stripe is not connected.',
        fix: 'Connect Stripe again, then run the sync.',
      };
    case 'stripe_connection_error':
      return {
        summary: 'Stripe refuses the saved key, or the key lost a permission the sync needs.',
        fix: 'Change the key: connect Stripe with a current key that can read and write customers and read events, then run the sync.',
      };
    case 'run_failed':
      return {
        summary: 'The last run failed.',
        fix: 'Run the sync again. If it fails again, the reason says what went wrong.',
      };
    case 'links_removal_failed':
      return {
        summary: 'Removing the links from Stripe stopped before it finished.',
        fix: 'Delete the sync again to retry removing its links, or delete it and keep the links in Stripe.',
      };
  }
}
