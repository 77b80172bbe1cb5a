import { createHmac } from 'node:crypto';

/**
 * The `Stripe-Signature` header for a payload, exactly as Stripe signs:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`, which
 * `stripe.webhooks.constructEvent(payload, header, secret)` accepts.
 */
export function signWebhookPayload(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret)
    .update(`${timestamp}.${payload}`, 'utf8')
    .digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
