export {
  type CreateCampaignRequest,
  createCampaignRequestSchema,
  importReferrersQuerySchema,
  type ListReferrersQuery,
  listReferrersQuerySchema,
} from './api-campaign-requests';
export {
  apiKeyResponseSchema,
  apiKeySummarySchema,
  type Campaign,
  type CsvColumnTarget,
  campaignResponseSchema,
  campaignSchema,
  createApiKeyResponseSchema,
  csvColumnTargetSchema,
  type ImportReferrersResponse,
  type ImportRowResult,
  importReferrersResponseSchema,
  importRowResultSchema,
  listCampaignsResponseSchema,
  listReferrersResponseSchema,
  type Referrer,
  type ReferrerSource,
  referrerResponseSchema,
  referrerSchema,
  referrerSourceSchema,
} from './api-campaigns';
export {
  type CsvPreview,
  csvPreviewSchema,
  csvRowSchema,
  type PreviewCsvQuery,
  type PreviewCsvResponse,
  previewCsvQuerySchema,
  previewCsvResponseSchema,
} from './api-csv-preview';
export { API_ENDPOINTS, type ApiEndpointName, buildApiPath, matchApiPath } from './api-endpoints';
export {
  API_ERROR_CODES,
  API_ERROR_STATUS,
  type ApiErrorBody,
  type ApiErrorCode,
  apiErrorSchema,
} from './api-error';
export { API_ERROR_MESSAGES } from './api-error-messages';
export {
  COMING_SOON_INTEGRATIONS,
  type ConnectStripeRequest,
  connectStripeRequestSchema,
  INTEGRATION_CATEGORY_IDS,
  type Integration,
  type IntegrationCategory,
  type IntegrationConnection,
  integrationCategorySchema,
  integrationConnectionSchema,
  integrationResponseSchema,
  integrationSchema,
  listFieldsResponseSchema,
  listIntegrationsResponseSchema,
  listObjectTypesResponseSchema,
  listSamplesResponseSchema,
  oauthStartResponseSchema,
  objectTypeSummarySchema,
  parseStripeKey,
  type StripeKeyInfo,
  type StripeMode,
  stripeFieldSchema,
  stripeModeSchema,
  stripeRecordSchema,
} from './api-integrations';
export { API_RESPONSES } from './api-responses';
export {
  API_ROUTES,
  type ApiResponse,
  type ApiRoute,
  type ApiRouteAuth,
  type ApiRouteName,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_TTL_SECONDS,
} from './api-routes';
export {
  type CreateSyncRequest,
  createSyncRequestSchema,
  deleteSyncQuerySchema,
  exportSyncOutcomesQuerySchema,
  listSyncOutcomesQuerySchema,
  listSyncsQuerySchema,
  updateSyncRequestSchema,
} from './api-sync-requests';
export {
  listSyncOutcomesResponseSchema,
  listSyncRunsResponseSchema,
  listSyncsResponseSchema,
  SYNC_OUTCOMES_CSV_HEADERS,
  SYNC_PROBLEM_CODES,
  type Sync,
  type SyncOutcome,
  type SyncProblemCode,
  type SyncRun,
  type SyncRunCounts,
  type SyncRunProgress,
  syncOutcomeSchema,
  syncResponseSchema,
  syncRunCountsSchema,
  syncRunProgressSchema,
  syncRunResponseSchema,
  syncRunSchema,
  syncSchema,
} from './api-syncs';
export {
  CSV_FILE_ACCEPT,
  CSV_FILE_EXTENSIONS,
  CSV_MEDIA_TYPES,
  CSV_TEMPLATE,
  CSV_TEMPLATE_HEADERS,
  csvMediaTypeMessage,
  guessCsvColumns,
  isCsvFile,
  looksLikeCsvHeaderRow,
  missingCsvTargets,
} from './csv-columns';
export {
  CSV_DELIMITERS,
  CSV_ENCODINGS,
  CSV_PROBLEMS,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvProblem,
  type CsvReading,
  type CsvRow,
} from './csv-reading';
export {
  applyDraftTo,
  decideReferrerChange,
  type ReferrerChange,
  type ReferrerChangeInput,
  type ReferrerState,
  type ReferrerWrite,
  referrerDiffers,
} from './decide-referrer-change';
export {
  describeSkipReason,
  OUTCOME_NOTE_CODES,
  type OutcomeNoteCode,
  type ReasonInWords,
  type SkipReasonContext,
} from './describe-skip-reason';
export { describeSyncProblem } from './describe-sync-problem';
export { isValidEmail, normalizeEmail } from './email';
export { findStripeKeyProblem, type StripeKeyProblem } from './find-stripe-key-problem';
export { checkMetadataKey, type MetadataKeyProblem } from './metadata-key';
export {
  DEFAULT_NAME_VERSION,
  NAME_VERSION_IDS,
  NAME_VERSIONS,
  type NameVersion,
  type NameVersionDefinition,
} from './name-version-definitions';
export { formatName, splitNameWords } from './name-versions';
export { isRunnableCronExpression, nextScheduleRun } from './next-schedule-run';
export {
  CSV_DUPLICATE_IN_CAMPAIGN_MESSAGE,
  type CsvRowPlan,
  csvColumnsProblem,
  csvDuplicateInFileMessage,
  type PlanCsvFileOptions,
  planCsvFile,
  planCsvImport,
} from './plan-csv-import';
export {
  CSV_PREVIEW_BYTES,
  CSV_PREVIEW_ROWS,
  type PreviewCsvFileOptions,
  previewCsv,
  previewCsvFile,
} from './preview-csv';
export { type NamePreviewRow, type PreviewNamesOptions, previewNames } from './preview-names';
export { type CronFields, readCronFields } from './read-cron-fields';
export {
  CsvReadError,
  csvNotCsv,
  csvTooLarge,
  csvTooManyRows,
  DEFAULT_MAX_CSV_RECORD_BYTES,
  decodeCsvBytes,
  formatByteLimit,
  type ReadCsvOptions,
  readCsv,
} from './read-csv';
export {
  createReferrerDraft,
  type ReferrerDraft,
  type ReferrerDraftResult,
  type ReferrerInput,
  type ReferrerInputBody,
  referrerInputSchema,
  SKIP_REASON_CODES,
  type SkipReason,
  type SkipReasonCode,
} from './referrer-draft';
export {
  buildReferralLink,
  getInboundTarget,
  getReturnSource,
  INBOUND_TARGET_IDS,
  INBOUND_TARGETS,
  type InboundTarget,
  type InboundTargetDefinition,
  REFERRAL_CODE_LENGTH,
  RETURN_SOURCE_IDS,
  RETURN_SOURCES,
  type ReturnSource,
  type ReturnSourceDefinition,
  referralLinkMaxLength,
} from './referrer-fields';
export { stableJson } from './stable-json';
export { STRIPE_LIMITS } from './stripe-limits';
export {
  findStripeField,
  getStripeFields,
  getStripeObjectType,
  METADATA_PATH_PREFIX,
  metadataFieldDefinition,
  metadataFieldPath,
  metadataKeyOf,
  readStripeField,
  STRIPE_OBJECT_TYPE_IDS,
  STRIPE_OBJECT_TYPES,
  type StripeFieldDefinition,
  type StripeFieldType,
  type StripeObjectTypeDefinition,
  type StripeObjectTypeId,
  type StripeRecord,
} from './stripe-object-types';
export {
  BLANK_NAME_RULES,
  type BlankNameRule,
  blankNameRuleSchema,
  createDefaultSyncConfig,
  DEFAULT_SCHEDULE,
  type InboundMapping,
  type InboundMappingEntry,
  inboundMappingEntrySchema,
  inboundMappingSchema,
  inboundTargetSchema,
  MAX_CRON_EXPRESSION_LENGTH,
  nameVersionSchema,
  type ObjectType,
  objectTypeSchema,
  type ReturnDestination,
  type ReturnMapping,
  returnDestinationSchema,
  returnMappingSchema,
  returnSourceSchema,
  SCHEDULE_PRESET_CRON,
  SCHEDULE_PRESETS,
  type Schedule,
  type SchedulePreset,
  type SyncConfig,
  type SyncType,
  scheduleSchema,
  scheduleToCron,
  syncConfigSchema,
  syncTypeSchema,
  WRITABLE_STANDARD_FIELDS,
  type WritableStandardField,
} from './sync-config';
export {
  SYNC_CONFIG_ISSUE_CODES,
  type SyncConfigIssue,
  type SyncConfigIssueCode,
  syncConfigIssueSchema,
} from './sync-config-issue';
export { syncMappingChanged } from './sync-mapping-changed';
export {
  syncOutcomeCsvRow,
  syncOutcomesCsvHeader,
  toCsvLines,
} from './sync-outcomes-csv';
export {
  buildSyncOverview,
  describeReturnDestination,
  type OverviewInboundLine,
  type OverviewReturnLine,
  type SyncOverview,
} from './sync-overview';
export { SYNC_PAUSED_REASON, syncStatusAfterUpdate } from './sync-status-after-update';
export {
  createSyncWizardStore,
  type SyncWizardActions,
  type SyncWizardState,
  type SyncWizardStore,
  type SyncWizardStoreOptions,
} from './sync-wizard-store';
export {
  emailLocalPart,
  type ReferrerDraftConfig,
  type ResolvedFirstName,
  resolveFirstName,
  toReferrerDraft,
} from './to-referrer-draft';
export {
  isOwnWriteBack,
  mergeStripeUpdates,
  type ReferrerReturnValues,
  returnFieldPaths,
  returnValueOf,
  type StripeCustomerUpdate,
  toStripeRemoval,
  toStripeUpdate,
} from './to-stripe-update';
export {
  type SyncConfigValidation,
  type ValidateSyncConfigContext,
  validateSyncConfig,
} from './validate-sync-config';
export {
  WIZARD_STEP_IDS,
  WIZARD_STEPS,
  type WizardStepDefinition,
  type WizardStepId,
} from './wizard-steps';
