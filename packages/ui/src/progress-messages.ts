/**
 * The English strings of a run's progress (the two phases, the time left):
 * shared by the wizard's progress view and the sync manager, and shipped in
 * each of their lazy chunks; {@link RunProgress} looks them up with
 * `useMessages(progressMessages)`.
 */
export const progressMessages = {
  'runProgress.reading': 'Referrers created',
  'runProgress.readingValue': '{done} of {total} customers read',
  'runProgress.readingUnknown': '{done} customers read so far',
  'runProgress.writing': 'Links written back to Stripe',
  'runProgress.writingValue': '{done} of {total} written back',
  'runProgress.writingNone': 'Nothing to write back yet',
  'runProgress.eta': '≈ {time} left, {rate} updates/s',
  'runProgress.etaNoRate': '≈ {time} left',
  'runProgress.seconds': '{count} s',
  'runProgress.minutes': '{count} min',
  'runProgress.hours': '{hours} h {minutes} min',
  'runProgress.finishing': 'Finishing…',
} as const;
