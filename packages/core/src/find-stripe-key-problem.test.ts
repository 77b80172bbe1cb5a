import { describe, expect, it } from 'vitest';
import { findStripeKeyProblem } from './find-stripe-key-problem';

describe('findStripeKeyProblem', () => {
  it('names a publishable key, any other shape, and the other mode', () => {
    expect(findStripeKeyProblem('pk_test_51abc', 'test')).toMatchObject({
      code: 'stripe_key_invalid_format',
      message: expect.stringMatching(/^That is a publishable key\./),
    });
    expect(findStripeKeyProblem('hello', 'test')?.code).toBe('stripe_key_invalid_format');
    expect(findStripeKeyProblem(' sk_test_51abcdefghij ', 'live')).toMatchObject({
      code: 'stripe_key_mode_mismatch',
      message: expect.stringMatching(/^This is a test mode key, but Live Mode is selected\./),
    });
    expect(findStripeKeyProblem('rk_live_51abcdefghij', 'test')?.message).toMatch(
      /^This is a live mode key/,
    );
    expect(findStripeKeyProblem('sk_test_51abcdefghij', 'test')).toBeNull();
  });
});
