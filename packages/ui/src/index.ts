export { AddManuallyForm, type AddManuallyFormProps } from './add-manually-form';
export { AddReferrersModal, type AddReferrersModalProps } from './add-referrers-modal';
export { ApiPanel, type ApiPanelProps, exampleCurl } from './api-panel';
export { type Choice, ChoiceGroup, type ChoiceGroupProps } from './choice-group';
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';
export { ConfirmStep, type ConfirmStepProps } from './confirm-step';
export { ConnectStripeDialog, type ConnectStripeDialogProps } from './connect-stripe-dialog';
export { CopyButton, type CopyButtonProps } from './copy-button';
export { CsvUpload, type CsvUploadProps } from './csv-upload';
export {
  defaultMessages,
  type ReferkitMessageKey,
  type ReferkitMessages,
} from './default-messages';
export { MapFieldsStep, type MapFieldsStepProps } from './map-fields-step';
export { MapReturnFieldsStep, type MapReturnFieldsStepProps } from './map-return-fields-step';
export { NameVersionStep, type NameVersionStepProps } from './name-version-step';
export {
  ADD_REFERRERS_OPTIONS,
  type AddReferrersOption,
  type ReferkitEvent,
  type ReferkitEventHandler,
} from './referkit-event';
export { type ReferkitTheme, ReferkitThemeContext } from './referkit-theme';
export { RunProgress, type RunProgressProps } from './run-progress';
export {
  type ObjectTypeOption,
  SelectObjectTypeStep,
  type SelectObjectTypeStepProps,
} from './select-object-type-step';
export type { HeadingLevel } from './step-header';
export type { StepViewProps } from './step-view-props';
export { Stepper, type StepperProps } from './stepper';
export { StripeSyncWizard, type StripeSyncWizardProps } from './stripe-sync-wizard';
export { SyncFromIntegration, type SyncFromIntegrationProps } from './sync-from-integration';
export { SyncManager, type SyncManagerProps } from './sync-manager';
export { type SyncCompletionAction, SyncProgress, type SyncProgressProps } from './sync-progress';
export { SyncRunDetail, type SyncRunDetailProps } from './sync-run-detail';
export { formatMessage, type MessageValues, type Translate, useMessages } from './use-messages';
