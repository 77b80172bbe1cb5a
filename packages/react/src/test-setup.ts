import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

// `findBy…`/`waitFor` wait for lazy chunks and mocked requests; on a loaded CI machine those can
// take seconds, so wait up to 10 s (a passing test returns as soon as the element appears).
configure({ asyncUtilTimeout: 10_000 });

/** One MSW server for every test file; each test installs its own mock API with `server.use`. */
export const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
