import { customAlphabet } from 'nanoid';
import { customAlphabet as fastAlphabet } from 'nanoid/non-secure';
import type { SeededRandom } from './seeded-random';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const secureBase62 = customAlphabet(BASE62);
const fastBase62 = fastAlphabet(BASE62);

/** Ids that are secrets get crypto randomness; the rest (one or two per request) a fast generator. */
const SECRET_KINDS = new Set<IdKind>([
  'webhookSecret',
  'authorizationCode',
  'refreshToken',
  'secretKey',
  'restrictedKey',
]);

/** Id prefixes Stripe uses, with the length of the random part it shows. */
export const ID_SHAPES = {
  customer: ['cus_', 14],
  event: ['evt_', 24],
  request: ['req_', 14],
  webhookEndpoint: ['we_', 24],
  webhookSecret: ['whsec_', 32],
  account: ['acct_1', 15],
  clientId: ['ca_', 32],
  authorizationCode: ['ac_', 32],
  refreshToken: ['rt_', 48],
  secretKey: ['sk_test_51', 60],
  restrictedKey: ['rk_test_51', 60],
  publishableKey: ['pk_test_51', 60],
  paymentIntent: ['pi_', 24],
  clientSecretSuffix: ['_secret_', 25],
} as const satisfies Record<string, readonly [string, number]>;

/** The kinds of id the sandbox mints. */
export type IdKind = keyof typeof ID_SHAPES;

/**
 * A new Stripe-shaped id (`cus_…`, `evt_…`, `sk_test_…`). With a
 * {@link SeededRandom} the id is deterministic; without one it is random.
 */
export function createStripeId(kind: IdKind, random?: SeededRandom): string {
  const [prefix, length] = ID_SHAPES[kind];
  if (random) return prefix + random.string(length, BASE62);
  return prefix + (SECRET_KINDS.has(kind) ? secureBase62(length) : fastBase62(length));
}

const upperHex = customAlphabet('0123456789ABCDEF', 8);

/** A customer `invoice_prefix` as Stripe generates it: eight uppercase hex digits. */
export function createInvoicePrefix(random?: SeededRandom): string {
  return random ? random.string(8, '0123456789ABCDEF') : upperHex();
}
