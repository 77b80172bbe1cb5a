// `@referkit/ui/connect-stripe-dialog`: the Connect Stripe dialog and its strings.
// A lazy part (see `stripe-sync-wizard.entry.ts`): the Sync option loads it with import().

export { connectMessages } from './connect-messages';
export { ConnectStripeDialog, type ConnectStripeDialogProps } from './connect-stripe-dialog';
