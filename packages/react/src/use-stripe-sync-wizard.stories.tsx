import {
  INBOUND_TARGETS,
  type InboundTarget,
  NAME_VERSIONS,
  type NameVersion,
  type ObjectType,
  type Sync,
} from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useId, useRef } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { useStripeSyncWizard } from './use-stripe-sync-wizard';

/** A labelled `<select>` of `[value, text]` options. */
function Select(props: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <p>
      <label htmlFor={props.id}>{props.label}</label>{' '}
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  );
}

interface HostWizardProps {
  campaignId: string;
  onSyncStarted?: ((sync: Sync) => void) | undefined;
}

/**
 * A host's own sync wizard in plain HTML, built on `useStripeSyncWizard`
 * alone: a step list, one form control per step, Back / Continue and Start
 * sync. The hook loads the account, validates, and creates the sync.
 */
function HostWizard({ campaignId, onSyncStarted }: HostWizardProps) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const wizard = useStripeSyncWizard({
    campaignId,
    onSyncStarted,
    onStepChange: () => heading.current?.focus(),
  });

  if (wizard.startedSync) {
    return <p role="status">Sync {wizard.startedSync.id} started.</p>;
  }
  if (wizard.loadError) {
    return (
      <div role="alert">
        <p>Couldn't read Stripe: {wizard.loadError.message}</p>
        <button type="button" onClick={wizard.retry}>
          Try again
        </button>
      </div>
    );
  }
  if (wizard.loading) return <p role="status">Loading…</p>;

  const current = wizard.steps[wizard.stepIndex];
  return (
    <section aria-labelledby={`${id}-step`}>
      <nav aria-label="Steps">
        <ol>
          {wizard.steps.map((step, index) => (
            <li key={step.id} aria-current={index === wizard.stepIndex ? 'step' : undefined}>
              <button
                type="button"
                disabled={index > wizard.maxSelectableIndex}
                onClick={() => wizard.goTo(step.id)}
              >
                {step.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h2 id={`${id}-step`} ref={heading} tabIndex={-1}>
        {current?.title}
      </h2>

      {wizard.step === 'object_type' ? (
        <Select
          id={`${id}-object-type`}
          label="Object type"
          value={wizard.config.objectType}
          options={wizard.objectTypes.map((type) => [type.id, type.label])}
          onChange={(value) => wizard.setObjectType(value as ObjectType)}
        />
      ) : wizard.step === 'map_fields' ? (
        <ul>
          {wizard.fields.map((field) => (
            <li key={field.path}>
              <Select
                id={`${id}-${field.path}`}
                label={`${field.label} becomes`}
                value={
                  wizard.config.inbound.find((entry) => entry.source === field.path)?.target ?? ''
                }
                options={[
                  ['', 'Not mapped'],
                  ...INBOUND_TARGETS.map((target) => [target.id, target.label] as const),
                ]}
                onChange={(value) =>
                  wizard.setInboundTarget(field.path, (value || null) as InboundTarget | null)
                }
              />
            </li>
          ))}
        </ul>
      ) : wizard.step === 'map_return_fields' ? (
        <ul>
          {wizard.overview.returns.map((line) => (
            <li key={line.source}>
              {line.sourceLabel} → {line.destinationLabel}
            </li>
          ))}
        </ul>
      ) : wizard.step === 'name_version' ? (
        <Select
          id={`${id}-name-version`}
          label="Name version"
          value={wizard.config.nameVersion}
          options={NAME_VERSIONS.map((version) => [
            version.id,
            `${version.label}: ${version.description}`,
          ])}
          onChange={(value) => wizard.setNameVersion(value as NameVersion)}
        />
      ) : (
        <ul>
          {wizard.overview.inbound.map((line) => (
            <li key={line.source}>
              {line.sourceLabel} → {line.targetLabel}
            </li>
          ))}
          <li>Name version: {wizard.overview.nameVersion.label}</li>
        </ul>
      )}

      {wizard.blockers.length > 0 ? (
        <ul id={`${id}-blockers`} aria-label="To continue">
          {wizard.blockers.map((issue) => (
            <li key={`${issue.code}-${issue.path.join('.')}`}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
      {wizard.startError ? <p role="alert">{wizard.startError.message}</p> : null}

      {wizard.isFirstStep ? null : (
        <button type="button" onClick={wizard.back}>
          Back
        </button>
      )}
      {wizard.isLastStep ? (
        <button
          type="button"
          disabled={!wizard.canContinue || wizard.pending}
          aria-describedby={wizard.canContinue ? undefined : `${id}-blockers`}
          onClick={wizard.start}
        >
          {wizard.pending ? 'Starting…' : 'Start sync'}
        </button>
      ) : (
        <button
          type="button"
          disabled={!wizard.canContinue}
          aria-describedby={wizard.canContinue ? undefined : `${id}-blockers`}
          onClick={wizard.next}
        >
          Continue
        </button>
      )}
    </section>
  );
}

const meta = {
  title: 'Headless (@referkit/react)/useStripeSyncWizard',
  component: HostWizard,
  args: { campaignId: 'camp_spring', onSyncStarted: fn() },
  parameters: { referkit: { api: { stripe: { status: 'connected' } } } },
} satisfies Meta<typeof HostWizard>;

export default meta;
type Story = StoryObj<typeof meta>;

export const HostBuiltWizard: Story = {
  async play({ canvasElement, args }) {
    const canvas = within(canvasElement);
    const next = async (title: string) => {
      await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
      await waitFor(() => expect(canvas.getByRole('heading', { name: title })).toHaveFocus());
    };

    await userEvent.selectOptions(await canvas.findByLabelText('Object type'), 'customer');
    await next('Map Fields');
    // Unmapping Email blocks Continue and says why; mapping it again unblocks.
    const email = canvas.getByRole('combobox', { name: 'Email becomes' });
    await userEvent.selectOptions(email, 'Not mapped');
    await expect(canvas.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await expect(canvas.getByRole('list', { name: 'To continue' })).toHaveTextContent(/Email/);
    await userEvent.selectOptions(email, 'Email');
    await next('Map Return Fields');
    await next('Name Version');
    await userEvent.selectOptions(canvas.getByLabelText('Name version'), 'v2');
    await next('Confirm');
    await expect(canvas.getByText('Name version: V2')).toBeVisible();
    // Visited steps can be reached from the step list.
    await expect(canvas.getByRole('button', { name: 'Map Fields' })).toBeEnabled();

    // Plain buttons: the keyboard starts the sync as well as a click.
    canvas.getByRole('button', { name: 'Start sync' }).focus();
    await userEvent.keyboard('{Enter}');
    await expect(await canvas.findByText(/^Sync \S+ started\.$/)).toHaveAttribute('role', 'status');
    await expect(args.onSyncStarted).toHaveBeenCalledTimes(1);
    await expect(args.onSyncStarted).toHaveBeenCalledWith(
      expect.objectContaining({
        campaignId: 'camp_spring',
        config: expect.objectContaining({ nameVersion: 'v2' }),
      }),
    );
  },
};
