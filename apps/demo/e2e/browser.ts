import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../vitest.shared.ts';

/** Starts Chromium headless with the flags a container needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Saves a full-page screenshot of each step, numbered in the order taken,
 * into `test-results/screenshots/` (kept as CI artifacts).
 */
export function createScreenshots(artifactsDir: string) {
  let count = 0;
  return async (page: Page, name: string): Promise<string> => {
    count += 1;
    const file = path.join(
      artifactsDir,
      'screenshots',
      `${String(count).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`,
    );
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

/** The part of axe's browser API the check uses. */
interface AxeApi {
  getRules(tags: string[]): Array<{ ruleId: string }>;
  run(context: Document, options: object): Promise<unknown>;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Runs axe (WCAG 2.x A and AA rules and best practices) on the page as it is
 * now and fails with each violation, its nodes and its help, if there are any.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: the page's Content Security Policy
  // allows no inline script (addScriptTag would be blocked), and need not.
  if (!hasAxe) await page.evaluate(axeSource);
  const results = (await page.evaluate(() => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    // Experimental rules are off, as in axe's defaults (and Storybook's a11y addon).
    const experimental = axe.getRules(['experimental']).map((rule) => rule.ruleId);
    return axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      rules: Object.fromEntries(experimental.map((id) => [id, { enabled: false }])),
      resultTypes: ['violations'],
    });
  })) as AxeResults;
  const { violations } = results;
  if (violations.length === 0) return;
  const report = violations
    .map(
      (violation) =>
        `- ${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .slice(0, 5)
          .map(
            (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`,
          )
          .join('\n')}`,
    )
    .join('\n');
  throw new Error(`axe found ${violations.length} violation(s) on ${where}:\n${report}`);
}
