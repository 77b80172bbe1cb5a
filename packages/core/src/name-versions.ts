import type { NameVersion } from './name-version-definitions';

/**
 * Every kind of Unicode white space separates words: tabs, newlines, no-break
 * and the other `White_Space` characters, plus the zero-width space and BOM
 * that pasted names carry. Zero-width joiners are not separators (emoji use them).
 */
const SEPARATORS = /[\p{White_Space}\u200B\uFEFF]+/u;

/**
 * A "word" with nothing visible in it: only default-ignorable code points such
 * as direction marks (U+200E/U+200F), soft hyphens, variation selectors or the
 * Hangul filler (U+3164) that people paste to fake a blank name.
 */
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}+$/u;

/**
 * Splits a name into its words: every kind of Unicode white space separates
 * them, and empty or invisible words are dropped.
 */
export function splitNameWords(fullName: string): string[] {
  return fullName.split(SEPARATORS).filter((word) => word.length > 0 && !INVISIBLE.test(word));
}

let segmenter: Intl.Segmenter | null | undefined;

/** The user-perceived characters (grapheme clusters) of `word`. */
function graphemesOf(word: string): string[] {
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
  }
  return segmenter ? Array.from(segmenter.segment(word), (s) => s.segment) : Array.from(word);
}

/**
 * The start of `word` up to and including its `count`-th visible grapheme
 * cluster. Invisible ones before it (a right-to-left mark, say) are kept with
 * it, so the result always shows `count` characters when the word has them.
 */
function firstGraphemes(word: string, count: number): string {
  let prefix = '';
  let visible = 0;
  for (const grapheme of graphemesOf(word)) {
    if (visible === count) break;
    prefix += grapheme;
    if (!INVISIBLE.test(grapheme)) visible += 1;
  }
  return prefix;
}

/**
 * Formats a full name with a name version. Letters are never re-cased, and
 * blank input (empty, white space only, or only invisible characters) gives `""`.
 *
 * - `original`: trimmed, runs of white space collapsed to one space
 * - `v1` / `v2` / `v3`: the first one / two / three words
 * - `v4` / `v5`: the first word, a space, and the first one / two user-perceived
 *   characters (grapheme clusters: a letter with its combining marks, a whole
 *   emoji sequence) of the **last** word: "John Ronald Smith" → "John S" /
 *   "John Sm". A one-word name gives just that word.
 *
 * @example
 * formatName('  john \u00A0Ronald\tSmith ', 'original'); // 'john Ronald Smith'
 * formatName('Zoe\u0308 Lo\u0308we', 'v4'); // 'Zoe\u0308 L'
 */
export function formatName(fullName: string, version: NameVersion): string {
  const words = splitNameWords(fullName);
  switch (version) {
    case 'original':
      return words.join(' ');
    case 'v1':
      return words.slice(0, 1).join(' ');
    case 'v2':
      return words.slice(0, 2).join(' ');
    case 'v3':
      return words.slice(0, 3).join(' ');
    case 'v4':
    case 'v5': {
      const [first, ...rest] = words;
      const last = rest.at(-1);
      if (first === undefined) return '';
      if (last === undefined) return first;
      return `${first} ${firstGraphemes(last, version === 'v4' ? 1 : 2)}`;
    }
  }
}
