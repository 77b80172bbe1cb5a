// `@referkit/ui/stripe-sync-wizard`: the sync wizard, its steps and its strings.
// A lazy part: the modal loads this module with import() when the wizard opens,
// and nothing in `index.ts` imports it, so a host's bundler keeps it a chunk of its own.
export { ConfirmStep, type ConfirmStepProps } from './confirm-step';
export { MapFieldsStep, type MapFieldsStepProps } from './map-fields-step';
export { MapReturnFieldsStep, type MapReturnFieldsStepProps } from './map-return-fields-step';
export { NameVersionStep, type NameVersionStepProps } from './name-version-step';
export {
  type ObjectTypeOption,
  SelectObjectTypeStep,
  type SelectObjectTypeStepProps,
} from './select-object-type-step';
export { Stepper, type StepperProps } from './stepper';
export { StripeSyncWizard, type StripeSyncWizardProps } from './stripe-sync-wizard';
export { SyncProgress, type SyncProgressProps } from './sync-progress';
export { wizardMessages } from './wizard-messages';
