// `@referkit/ui/default-messages`: every string of the kit in one table. It
// imports every part's strings, so `index.ts` never imports this module (see
// `stripe-sync-wizard.entry.ts`).
export {
  defaultMessages,
  type ReferkitMessageKey,
  type ReferkitMessages,
} from './default-messages';
