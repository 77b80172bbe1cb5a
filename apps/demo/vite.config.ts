import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, mergeConfig } from 'vite';
import { sourceResolve } from '../../vitest.shared.ts';

/**
 * The dashboard's web app. Workspace packages resolve to their TypeScript
 * source (the `@referkit/source` condition), so the demo never needs the
 * packages built first. The demo server runs Vite in middleware mode (dev) or
 * serves `dist/` (production and the end-to-end tests).
 */
export default mergeConfig(
  sourceResolve,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    plugins: [react()],
    // One app chunk (React, TanStack Query, zod, the kit) is fine for a demo; the kit's wizard and CSV step load lazily.
    build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
    server: {
      watch: { ignored: ['**/.data/**', '**/test-results/**'] },
      // Never serve the demo's data (the generated encryption key, Postgres files) or test
      // output, even through /@fs/; the demo server lets Vite serve only the app's paths.
      fs: {
        strict: true,
        deny: ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', '**/.data/**', '**/test-results/**'],
      },
    },
  }),
);
