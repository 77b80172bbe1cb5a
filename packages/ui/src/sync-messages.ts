/**
 * The English strings of the Sync option's list of integrations
 * (`SyncFromIntegration`), which ship in its lazy chunk.
 */
export const syncMessages = {
  'sync.title': 'Sync from Integration',
  'sync.description':
    'Pull contacts from a tool you already use. Each one becomes a referrer with its own referral link.',
  'sync.category.payment': 'Payment Integration',
  'sync.category.crm': 'CRM',
  'sync.category.email_marketing': 'Email Marketing',
  'sync.categoryEmpty': 'No integrations here yet.',
  'sync.status.not_connected': 'Not connected yet',
  'sync.status.connected': 'Connected: {account} ({mode})',
  'sync.status.error': 'Connection problem: {error}',
  'sync.comingSoon': 'Coming soon',
  'sync.loading': 'Loading integrations…',
  'sync.loadError': "Couldn't load integrations: {message}",
};
