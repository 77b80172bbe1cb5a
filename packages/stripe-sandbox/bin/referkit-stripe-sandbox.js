#!/usr/bin/env node
// The CLI's launcher. It lives outside dist/ so a workspace install can link
// it before anything is built; it runs the built CLI and says how to build it
// when that is missing.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error(
      'referkit-stripe-sandbox: not built yet. Run `pnpm --filter @referkit/stripe-sandbox build` first.',
    );
    process.exit(1);
  }
  throw error;
});
