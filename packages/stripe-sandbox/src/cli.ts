#!/usr/bin/env node
import { CliUsageError, runCli } from './run-cli';

runCli(process.argv.slice(2))
  .then((sandbox) => {
    if (!sandbox) return;
    const shutdown = () => {
      sandbox.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  })
  .catch((error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(
      `referkit-stripe-sandbox: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
