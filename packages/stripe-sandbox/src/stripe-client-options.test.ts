import { describe, expect, it } from 'vitest';
import { stripeClientOptions } from './stripe-client-options';

describe('stripeClientOptions', () => {
  it('turns STRIPE_API_BASE into the SDK’s host, port and protocol', () => {
    expect(stripeClientOptions('http://127.0.0.1:12111')).toEqual({
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
    expect(stripeClientOptions('https://api.stripe.com')).toEqual({
      host: 'api.stripe.com',
      port: 443,
      protocol: 'https',
    });
    expect(stripeClientOptions('http://[::1]:8080/').host).toBe('::1');
    expect(() => stripeClientOptions('ftp://x')).toThrow(TypeError);
  });
});
