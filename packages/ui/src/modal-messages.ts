/**
 * The English strings of the Add Referrers modal's shell and of what several
 * parts share. The strings of the lazy parts — the Sync screen
 * (`syncMessages`), Add Manually (`manualMessages`), the wizard
 * (`wizardMessages`), the CSV upload (`uploadMessages`), the Connect Stripe
 * dialog (`connectMessages`) and the API panel (`apiMessages`) — ship in their
 * chunks; `defaultMessages` joins them all.
 */
export const modalMessages = {
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.loadFailed': "Couldn't load this part: {message}",
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.copyFailed': "Couldn't copy. Select the text and copy it yourself.",
  'common.required': 'required',
  'common.to': 'to',
  'common.and': 'and',
  'common.selected': 'selected',

  'modal.title': 'Add Referrers',
  'modal.description': 'Choose how to add referrers to this campaign.',
  'modal.options': 'How to add referrers',
  'modal.option.upload': 'Upload',
  'modal.option.upload.description': 'Import a CSV file',
  'modal.option.sync': 'Sync',
  'modal.option.sync.description': 'Pull contacts from an integration',
  'modal.option.manual': 'Add Manually',
  'modal.option.manual.description': 'Type in one referrer',
  'modal.option.api': 'API',
  'modal.option.api.description': 'Create referrers over HTTP',
  'modal.wizardTitle': 'Sync from Stripe',
  'modal.wizardDescription': 'Set up how your Stripe customers become referrers in this campaign.',

  'discard.title': 'Discard this sync setup?',
  'discard.description': 'The choices you made in the sync wizard will be lost.',
  'discard.manual.title': 'Discard this referrer?',
  'discard.manual.description': 'The name and email you typed will be lost.',
  'discard.upload.title': 'Discard this CSV import?',
  'discard.upload.description': 'The file and the column mapping you chose will be lost.',
  'discard.confirm': 'Discard',
  'discard.cancel': 'Keep editing',

  // Shared by the integration cards and the (lazy) connect dialog.
  'connect.mode.test': 'Test Mode',
  'connect.mode.live': 'Live Mode',
  // Shared by the wizard and the CSV upload (both lazy), so neither chunk needs the other.
  'field.firstName': 'First Name',
  'field.email': 'Email',
  'field.lastName': 'Last Name',
  'field.company': 'Company',
  'mapFields.target': '{brandName} field',
  'mapFields.requiredOption': '{label} (required)',
};
