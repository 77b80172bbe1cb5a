import { stripeClientOptions } from '@referkit/stripe-sandbox';
import Stripe from 'stripe';

/** The official `stripe` SDK pointed at the demo's sandbox, to check and change customers. */
export function sandboxStripe(apiBase: string, secretKey: string): Stripe {
  return new Stripe(secretKey, { ...stripeClientOptions(apiBase), maxNetworkRetries: 3 });
}

/** Every customer of the account, newest first. */
export async function listAllCustomers(stripe: Stripe): Promise<Stripe.Customer[]> {
  const customers: Stripe.Customer[] = [];
  for await (const customer of stripe.customers.list({ limit: 100 })) customers.push(customer);
  return customers;
}
