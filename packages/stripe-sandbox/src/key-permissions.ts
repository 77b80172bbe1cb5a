/** Access a restricted key has to one resource. */
export type AccessLevel = 'none' | 'read' | 'write';

/**
 * Per-resource permissions of a restricted key (`rk_test_…`), as set in the
 * Dashboard's "Create restricted key" form. Write includes read.
 */
export interface KeyPermissions {
  /** Customers. Default `'none'`. */
  customers: AccessLevel;
  /** Events (read only, as in Stripe). Default `'none'`. */
  events: 'none' | 'read';
  /** Webhook endpoints. Default `'none'`. */
  webhookEndpoints: AccessLevel;
  /** Balance (read only, as in Stripe). Default `'none'`. */
  balance: 'none' | 'read';
  /** PaymentIntents. Default `'none'`. */
  paymentIntents: AccessLevel;
}

/** A resource a route needs access to. */
export type PermissionResource = keyof KeyPermissions;

/** What a secret key (`sk_test_…`) may do: everything. */
export const FULL_ACCESS: Readonly<KeyPermissions> = Object.freeze({
  customers: 'write',
  events: 'read',
  webhookEndpoints: 'write',
  balance: 'read',
  paymentIntents: 'write',
});

/** The access an OAuth `read_only` token grants. */
export const READ_ONLY_ACCESS: Readonly<KeyPermissions> = Object.freeze({
  customers: 'read',
  events: 'read',
  webhookEndpoints: 'read',
  balance: 'read',
  paymentIntents: 'read',
});

const RAK_NAMES: Record<PermissionResource, string> = {
  customers: 'customer',
  events: 'event',
  webhookEndpoints: 'webhook',
  balance: 'balance',
  paymentIntents: 'payment_intent',
};

/** Stripe's internal permission name, as its 403 message prints it (`rak_customer_write`). */
export function rakName(resource: PermissionResource, level: 'read' | 'write'): string {
  return `rak_${RAK_NAMES[resource]}_${level}`;
}

/** True when `permissions` allow `level` access to `resource` (write implies read). */
export function allows(
  permissions: KeyPermissions,
  resource: PermissionResource,
  level: 'read' | 'write',
): boolean {
  const granted = permissions[resource];
  return granted === 'write' || (granted === 'read' && level === 'read');
}

/** Fills unspecified permissions with `'none'` and checks the values. */
export function normalizePermissions(input: Partial<Record<string, unknown>> = {}): KeyPermissions {
  const level = (name: string, value: unknown, allowed: readonly string[]): string => {
    if (value === undefined) return 'none';
    if (typeof value !== 'string' || !allowed.includes(value)) {
      throw new TypeError(`Permission '${name}' must be one of ${allowed.join(', ')}.`);
    }
    return value;
  };
  for (const key of Object.keys(input)) {
    if (!(key in RAK_NAMES)) {
      throw new TypeError(
        `Unknown permission '${key}'. Known: ${Object.keys(RAK_NAMES).join(', ')}.`,
      );
    }
  }
  return {
    customers: level('customers', input.customers, ['none', 'read', 'write']) as AccessLevel,
    events: level('events', input.events, ['none', 'read']) as 'none' | 'read',
    webhookEndpoints: level('webhookEndpoints', input.webhookEndpoints, [
      'none',
      'read',
      'write',
    ]) as AccessLevel,
    balance: level('balance', input.balance, ['none', 'read']) as 'none' | 'read',
    paymentIntents: level('paymentIntents', input.paymentIntents, [
      'none',
      'read',
      'write',
    ]) as AccessLevel,
  };
}
