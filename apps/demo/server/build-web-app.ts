import path from 'node:path';
import { DEMO_ROOT } from './demo-options';

/**
 * Builds the demo's web app with Vite into `outDir` (emptied first). The
 * end-to-end tests build their own copy, so a `vite build` of `dist/` running
 * beside them cannot pull files from under the app they drive.
 */
export async function buildWebApp(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: path.join(DEMO_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}
