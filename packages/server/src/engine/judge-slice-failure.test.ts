import { describe, expect, it } from 'vitest';
import { StripeCallError } from '../stripe/call-stripe';
import type { StripeFailure } from '../stripe/stripe-errors';
import { judgeSliceFailure } from './judge-slice-failure';
import { LeaseLostError } from './process-record-batch';
import { RunStoppingError } from './write-back-pipeline';

function failure(kind: StripeFailure['kind'], message: string): StripeFailure {
  return { kind, status: null, code: null, message, retryAfterSeconds: null };
}

describe('judgeSliceFailure', () => {
  it('leaves a run whose lease is lost to the worker that holds it', () => {
    expect(judgeSliceFailure(new LeaseLostError('run_1'), false, true, true)).toEqual({
      outcome: 'skipped',
    });
    expect(judgeSliceFailure(new Error('boom'), true, true, true)).toEqual({ outcome: 'skipped' });
  });

  it('asks for a reconnect when Stripe refuses the key or a permission', () => {
    const revoked = new StripeCallError(failure('unauthorized', 'Invalid API Key'), null);
    expect(judgeSliceFailure(revoked, false, true, false)).toEqual({
      outcome: 'reconnect',
      problem: expect.stringContaining('Stripe rejected the saved key'),
    });
    const forbidden = new RunStoppingError(
      failure('forbidden', 'This key lacks rak_customer_write.'),
    );
    expect(judgeSliceFailure(forbidden, false, true, false)).toEqual({
      outcome: 'reconnect',
      problem: expect.stringContaining('(rak_customer_write)'),
    });
  });

  it('retries a failing Stripe or an unexpected error until the last attempt fails the run', () => {
    const unavailable = new StripeCallError(failure('transient', 'Stripe is down'), null);
    expect(judgeSliceFailure(unavailable, false, true, false)).toEqual({
      outcome: 'retry',
      reason: 'Stripe kept failing: Stripe is down',
    });
    expect(judgeSliceFailure(unavailable, false, true, true)).toEqual({
      outcome: 'failed',
      reason: 'Stripe kept failing: Stripe is down',
    });
    expect(judgeSliceFailure(new Error('boom'), false, false, true)).toEqual({
      outcome: 'failed',
      reason: 'The sync stopped on an unexpected error.',
    });
  });

  it('without a connection, a refused key fails like any Stripe failure', () => {
    const revoked = new StripeCallError(failure('unauthorized', 'Invalid API Key'), null);
    expect(judgeSliceFailure(revoked, false, false, false)).toEqual({
      outcome: 'retry',
      reason: 'Stripe kept failing: Invalid API Key',
    });
  });
});
