// `@referkit/ui/add-manually-form`: the Add Manually form. A lazy part (see
// `stripe-sync-wizard.entry.ts`): the modal's Add Manually option loads it with
// import(), so react-hook-form and its zod resolver stay out of the first load.
export { AddManuallyForm, type AddManuallyFormProps } from './add-manually-form';
export { manualMessages } from './manual-messages';
