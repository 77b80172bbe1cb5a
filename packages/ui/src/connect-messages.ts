/**
 * The English strings of the Connect Stripe dialog. They load with its lazy
 * chunk; it looks them up with `useMessages(connectMessages)`.
 */
export const connectMessages = {
  'connect.title': 'Connect Stripe',
  'connect.description':
    'Paste a secret key or a restricted key from your Stripe Dashboard (Developers → API keys).',
  'connect.mode': 'Mode',
  'connect.key': 'Secret or restricted key',
  'connect.key.hint': 'Starts with rk_{mode}_ (restricted) or sk_{mode}_ (secret).',
  'connect.permissions': 'A restricted key needs these permissions:',
  'connect.permission.customers': 'Customers: Write',
  'connect.permission.events': 'Events: Read',
  'connect.key.invalidFormat':
    "This isn't a Stripe secret (sk_) or restricted (rk_) key. Publishable keys (pk_) don't work.",
  'connect.key.modeMismatch': 'This is a {keyMode} key, but {mode} is selected.',
  'connect.submit': 'Connect',
  'connect.submitting': 'Connecting…',
  'connect.or': 'or',
  'connect.oauth': 'Connect with Stripe',
  'connect.oauthError': "Couldn't start Connect with Stripe: {message}",
};
