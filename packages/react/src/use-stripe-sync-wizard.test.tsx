import type { StripeRecord, Sync, SyncConfig, WizardStepId } from '@referkit/core';
import { act, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { isReferkitApiError } from './referkit-api-error';
import { server } from './test-setup';
import { installMockApi, renderWithReferkit, TEST_BASE_URL } from './test-utils';
import { type UseStripeSyncWizardOptions, useStripeSyncWizard } from './use-stripe-sync-wizard';

const connected = { stripe: { status: 'connected' as const } };

/** The `Idempotency-Key` of every `POST /syncs` that reaches the mock API, in order. */
function createSyncKeys() {
  const keys: (string | null)[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/referkit/syncs') {
      keys.push(request.headers.get('idempotency-key'));
    }
  });
  return keys;
}

/** Renders the hook against `api` and waits until the account's fields have loaded. */
async function renderLoaded(
  api: ReturnType<typeof installMockApi>,
  options: Partial<UseStripeSyncWizardOptions> = {},
) {
  const rendered = renderWithReferkit(
    () => useStripeSyncWizard({ campaignId: 'camp_spring', ...options }),
    api,
  );
  await waitFor(() => expect(rendered.result.current.loading).toBe(false));
  return rendered;
}

/** Presses Continue until the wizard is on Confirm. */
function continueToConfirm(wizard: { current: { next(): boolean; isLastStep: boolean } }) {
  while (!wizard.current.isLastStep) {
    act(() => {
      expect(wizard.current.next()).toBe(true);
    });
  }
}

