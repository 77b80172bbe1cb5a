import { createMockReferkitApi, createMockStripeAccount } from '@referkit/react/mock-api';
import { getResponse } from 'msw';
import {
  BASE_URL,
  buildRequest,
  type ContractSession,
  type ContractTarget,
  readResponse,
} from './contract-target';

/** The key the mock's Stripe accepts: the mock's own default. */
const STRIPE_KEY = 'sk_test_51ContractSuiteKey0000000';

/**
 * The mock API (`@referkit/react/mock-api`) as the suite's target: MSW
 * handlers answered in-process, an empty account (no campaign, no referrer,
 * Stripe not connected) and a live Stripe account the suite changes.
 */
export function mockTarget(): ContractTarget {
  return {
    name: 'mock',
    async setup() {},
    async teardown() {},
    async session(): Promise<ContractSession> {
      const account = createMockStripeAccount();
      const handlers = createMockReferkitApi({
        baseUrl: BASE_URL,
        campaigns: [],
        referrers: [],
        stripe: { status: 'not_connected', acceptKey: STRIPE_KEY, account, failingRecordIds: [] },
      });
      return {
        stripeKey: STRIPE_KEY,
        rejectedKey: 'sk_test_51SomeoneElsesKey00000000',
        async request(method, path, init = {}) {
          const request = buildRequest(`${BASE_URL}${path}`, method, init, {});
          const response = await getResponse(handlers, request);
          if (!response) throw new Error(`The mock has no handler for ${method} ${path}`);
          return readResponse(response);
        },
        stripe: {
          async createCustomer(values) {
            return account.createCustomer(values).id;
          },
          async updateCustomer(id, values) {
            account.updateCustomer(id, values);
          },
          async deleteCustomer(id) {
            account.deleteCustomer(id);
          },
          async getCustomer(id) {
            const record = account.records.find((r) => r.id === id);
            return { metadata: { ...record?.metadata } };
          },
        },
        async close() {},
      };
    },
  };
}
