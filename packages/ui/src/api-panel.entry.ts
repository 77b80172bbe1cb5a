// `@referkit/ui/api-panel`: the API panel and its strings. A lazy part (see
// `stripe-sync-wizard.entry.ts`): the modal's API option loads it with import().

export { apiMessages } from './api-messages';
export { ApiPanel, type ApiPanelProps, exampleCurl } from './api-panel';
