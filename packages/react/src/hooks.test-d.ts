import type {
  ApiResponse,
  CsvColumnTarget,
  CsvPreview,
  ImportReferrersResponse,
  PreviewCsvResponse,
  Sync,
  SyncConfig,
  WizardStepId,
} from '@referkit/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { ImportReferrersOptions, ReferkitClient } from './create-referkit-client';
import type { ReferkitApiError } from './referkit-api-error';
import type { ImportReferrersVariables, useImportReferrers, useReferrers } from './referrer-hooks';
import { type useCreateSync, useSync } from './sync-hooks';
import { type CsvFileError, type UseCsvImportResult, useCsvImport } from './use-csv-import';
import { useNameVersionPreview } from './use-name-version-preview';
import {
  type UseStripeSyncWizardOptions,
  type UseStripeSyncWizardResult,
  useStripeSyncWizard,
} from './use-stripe-sync-wizard';
import { useSyncWizard } from './use-sync-wizard';

describe('the public hooks’ types', () => {
  it('types query data and errors from the contract', () => {
    type SyncResult = ReturnType<typeof useSync>;
    expectTypeOf<SyncResult['data']>().toEqualTypeOf<ApiResponse<'getSync'> | undefined>();
    expectTypeOf<NonNullable<SyncResult['data']>['sync']>().toEqualTypeOf<Sync>();
    expectTypeOf<SyncResult['error']>().toEqualTypeOf<ReferkitApiError | null>();
    expectTypeOf(useSync).parameter(0).toEqualTypeOf<string | null | undefined>();
    type Pages = NonNullable<ReturnType<typeof useReferrers>['data']>['pages'];
    expectTypeOf<Pages>().toEqualTypeOf<ApiResponse<'listReferrers'>[]>();
  });

  it('types mutation variables and results', () => {
    type Import = ReturnType<typeof useImportReferrers>;
    expectTypeOf<Parameters<Import['mutate']>[0]>().toEqualTypeOf<ImportReferrersVariables>();
    expectTypeOf<ImportReferrersVariables>().toExtend<ImportReferrersOptions>();
    expectTypeOf<ImportReferrersVariables['csv']>().toEqualTypeOf<Blob | string>();
    expectTypeOf<Import['data']>().toEqualTypeOf<ImportReferrersResponse | undefined>();
    type Create = ReturnType<typeof useCreateSync>;
    expectTypeOf<Parameters<Create['mutate']>[0]['config']>().toEqualTypeOf<SyncConfig>();
    expectTypeOf<Create['error']>().toEqualTypeOf<ReferkitApiError | null>();
  });

  it('types the headless wizard and the CSV import', () => {
    const wizard = useSyncWizard();
    expectTypeOf(wizard.step).toEqualTypeOf<WizardStepId>();
    expectTypeOf(wizard.next).returns.toEqualTypeOf<boolean>();
    expectTypeOf(wizard.config).toEqualTypeOf<SyncConfig>();

    expectTypeOf(useCsvImport).returns.toEqualTypeOf<UseCsvImportResult>();
    const csv = useCsvImport('camp_1', { onImported: (result) => void result.created });
    expectTypeOf(csv.preview).toEqualTypeOf<CsvPreview | null>();
    expectTypeOf(csv.reading).toEqualTypeOf<boolean>();
    expectTypeOf<ReferkitClient['previewCsv']>().parameters.toEqualTypeOf<[string, Blob]>();
    expectTypeOf<
      ReferkitClient['previewCsv']
    >().returns.resolves.toEqualTypeOf<PreviewCsvResponse>();
    expectTypeOf(csv.columns).toEqualTypeOf<CsvColumnTarget[]>();
    expectTypeOf(csv.fileError).toEqualTypeOf<CsvFileError | null>();
    expectTypeOf(csv.setColumn).parameters.toEqualTypeOf<[number, CsvColumnTarget]>();
    expectTypeOf(csv.choose).parameter(0).toEqualTypeOf<File | undefined>();
    expectTypeOf(csv.result).toEqualTypeOf<ImportReferrersResponse | null>();
    // @ts-expect-error: a column maps to a referrer field or `skip`, nothing else.
    csv.setColumn(0, 'nickname');

    const preview = useNameVersionPreview([]);
    expectTypeOf(preview.rows[0]?.versions.v1).toEqualTypeOf<string | undefined>();
  });

  it('types the Stripe sync wizard hook', () => {
    const wizard = useStripeSyncWizard({ campaignId: 'camp_1' });
    expectTypeOf(wizard).toEqualTypeOf<UseStripeSyncWizardResult>();
    expectTypeOf(wizard).toExtend<ReturnType<typeof useSyncWizard>>();
    expectTypeOf(wizard.start).returns.toEqualTypeOf<boolean>();
    expectTypeOf(wizard.startedSync).toEqualTypeOf<Sync | null>();
    expectTypeOf(wizard.loadError).toEqualTypeOf<ReferkitApiError | null>();
    expectTypeOf(wizard.fields).toEqualTypeOf<ApiResponse<'listFields'>['fields']>();
    expectTypeOf(wizard.samples).toEqualTypeOf<ApiResponse<'listSamples'>['records'] | undefined>();
    expectTypeOf(wizard.maxSelectableIndex).toEqualTypeOf<number>();
    // Every optional option takes `undefined` (hosts under exactOptionalPropertyTypes).
    const options: UseStripeSyncWizardOptions = {
      campaignId: 'camp_1',
      initialConfig: undefined,
      onSave: undefined,
      saving: undefined,
      saveError: undefined,
      onStepChange: undefined,
      onSyncStarted: undefined,
      onDirtyChange: undefined,
    };
    useStripeSyncWizard(options);
    useStripeSyncWizard({
      campaignId: 'camp_1',
      onStepChange: (step, index) => {
        expectTypeOf(step).toEqualTypeOf<WizardStepId>();
        expectTypeOf(index).toEqualTypeOf<number>();
      },
      onSave: (config) => expectTypeOf(config).toEqualTypeOf<SyncConfig>(),
    });
    // @ts-expect-error: the campaign is required.
    useStripeSyncWizard({});
  });
});
