/** The steps of the Stripe sync wizard, in order. */
export const WIZARD_STEP_IDS = [
  'object_type',
  'map_fields',
  'map_return_fields',
  'name_version',
  'confirm',
] as const;
/** A wizard step id. */
export type WizardStepId = (typeof WIZARD_STEP_IDS)[number];

/** A wizard step as the stepper shows it. */
export interface WizardStepDefinition {
  id: WizardStepId;
  /** Default English title; the UI may override it through `messages`. */
  title: string;
}

/** The wizard's steps: Select Object Type → Map Fields → Map Return Fields → Name Version → Confirm. */
export const WIZARD_STEPS: readonly WizardStepDefinition[] = [
  { id: 'object_type', title: 'Select Object Type' },
  { id: 'map_fields', title: 'Map Fields' },
  { id: 'map_return_fields', title: 'Map Return Fields' },
  { id: 'name_version', title: 'Name Version' },
  { id: 'confirm', title: 'Confirm' },
];
