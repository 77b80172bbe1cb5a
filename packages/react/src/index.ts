export { useApiKey, useCreateApiKey } from './api-key-hooks';
export { useCampaign, useCampaigns, useCreateCampaign } from './campaign-hooks';
export {
  type CreateRequestOptions,
  createReferkitClient,
  type DeleteSyncOptions,
  type ExportSyncOutcomesQuery,
  type ImportReferrersOptions,
  type ListReferrersQuery,
  type ListSamplesQuery,
  type ListSyncOutcomesQuery,
  type ListSyncsQuery,
  type ReferkitClient,
  type ReferkitClientOptions,
  type ReferkitClientRouteName,
  type StartStripeOAuthRequest,
  type UpdateSyncRequest,
} from './create-referkit-client';
export { createIdempotencyKey } from './idempotency-key';
export {
  useConnectStripe,
  useDisconnectStripe,
  useIntegrations,
  useStartStripeOAuth,
} from './integration-hooks';
export {
  isReferkitApiError,
  ReferkitApiError,
  type ReferkitApiErrorInit,
  type ReferkitClientErrorCode,
  type ReferkitErrorCode,
} from './referkit-api-error';
export type { ReferkitContextValue } from './referkit-context';
export { referkitKeys } from './referkit-keys';
export { ReferkitProvider, type ReferkitProviderProps } from './referkit-provider';
export type { ReferkitMutationOptions, ReferkitQueryOptions } from './referkit-query';
export {
  type ImportReferrersVariables,
  type UseReferrersOptions,
  useCreateReferrer,
  useDeleteReferrer,
  useImportReferrers,
  useReferrers,
} from './referrer-hooks';
export {
  type UseStripeSamplesOptions,
  useObjectTypes,
  useStripeFields,
  useStripeSamples,
} from './stripe-object-hooks';
export {
  type CreateSyncVariables,
  type UpdateSyncVariables,
  type UseSyncOptions,
  type UseSyncOutcomesOptions,
  useCancelSync,
  useCreateSync,
  useDeleteSync,
  useRunSync,
  useSync,
  useSyncOutcomes,
  useSyncRuns,
  useSyncs,
  useUpdateSync,
} from './sync-hooks';
export {
  type CsvFileError,
  type UseCsvImportOptions,
  type UseCsvImportResult,
  useCsvImport,
} from './use-csv-import';
export {
  type NameVersionPreview,
  type NameVersionPreviewRow,
  type UseNameVersionPreviewOptions,
  useNameVersionPreview,
} from './use-name-version-preview';
export { useReferkit } from './use-referkit';
export {
  type UseStripeSyncWizardOptions,
  type UseStripeSyncWizardResult,
  useStripeSyncWizard,
} from './use-stripe-sync-wizard';
export {
  type SyncActionState,
  type SyncDisplayStatus,
  type SyncManagerAction,
  type SyncManagerEvent,
  syncDisplayStatus,
  syncStopsOnDisconnect,
  type UseSyncManagerOptions,
  type UseSyncManagerResult,
  useSyncManager,
} from './use-sync-manager';
export { type UseSyncWizardResult, useSyncWizard } from './use-sync-wizard';
