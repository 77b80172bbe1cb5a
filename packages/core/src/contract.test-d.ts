import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ImportReferrersResponse, ImportRowResult } from './api-campaigns';
import type { CsvPreview, PreviewCsvResponse } from './api-csv-preview';
import type { ApiErrorBody, ApiErrorCode } from './api-error';
import type { ApiResponse, ApiRouteName } from './api-routes';
import type { Sync, SyncRun } from './api-syncs';
import type { CsvProblem, CsvReading } from './csv-reading';
import { nextScheduleRun } from './next-schedule-run';
import { type CsvRowPlan, planCsvImport } from './plan-csv-import';
import { previewCsvFile } from './preview-csv';
import { type CsvReadError, readCsv } from './read-csv';
import type { Schedule, SyncConfig, syncConfigSchema } from './sync-config';
import { validateSyncConfig } from './validate-sync-config';

describe('the HTTP contract types', () => {
  it('types each route’s response from its schema', () => {
    expectTypeOf<ApiResponse<'importReferrers'>>().toEqualTypeOf<ImportReferrersResponse>();
    expectTypeOf<ApiResponse<'getSync'>>().toHaveProperty('sync').toEqualTypeOf<Sync>();
    expectTypeOf<Sync['lastRun']>().toEqualTypeOf<SyncRun | null>();
    expectTypeOf<'importReferrers'>().toExtend<ApiRouteName>();
    expectTypeOf<'notARoute'>().not.toExtend<ApiRouteName>();
  });

  it('types errors with the stable codes only', () => {
    expectTypeOf<ApiErrorBody['error']['code']>().toEqualTypeOf<ApiErrorCode>();
    expectTypeOf<'payload_too_large'>().toExtend<ApiErrorCode>();
    expectTypeOf<'teapot'>().not.toExtend<ApiErrorCode>();
    expectTypeOf<ImportRowResult['status']>().toEqualTypeOf<'created' | 'duplicate' | 'invalid'>();
  });

  it('infers the sync configuration from its schema', () => {
    expectTypeOf<z.infer<typeof syncConfigSchema>>().toEqualTypeOf<SyncConfig>();
    expectTypeOf<Schedule>().toExtend<{ kind: 'preset' | 'cron' }>();
    expectTypeOf(validateSyncConfig).returns.toHaveProperty('ok').toEqualTypeOf<boolean>();
    expectTypeOf(nextScheduleRun).returns.toEqualTypeOf<Date | null>();
  });
});

describe('the CSV reading types', () => {
  it('reads bytes or text, and refuses with an API error code', () => {
    expectTypeOf(readCsv).parameter(0).toEqualTypeOf<Uint8Array | string>();
    expectTypeOf(readCsv).returns.toEqualTypeOf<CsvReading>();
    expectTypeOf<CsvReadError['code']>().toEqualTypeOf<'csv_invalid' | 'payload_too_large'>();
    expectTypeOf<CsvReadError['code']>().toExtend<ApiErrorCode>();
    expectTypeOf<CsvReadError['problem']>().toEqualTypeOf<CsvProblem>();
  });

  it('answers a preview with the reading the import uses, or its problem', () => {
    expectTypeOf<ApiResponse<'previewCsv'>>().toEqualTypeOf<PreviewCsvResponse>();
    expectTypeOf(previewCsvFile).returns.toEqualTypeOf<PreviewCsvResponse>();
    expectTypeOf<CsvPreview>().toExtend<CsvReading>();
    expectTypeOf<NonNullable<PreviewCsvResponse['problem']>['code']>().toEqualTypeOf<CsvProblem>();
  });

  it('plans each row as a discriminated union', () => {
    expectTypeOf(planCsvImport).returns.toEqualTypeOf<CsvRowPlan[]>();
    const plan = {} as CsvRowPlan;
    if (plan.kind === 'new') expectTypeOf(plan.draft.emailKey).toBeString();
    else expectTypeOf(plan.message).toBeString();
  });
});
