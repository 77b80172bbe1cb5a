/** The English strings of Add Manually (`AddManuallyForm`), which ship in its lazy chunk. */
export const manualMessages = {
  'manual.title': 'Add Manually',
  'manual.description': 'Add one referrer. They get a referral link at once.',
  'manual.firstName': 'First Name',
  'manual.email': 'Email',
  'manual.submit': 'Add Referrer',
  'manual.submitting': 'Adding…',
  'manual.success': '{name} was added. Referral link: {link}',
  'manual.error': "Couldn't add the referrer: {message}",
};
