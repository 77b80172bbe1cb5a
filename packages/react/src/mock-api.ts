export { createMockReferkitApi, type MockReferkitApiOptions } from './create-mock-referkit-api';
export {
  createMockStripeAccount,
  type MockCustomerValues,
  type MockStripeAccount,
} from './create-mock-stripe-account';
export {
  MOCK_CAMPAIGN,
  MOCK_OTHER_INTEGRATIONS,
  MOCK_REFERRERS,
  MOCK_STRIPE_KEY,
  MOCK_STRIPE_RECORDS,
  type MockCampaignSeed,
  type MockReferrerSeed,
} from './mock-api-seed';
export type { MockStateOptions, MockStripeOptions, MockSyncSeed } from './mock-api-state';