describe('useStripeSyncWizard', () => {
  it('loads the object types, the fields and the samples of the chosen object type', async () => {
    const api = installMockApi(connected);
    const { result } = renderWithReferkit(
      () => useStripeSyncWizard({ campaignId: 'camp_spring' }),
      api,
    );
    expect(result.current.loading).toBe(true);
    expect(result.current.fields).toEqual([]);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.loadError).toBeNull();
    expect(result.current.objectTypes.map((type) => type.id)).toContain('customer');
    expect(result.current.fields.map((field) => field.path)).toEqual(
      expect.arrayContaining(['name', 'email', 'metadata.plan']),
    );
    await waitFor(() => expect(result.current.samples?.length).toBeGreaterThan(0));
    expect(result.current.samples?.map((record) => record.name)).toContain('Ada Lovelace');
  });

  it('says why the account could not load, and retry() loads it again', async () => {
    const api = installMockApi(connected);
    server.use(
      http.get(
        `${TEST_BASE_URL}/integrations/stripe/object-types/:objectType/fields`,
        () =>
          HttpResponse.json(
            { error: { code: 'stripe_unavailable', message: 'Stripe did not answer.' } },
            { status: 503 },
          ),
        { once: true },
      ),
    );
    const { result } = renderWithReferkit(
      () => useStripeSyncWizard({ campaignId: 'camp_spring' }),
      api,
    );
    await waitFor(() => expect(result.current.loadError?.code).toBe('stripe_unavailable'));
    expect(result.current.loading).toBe(false);
    expect(result.current.fields).toEqual([]);

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.fields.length).toBeGreaterThan(0));
    expect(result.current.loadError).toBeNull();
  });

  it("tells validation the campaign's link base: one too long for metadata blocks Map Return Fields", async () => {
    const longBase = `https://refer.example.com/${'spring'.repeat(80)}`;
    const api = installMockApi({
      ...connected,
      campaigns: [{ id: 'camp_spring', name: 'Spring', linkBaseUrl: longBase }],
    });
    const { result } = await renderLoaded(api);
    act(() => {
      result.current.next();
      result.current.next();
    });
    expect(result.current.step).toBe('map_return_fields');
    await waitFor(() =>
      expect(result.current.blockers.map((issue) => issue.code)).toEqual([
        'value_may_exceed_limit',
      ]),
    );
    expect(result.current.canContinue).toBe(false);
    act(() => {
      expect(result.current.next()).toBe(false);
      expect(result.current.start()).toBe(false);
    });

    // The default campaign's short link base fits.
    const fits = await renderLoaded(installMockApi(connected));
    act(() => {
      fits.result.current.next();
      fits.result.current.next();
    });
    expect(fits.result.current.step).toBe('map_return_fields');
    await waitFor(() => expect(fits.result.current.canContinue).toBe(true));
  });

  it("counts the account's existing metadata keys against Stripe's 50", async () => {
    const metadata = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`key_${i}`, 'x']),
    ) as Record<string, string>;
    const records: StripeRecord[] = [
      { id: 'cus_Many', object: 'customer', name: 'Ada', email: 'ada@example.com', metadata },
    ];
    const { result } = await renderLoaded(
      installMockApi({ stripe: { status: 'connected', records } }),
    );
    await waitFor(() =>
      expect(result.current.issues.map((issue) => issue.code)).toContain('too_many_metadata_keys'),
    );
    expect(result.current.reachableIndex).toBe(2);
  });

  it('lets the step list jump to visited steps only, and reports each step change', async () => {
    const onStepChange = vi.fn<(step: WizardStepId, stepIndex: number) => void>();
    const { result } = await renderLoaded(installMockApi(connected), { onStepChange });
    expect(result.current.maxSelectableIndex).toBe(0);
    expect(onStepChange).not.toHaveBeenCalled();

    act(() => {
      result.current.next();
    });
    act(() => {
      result.current.next();
    });
    expect(result.current.maxSelectableIndex).toBe(2);
    act(() => {
      result.current.goTo('object_type');
    });
    expect(result.current.step).toBe('object_type');
    expect(result.current.maxSelectableIndex).toBe(2);
    expect(onStepChange.mock.calls).toEqual([
      ['map_fields', 1],
      ['map_return_fields', 2],
      ['object_type', 0],
    ]);

    // An earlier step made incomplete caps the jump there.
    act(() => result.current.setInboundTarget('email', null));
    expect(result.current.reachableIndex).toBe(1);
    expect(result.current.maxSelectableIndex).toBe(1);
  });

  it('starts exactly one sync, reusing its Idempotency-Key when a failed start is retried', async () => {
    const api = installMockApi(connected);
    const keys = createSyncKeys();
    server.use(
      http.post(
        `${TEST_BASE_URL}/syncs`,
        () =>
          HttpResponse.json(
            { error: { code: 'internal_error', message: 'Something went wrong.' } },
            { status: 500 },
          ),
        { once: true },
      ),
    );
    const onSyncStarted = vi.fn<(sync: Sync) => void>();
    const { result } = await renderLoaded(api, { onSyncStarted });
    continueToConfirm(result);
    act(() => result.current.setNameVersion('v3'));

    act(() => {
      expect(result.current.start()).toBe(true);
      // A second press before the first answer is not sent.
      expect(result.current.start()).toBe(false);
    });
    await waitFor(() => expect(result.current.startError).not.toBeNull());
    const failure = result.current.startError;
    expect(isReferkitApiError(failure) && failure.code).toBe('internal_error');
    expect(result.current.pending).toBe(false);
    expect(result.current.startedSync).toBeNull();

    act(() => {
      expect(result.current.start()).toBe(true);
    });
    await waitFor(() => expect(result.current.startedSync).not.toBeNull());
    expect(result.current.startError).toBeNull();
    expect(result.current.startedSync?.config.nameVersion).toBe('v3');
    expect(onSyncStarted).toHaveBeenCalledTimes(1);
    expect(onSyncStarted).toHaveBeenCalledWith(result.current.startedSync);

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/\S{24,}/);
    expect(keys[1]).toBe(keys[0]);
    act(() => {
      expect(result.current.start()).toBe(false);
    });
    const { syncs } = await api.client.listSyncs({ campaignId: 'camp_spring' });
    expect(syncs.map((sync) => sync.id)).toEqual([result.current.startedSync?.id]);
    expect(keys).toHaveLength(2);
  });

  it('gives a changed configuration a new Idempotency-Key', async () => {
    const api = installMockApi({ ...connected, failing: { createSync: 'internal_error' } });
    const keys = createSyncKeys();
    const { result } = await renderLoaded(api);
    continueToConfirm(result);
    act(() => {
      result.current.start();
    });
    await waitFor(() => expect(result.current.startError).not.toBeNull());
    act(() => result.current.setNameVersion('v2'));
    act(() => {
      result.current.start();
    });
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('edit mode: start() calls onSave with the configuration and creates nothing', async () => {
    const api = installMockApi(connected);
    const keys = createSyncKeys();
    const onSave = vi.fn<(config: SyncConfig) => void>();
    const { result, rerender } = renderWithReferkit(
      ({ saving, saveError }: { saving: boolean; saveError: { message: string } | null }) =>
        useStripeSyncWizard({ campaignId: 'camp_spring', onSave, saving, saveError }),
      api,
      { initialProps: { saving: false, saveError: null as { message: string } | null } },
    );
    await waitFor(() => expect(result.current.loading).toBe(false));
    continueToConfirm(result);
    act(() => result.current.setSyncType('ongoing'));
    act(() => {
      expect(result.current.start()).toBe(true);
    });
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ syncType: 'ongoing' });

    rerender({ saving: true, saveError: null });
    expect(result.current.pending).toBe(true);
    act(() => {
      expect(result.current.start()).toBe(false);
    });
    rerender({ saving: false, saveError: { message: 'The sync is being deleted.' } });
    expect(result.current.pending).toBe(false);
    expect(result.current.startError).toEqual({ message: 'The sync is being deleted.' });
    expect(onSave).toHaveBeenCalledTimes(1);

    const { syncs } = await api.client.listSyncs({ campaignId: 'camp_spring' });
    expect(syncs).toEqual([]);
    expect(keys).toEqual([]);
    expect(result.current.startedSync).toBeNull();
  });

  it('is dirty while it holds unsaved choices, and not once the sync has started', async () => {
    const onDirtyChange = vi.fn<(dirty: boolean) => void>();
    const { result } = await renderLoaded(installMockApi(connected), { onDirtyChange });
    expect(result.current.dirty).toBe(false);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);

    act(() => result.current.setNameVersion('v4'));
    expect(result.current.dirty).toBe(true);
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    act(() => result.current.setNameVersion('v1'));
    expect(result.current.dirty).toBe(false);
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);

    act(() => result.current.setNameVersion('v4'));
    expect(result.current.dirty).toBe(true);
    continueToConfirm(result);
    act(() => {
      result.current.start();
    });
    await waitFor(() => expect(result.current.startedSync).not.toBeNull());
    expect(result.current.dirty).toBe(false);
    // The store still knows the choices differ from where it started.
    expect(result.current.config.nameVersion).toBe('v4');
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);
  });
});
