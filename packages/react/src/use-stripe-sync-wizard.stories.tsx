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
        <p>
          <label htmlFor={`${id}-object-type`}>Object type</label>{' '}
          <select
            id={`${id}-object-type`}
            value={wizard.config.objectType}
            onChange={(event) => wizard.setObjectType(event.target.value as ObjectType)}
          >
            {wizard.objectTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.label}
              </option>
            ))}
          </select>
        </p>
      ) : wizard.step === 'map_fields' ? (
        <ul>
          {wizard.fields.map((field) => (
            <li key={field.path}>
              <label htmlFor={`${id}-${field.path}`}>{field.label} becomes</label>{' '}
              <select
                id={`${id}-${field.path}`}
                value={
                  wizard.config.inbound.find((entry) => entry.source === field.path)?.target ?? ''
                }
                onChange={(event) =>
                  wizard.setInboundTarget(
                    field.path,
                    (event.target.value || null) as InboundTarget | null,
                  )
                }
              >
                <option value="">Not mapped</option>
                {INBOUND_TARGETS.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.label}
                  </option>
                ))}
              </select>
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
        <p>
          <label htmlFor={`${id}-name-version`}>Name version</label>{' '}
          <select
            id={`${id}-name-version`}
            value={wizard.config.nameVersion}
            onChange={(event) => wizard.setNameVersion(event.target.value as NameVersion)}
          >
            {NAME_VERSIONS.map((version) => (
              <option key={version.id} value={version.id}>
                {version.label}: {version.description}
              </option>
            ))}
          </select>
        </p>
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

    await userEvent.click(canvas.getByRole('button', { name: 'Start sync' }));
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
