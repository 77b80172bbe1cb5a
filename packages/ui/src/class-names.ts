/** Joins class names, skipping falsy ones: `cx('rk-button', active && 'is-active', className)`. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
