import type { Locator, Page } from 'playwright-core';

/** Whether `locator` holds the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/**
 * Moves the focus to `locator` with the Tab key alone (forwards, or backwards
 * with `backwards`), as a keyboard user would, failing if it is not reached
 * within `maxPresses`. Proves the control is in the tab order.
 */
export async function tabTo(
  page: Page,
  locator: Locator,
  { maxPresses = 80, backwards = false }: { maxPresses?: number; backwards?: boolean } = {},
): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  for (let press = 0; press <= maxPresses; press++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 60)}"`
      : 'nothing';
  });
  throw new Error(
    `Tab never reached ${locator} in ${maxPresses} presses (focus is on ${focused}).`,
  );
}

/** Tabs to `locator` and presses `key` on it (Enter by default). */
export async function tabAndPress(page: Page, locator: Locator, key = 'Enter'): Promise<void> {
  await tabTo(page, locator);
  await page.keyboard.press(key);
}
