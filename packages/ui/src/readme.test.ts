import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultMessages } from './default-messages';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
/** The README with table padding collapsed (the formatter aligns columns). */
const readme = read('../README.md').replace(/ {2,}/g, ' ');
const css = read('./styles.css');

describe('README', () => {
  it('documents every message key with its English default', () => {
    const missing = Object.entries(defaultMessages).filter(
      ([key, value]) => !readme.includes(`| \`${key}\` | ${value.replace(/\|/g, '\\|')} |`),
    );
    expect(missing).toEqual([]);
  });

  it('documents every --rk-* custom property of the stylesheet', () => {
    const properties = new Set(css.match(/--rk-[\w-]+(?=:)/g));
    expect(properties.size).toBeGreaterThan(30);
    expect([...properties].filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it('lists every event type', () => {
    for (const type of [
      'opened',
      'option_chosen',
      'connected',
      'step_changed',
      'sync_started',
      'sync_completed',
      'closed',
    ]) {
      expect(readme).toContain(`type: '${type}'`);
    }
  });
});
