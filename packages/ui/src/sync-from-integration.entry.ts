// `@referkit/ui/sync-from-integration`: the Sync option's list of integrations.
// A lazy part (see `stripe-sync-wizard.entry.ts`): the modal's Sync option loads
// it with import().
export { SyncFromIntegration, type SyncFromIntegrationProps } from './sync-from-integration';
export { syncMessages } from './sync-messages';
