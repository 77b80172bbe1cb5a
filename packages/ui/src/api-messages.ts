/**
 * The English strings of the API panel. They load with its lazy chunk; it
 * looks them up with `useMessages(apiMessages)`.
 */
export const apiMessages = {
  'api.title': 'Add referrers with the API',
  'api.description': 'Create referrers from your own systems with one HTTP request each.',
  'api.endpoint': 'Endpoint',
  'api.key': 'API key',
  'api.noKey': 'No API key yet.',
  'api.keySummary': 'Key starting {prefix}, created {created}.',
  'api.createKey': 'Create API key',
  'api.rotateKey': 'Rotate key',
  'api.creating': 'Creating…',
  'api.secretOnce': 'Copy this key now: it is shown only once.',
  'api.rotate.title': 'Rotate the API key?',
  'api.rotate.description':
    'The current key stops working at once. Anything that uses it will need the new key.',
  'api.rotate.confirm': 'Rotate key',
  'api.example': 'Example request',
  'api.copyEndpoint': 'Copy endpoint',
  'api.copyKey': 'Copy API key',
  'api.copyExample': 'Copy example request',
  'api.keyPlaceholder': 'YOUR_API_KEY',
  'api.loadError': "Couldn't load the API key: {message}",
  'api.createError': "Couldn't create the API key: {message}",
};
