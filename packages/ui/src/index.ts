// `@referkit/ui`: what a page needs to render the Add Referrers modal. The lazy
// parts — the wizard, the CSV upload, the Connect Stripe dialog, the API panel,
// the sync manager —
// are NOT exported here (only their prop types are): each has its own entry
// (`*.entry.ts`, the package subpaths `@referkit/ui/<part>`), which the modal
// loads with import(). A static export here would pull the part into every
// host's first load. See "Lazy parts" in the README.
export type { AddManuallyFormProps } from './add-manually-form';
export { AddReferrersModal, type AddReferrersModalProps } from './add-referrers-modal';
export type { ApiPanelProps } from './api-panel';
export { type Choice, ChoiceGroup, type ChoiceGroupProps } from './choice-group';
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';
export type { ConfirmStepProps } from './confirm-step';
export type { ConnectStripeDialogProps } from './connect-stripe-dialog';
export { CopyButton, type CopyButtonProps } from './copy-button';
export type { CsvUploadProps } from './csv-upload';
export type { ReferkitMessageKey, ReferkitMessages } from './default-messages';
export type { MapFieldsStepProps } from './map-fields-step';
export type { MapReturnFieldsStepProps } from './map-return-fields-step';
export { modalMessages } from './modal-messages';
export type { NameVersionStepProps } from './name-version-step';
export {
  ADD_REFERRERS_OPTIONS,
  type AddReferrersOption,
  type ReferkitEvent,
  type ReferkitEventHandler,
} from './referkit-event';
export { type ReferkitTheme, ReferkitThemeContext } from './referkit-theme';
export type { RunProgressProps } from './run-progress';
export type { ObjectTypeOption, SelectObjectTypeStepProps } from './select-object-type-step';
export type { HeadingLevel } from './step-header';
export type { StepViewProps } from './step-view-props';
export type { StepperProps } from './stepper';
export type { StripeSyncWizardProps } from './stripe-sync-wizard';
export type { IntegrationListOptions, SyncFromIntegrationProps } from './sync-from-integration';
export type { SyncManagerProps } from './sync-manager';
export type { SyncCompletionAction, SyncProgressProps } from './sync-progress';
export type { SyncRunDetailProps } from './sync-run-detail';
export {
  formatMessage,
  type MessageValues,
  type ModalMessageKey,
  type Translate,
  useMessages,
} from './use-messages';
