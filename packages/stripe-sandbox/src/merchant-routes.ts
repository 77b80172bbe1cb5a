import { z } from 'zod';
import type { ApiRoute } from './api-route';
import { asciiJson } from './ascii-json';
import { metadataParam } from './metadata';
import { MAX_PAYMENT_INTENTS } from './stripe-account';
import { invalidRequest, resourceMissing } from './stripe-error';
import { createStripeId } from './stripe-id';
import { expandParam, parseParams, stripeInteger, stripeString } from './stripe-params';

const retrieveParams = z.strictObject({ expand: expandParam.optional() });

const paymentIntentCreateParams = z.strictObject({
  amount: stripeInteger({ min: 1, max: 99_999_999 }),
  currency: stripeString(3),
  customer: stripeString(255).optional(),
  description: stripeString(1000).optional(),
  metadata: metadataParam.optional(),
  expand: expandParam.optional(),
});

function rejectExpand(expand: readonly string[] | undefined): void {
  const first = expand?.[0];
  if (first !== undefined) {
    throw invalidRequest(`This property cannot be expanded (${first}).`, { param: 'expand[0]' });
  }
}

/**
 * Minimal stand-ins for the endpoints a merchant's own app calls beside
 * Referkit's sync — `GET /v1/balance`, `POST /v1/payment_intents`,
 * `GET /v1/payment_intents/:id` — so that traffic can share the account's
 * rate limits (`startMerchantTraffic`). Each is its own operation for the
 * endpoint limits (docs.stripe.com/rate-limits). The balance is always
 * zero; PaymentIntents are created in `requires_payment_method` and never
 * move on; no events are recorded for them.
 */
export const merchantRoutes: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/balance',
    permission: ['balance', 'read'],
    handle(request) {
      rejectExpand(parseParams(retrieveParams, request.params).expand);
      const livemode = request.account.livemode;
      const amount = [{ amount: 0, currency: 'usd', source_types: { card: 0 } }];
      return {
        json: JSON.stringify({ object: 'balance', available: amount, livemode, pending: amount }),
      };
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents',
    permission: ['paymentIntents', 'write'],
    handle(request) {
      const params = parseParams(paymentIntentCreateParams, request.params);
      rejectExpand(params.expand);
      if (!/^[a-z]{3}$/i.test(params.currency)) {
        throw invalidRequest(`Invalid currency: ${params.currency}.`, { param: 'currency' });
      }
      const id = createStripeId('paymentIntent');
      const metadata = typeof params.metadata === 'object' ? params.metadata : {};
      const json = asciiJson({
        id,
        object: 'payment_intent',
        amount: params.amount,
        amount_received: 0,
        capture_method: 'automatic',
        client_secret: `${id}${createStripeId('clientSecretSuffix')}`,
        confirmation_method: 'automatic',
        created: request.state.clock.now(),
        currency: params.currency.toLowerCase(),
        customer: params.customer ?? null,
        description: params.description ?? null,
        livemode: request.account.livemode,
        metadata,
        payment_method: null,
        payment_method_types: ['card'],
        status: 'requires_payment_method',
      });
      const store = request.account.paymentIntents;
      store.set(id, json);
      if (store.size > MAX_PAYMENT_INTENTS) {
        const oldest = store.keys().next().value;
        if (oldest !== undefined) store.delete(oldest);
      }
      return { json };
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents/:id',
    permission: ['paymentIntents', 'read'],
    handle(request) {
      rejectExpand(parseParams(retrieveParams, request.params).expand);
      const id = request.routeParams.id ?? '';
      const json = request.account.paymentIntents.get(id);
      if (json === undefined) throw resourceMissing('payment_intent', id, 'intent');
      return { json };
    },
  },
];
