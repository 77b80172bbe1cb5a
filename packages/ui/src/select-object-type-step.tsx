import type { ApiResponse, ObjectType } from '@referkit/core';
import { useId } from 'react';
import { ChoiceGroup } from './choice-group';
import { useRootProps } from './referkit-theme';
import { StepHeader } from './step-header';
import type { StepViewProps } from './step-view-props';
import { useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

/** An object type as the server lists it. */
export type ObjectTypeOption = ApiResponse<'listObjectTypes'>['objectTypes'][number];

/** Props of {@link SelectObjectTypeStep}. */
export interface SelectObjectTypeStepProps extends StepViewProps {
  /** The object types the connected account offers (`useObjectTypes()`). */
  objectTypes: readonly ObjectTypeOption[];
}

/** Step 1: which Stripe records become referrers, as a radio group. */
export function SelectObjectTypeStep({
  wizard,
  objectTypes,
  headingRef,
  headingLevel,
  className,
}: SelectObjectTypeStepProps) {
  const t = useMessages(wizardMessages);
  const root = useRootProps(undefined, 'rk-step', className);
  const id = useId();
  return (
    <section aria-labelledby={id} {...root} data-slot="step" data-step="object_type">
      <StepHeader
        id={id}
        title={t('objectType.title')}
        description={t('objectType.description')}
        headingRef={headingRef}
        level={headingLevel}
      />
      {objectTypes.length === 0 ? (
        <p className="rk-empty">{t('objectType.empty')}</p>
      ) : (
        <ChoiceGroup<ObjectType>
          legend={t('objectType.legend')}
          choices={objectTypes.map((type) => ({
            value: type.id,
            label: type.label,
            description: type.description,
          }))}
          value={wizard.config.objectType}
          onValueChange={wizard.setObjectType}
        />
      )}
    </section>
  );
}
