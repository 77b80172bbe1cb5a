/**
 * The words of the API's errors that the server and the mock API both answer
 * with: one table, so a story or a host prototype built on the mock shows the
 * message the product shows. Each entry is the `message` of an error body
 * (`{ error: { code, message } }`); the code travels beside it.
 */
export const API_ERROR_MESSAGES = {
  /** `invalid_request`: a JSON body that does not parse. */
  bodyNotJson: 'The body is not valid JSON.',
  /** `not_found`: no route at this path. */
  nothingServedAt: (path: string) => `Nothing is served at ${path}.`,
  /** `not_found`: a named thing (`Sync "sync_1"`) that does not exist for this account. */
  notFound: (what: string) => `${what} was not found.`,
  /** `unauthorized`: a Referkit API key that is not (or no longer) valid. */
  apiKeyInvalid:
    'This API key is not valid: it may have been rotated. Use the current key from the API panel.',
  /** `integration_not_connected`: a Stripe call before Stripe is connected. */
  stripeNotConnected: 'Stripe is not connected yet. Connect Stripe first.',
  /** `stripe_key_rejected`: Stripe answered 401 to the key. */
  stripeKeyRejected:
    'Stripe rejected this key: it may have been revoked, rolled or mistyped. Copy a current key from the Stripe Dashboard (Developers → API keys).',
  /** `stripe_oauth_not_configured`: Connect with Stripe without OAuth settings. */
  oauthNotConfigured: 'Connect with Stripe is not set up on this server: paste a key instead.',
  /** `conflict`: pausing or resuming a one-time sync. */
  pauseNotOngoing: 'Only an ongoing sync can be paused or resumed.',
  /** The `paused` field's own words for {@link API_ERROR_MESSAGES.pauseNotOngoing}. */
  pauseNotOngoingField: 'Only an ongoing sync can be paused.',
  /** `sync_running`: Run now while a run is queued or running. */
  syncAlreadyRunning: 'This sync is already running. Wait for it to finish or cancel it first.',
  /** `idempotency_key_reused`: the same key with another request. */
  idempotencyKeyReused:
    'This Idempotency-Key was already used for a different request. Use a new key for each new action.',
  /** `payload_too_large`: a CSV preview sent more than the file's start. */
  csvPreviewTooLarge: (limit: string) =>
    `A preview reads only the file's first ${limit}: send that part of the file, and import the whole file.`,
  /** A failed outcome's message when Stripe refuses a write-back, with Stripe's own words. */
  writeBackRefused: (stripeMessage: string) => `Stripe refused the write-back: ${stripeMessage}`,
} as const;
