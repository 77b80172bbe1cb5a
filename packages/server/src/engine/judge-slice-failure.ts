import { StripeCallError } from '../stripe/call-stripe';
import { connectionProblem } from '../stripe/verify-stripe-key';
import { LeaseLostError } from './process-record-batch';
import { RunStoppingError } from './write-back-pipeline';

/** What a slice's error means for its run. */
export type SliceFailure =
  /** Another worker holds the run now: leave it to them. */
  | { outcome: 'skipped' }
  /** Stripe refused the account's key: the connection needs the tenant, the run fails. */
  | { outcome: 'reconnect'; problem: string }
  /** The run fails with `reason` (its job has no attempt left). */
  | { outcome: 'failed'; reason: string }
  /** The job tries again, the run's note saying why. */
  | { outcome: 'retry'; reason: string };

/** Judges a slice's error: a lost lease, a broken connection, or Stripe or the server failing. */
export function judgeSliceFailure(
  error: Error,
  leaseLost: boolean,
  connected: boolean,
  isLastAttempt: boolean,
): SliceFailure {
  if (error instanceof LeaseLostError || leaseLost) return { outcome: 'skipped' };
  const failure =
    error instanceof RunStoppingError || error instanceof StripeCallError ? error.failure : null;
  const problem = failure ? connectionProblem(failure) : null;
  if (problem && connected) return { outcome: 'reconnect', problem };
  const reason = failure
    ? `Stripe kept failing: ${failure.message}`
    : 'The sync stopped on an unexpected error.';
  return isLastAttempt ? { outcome: 'failed', reason } : { outcome: 'retry', reason };
}
