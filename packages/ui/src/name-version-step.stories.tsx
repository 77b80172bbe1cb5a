import { createDefaultSyncConfig, NAME_VERSIONS, type NameVersion } from '@referkit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { NameVersionStep } from './name-version-step';
import { STORY_RECORDS, WizardStepStory } from './test-story-harness';

const meta = {
  title: 'Wizard/Steps/NameVersionStep',
  component: WizardStepStory,
  parameters: { referkit: { api: false } },
} satisfies Meta<typeof WizardStepStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The step with a version chosen, previewing the mock account's odd names. */
function withVersion(version: NameVersion): Story {
  const config = createDefaultSyncConfig();
  config.nameVersion = version;
  const label = NAME_VERSIONS.find((definition) => definition.id === version)?.label ?? version;
  return {
    args: {
      wizard: { initialConfig: config, initialStep: 'name_version' },
      render: (props) => <NameVersionStep {...props} samples={STORY_RECORDS} previewLimit={25} />,
    },
    async play({ canvasElement }) {
      const canvas = within(canvasElement);
      await expect(canvas.getByRole('radio', { name: label })).toBeChecked();
      await expect(canvas.getByRole('columnheader', { name: `${label} (selected)` })).toBeVisible();
    },
  };
}

export const OriginalWithOddNames = withVersion('original');
export const V1WithOddNames = withVersion('v1');
export const V2WithOddNames = withVersion('v2');
export const V3WithOddNames = withVersion('v3');
export const V4WithOddNames = withVersion('v4');
export const V5WithOddNames = withVersion('v5');

export const EmptyAccount: Story = {
  args: { render: (props) => <NameVersionStep {...props} samples={[]} /> },
  async play({ canvasElement }) {
    await expect(
      within(canvasElement).getByRole('table', {
        name: 'Preview with an example name (no names in this account yet)',
      }),
    ).toBeVisible();
  },
};

export const LoadingNames: Story = {
  args: { render: (props) => <NameVersionStep {...props} samples={undefined} /> },
  async play({ canvasElement }) {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'Loading names from your Stripe account…',
    );
  },
};
