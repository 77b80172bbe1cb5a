import { createReferkitClient, ReferkitProvider } from '@referkit/react';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { apiMessages } from './api-messages';
import { connectMessages } from './connect-messages';
import { defaultMessages } from './default-messages';
import { manageMessages } from './manage-messages';
import { manualMessages } from './manual-messages';
import { modalMessages } from './modal-messages';
import { progressMessages } from './progress-messages';
import { runDetailMessages } from './run-detail-messages';
import { syncMessages } from './sync-messages';
import { uploadMessages } from './upload-messages';
import { formatMessage, useMessages } from './use-messages';
import { wizardMessages } from './wizard-messages';

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(
      formatMessage('Map {what} to {brandName} {later}', { what: 'Name', brandName: 'RF' }),
    ).toBe('Map Name to RF {later}');
  });
});

describe('useMessages', () => {
  it('merges overrides over the English defaults and fills the brand name', () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ReferkitProvider
        client={createReferkitClient({ baseUrl: 'http://localhost/api' })}
        brandName="Referral Factory"
        messages={{
          'modal.title': 'Empfehler hinzufügen',
          'issue.required_target_unmapped': '{brandName} braucht Vorname und E-Mail.',
        }}
      >
        {children}
      </ReferkitProvider>
    );
    const { result } = renderHook(() => useMessages(defaultMessages), { wrapper });
    const t = result.current;
    expect(t('modal.title')).toBe('Empfehler hinzufügen');
    expect(t('mapFields.title')).toBe('Map Stripe Fields to Referral Factory');
    expect(t('wizard.stepPosition', { number: 2, total: 5, title: 'Map Fields' })).toBe(
      'Step 2 of 5: Map Fields',
    );
    const issue = {
      step: 'map_fields',
      path: ['inbound'],
      code: 'required_target_unmapped',
      message: 'core',
    } as const;
    expect(t.issue({ ...issue, path: [...issue.path] })).toBe(
      'Referral Factory braucht Vorname und E-Mail.',
    );
    expect(t.issue({ ...issue, path: [], code: 'target_mapped_twice' })).toBe('core');
  });

  it('always knows the modal strings, and the strings of the table it is given', () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ReferkitProvider client={createReferkitClient({ baseUrl: 'http://localhost/api' })}>
        {children}
      </ReferkitProvider>
    );
    const { result } = renderHook(() => useMessages(wizardMessages), { wrapper });
    expect(result.current('modal.title')).toBe(modalMessages['modal.title']);
    expect(result.current('wizard.steps')).toBe(wizardMessages['wizard.steps']);
  });

  it('joins every part in defaultMessages, with no key defined twice', () => {
    const tables = [
      modalMessages,
      syncMessages,
      manualMessages,
      wizardMessages,
      uploadMessages,
      connectMessages,
      apiMessages,
      progressMessages,
      manageMessages,
      runDetailMessages,
    ];
    const keys = tables.flatMap((table) => Object.keys(table));
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(defaultMessages).sort()).toEqual([...keys].sort());
  });
});
