import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiPanel, exampleCurl } from './api-panel';
import { expectNoAxeViolations, renderWithApi } from './test-utils';

describe('ApiPanel', () => {
  it('creates a key, shows it once with a copy button that announces "Copied", and fills the example', async () => {
    const { user } = renderWithApi(<ApiPanel campaignId="camp_spring" />);
    expect(await screen.findByText('No API key yet.')).toBeInTheDocument();
    const endpoint = 'http://localhost/api/referkit/campaigns/camp_spring/referrers';
    expect(screen.getByText(`POST ${endpoint}`)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Example request' })).toHaveTextContent(
      'Authorization: Bearer YOUR_API_KEY',
    );
    await expectNoAxeViolations();

    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    expect(
      await screen.findByText('Copy this key now: it is shown only once.'),
    ).toBeInTheDocument();
    const secret = document.querySelector('[data-slot="api-secret"]')?.textContent ?? '';
    expect(secret).toMatch(/^refk_/);
    expect(screen.getByRole('region', { name: 'Example request' }).textContent).toBe(
      exampleCurl(endpoint, secret),
    );

    await user.click(screen.getByRole('button', { name: 'Copy API key' }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    const copyKey = screen.getByRole('button', { name: 'Copy API key' });
    expect(within(copyKey.parentElement as HTMLElement).getByRole('status')).toHaveTextContent(
      'Copied',
    );
    await expectNoAxeViolations();
  });

  it('rotates an existing key only after a confirm', async () => {
    const { user } = renderWithApi(<ApiPanel campaignId="camp_spring" />, {
      api: { apiKeySecret: 'refk_existing_secret_0001' },
    });
    expect(await screen.findByText(/^Key starting refk_exis…, created /)).toBeInTheDocument();
    const rotate = screen.getByRole('button', { name: 'Rotate key' });
    await user.click(rotate);
    const dialog = screen.getByRole('alertdialog', { name: 'Rotate the API key?' });
    await expectNoAxeViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('Copy this key now: it is shown only once.')).not.toBeInTheDocument();
    expect(rotate).toHaveFocus();

    await user.click(rotate);
    await user.click(screen.getByRole('button', { name: 'Rotate key', hidden: false }));
    expect(
      await screen.findByText('Copy this key now: it is shown only once.'),
    ).toBeInTheDocument();
    expect(document.querySelector('[data-slot="api-secret"]')?.textContent).not.toBe(
      'refk_existing_secret_0001',
    );
  });
});
