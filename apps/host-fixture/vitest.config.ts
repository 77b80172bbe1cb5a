import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Packing, installing, type-checking and building a host takes a minute or two on 2 cores.
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
