import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NAME_VERSION,
  NAME_VERSION_IDS,
  NAME_VERSIONS,
  type NameVersion,
} from './name-version-definitions';
import { formatName, splitNameWords } from './name-versions';

/** Every version's result for one name, in NAME_VERSION_IDS order. */
function allVersions(name: string): Record<NameVersion, string> {
  return Object.fromEntries(NAME_VERSION_IDS.map((id) => [id, formatName(name, id)])) as Record<
    NameVersion,
    string
  >;
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string) => Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
const isInvisible = (grapheme: string) => /^\p{Default_Ignorable_Code_Point}+$/u.test(grapheme);

describe('NAME_VERSIONS', () => {
  it('lists every version once, in the wizard order, with a label and description', () => {
    expect(NAME_VERSIONS.map((v) => v.id)).toEqual(['original', 'v1', 'v2', 'v3', 'v4', 'v5']);
    expect(NAME_VERSIONS.map((v) => v.label)).toEqual(['Original', 'V1', 'V2', 'V3', 'V4', 'V5']);
    for (const version of NAME_VERSIONS) expect(version.description.length).toBeGreaterThan(5);
  });

  it('gives examples that are exactly what formatName does to "John Ronald Smith"', () => {
    for (const version of NAME_VERSIONS) {
      expect(formatName('John Ronald Smith', version.id)).toBe(version.example);
    }
  });

  it('starts new syncs on V1', () => {
    expect(DEFAULT_NAME_VERSION).toBe('v1');
  });
});

describe('formatName', () => {
  it('formats a plain three-word name with every version', () => {
    expect(allVersions('John Ronald Smith')).toEqual({
      original: 'John Ronald Smith',
      v1: 'John',
      v2: 'John Ronald',
      v3: 'John Ronald Smith',
      v4: 'John S',
      v5: 'John Sm',
    });
  });

  it('uses the last word, not the second, for V4 and V5 of a long name', () => {
    expect(formatName('Anna Maria Luisa de Medici', 'v4')).toBe('Anna M');
    expect(formatName('Anna Maria Luisa de Medici', 'v5')).toBe('Anna Me');
    expect(formatName('Anna Maria Luisa de Medici', 'v3')).toBe('Anna Maria Luisa');
  });

  it('trims and collapses white space for Original without touching anything else', () => {
    expect(formatName('  John    Smith  ', 'original')).toBe('John Smith');
    expect(formatName('John Smith', 'original')).toBe('John Smith');
  });

  it('never re-cases letters', () => {
    expect(allVersions('jOHN mcDONALD')).toMatchObject({
      original: 'jOHN mcDONALD',
      v1: 'jOHN',
      v4: 'jOHN m',
      v5: 'jOHN mc',
    });
    expect(formatName('ÉLODIE durand', 'v5')).toBe('ÉLODIE du');
  });

  it('gives a one-word name as it is for every version', () => {
    for (const version of NAME_VERSION_IDS) expect(formatName(' Cher ', version)).toBe('Cher');
  });

  it('gives two-word names whole for V2 and V3', () => {
    expect(formatName('Ada Lovelace', 'v2')).toBe('Ada Lovelace');
    expect(formatName('Ada Lovelace', 'v3')).toBe('Ada Lovelace');
  });

  it('gives "" for empty, blank and invisible-only names', () => {
    const blanks = ['', ' ', '\t\n', '\u00A0\u2003\u3000', '\u0085', '\u200E\u200F', '\u3164'];
    for (const blank of blanks) {
      for (const version of NAME_VERSION_IDS) expect(formatName(blank, version)).toBe('');
    }
  });

  it.each([
    ['no-break space U+00A0', 'John\u00A0Ronald\u00A0Smith'],
    ['em space U+2003', 'John\u2003Ronald\u2003Smith'],
    ['ideographic space U+3000', '\u3000John\u3000Ronald\u3000Smith\u3000'],
    ['tabs', '\tJohn\tRonald\t\tSmith\t'],
    ['newlines', '\nJohn\r\nRonald\nSmith\n'],
    ['next line U+0085', 'John\u0085Ronald\u0085Smith'],
    ['line and paragraph separators', 'John\u2028Ronald\u2029Smith'],
    ['narrow and medium spaces', 'John\u202FRonald\u205FSmith'],
    ['ogham space U+1680', 'John\u1680Ronald\u1680Smith'],
    ['zero-width space and BOM', '\uFEFFJohn\u200BRonald\u200BSmith'],
    ['a mix of them all', ' \t\u00A0John \u2003\u3000 Ronald\u0085\n\u2009Smith\u00A0'],
  ])('treats %s as a word separator', (_, name) => {
    expect(allVersions(name)).toEqual(allVersions('John Ronald Smith'));
  });

  it('does not treat a zero-width joiner as a separator', () => {
    expect(formatName('Sam\u200DSmith Jones', 'v1')).toBe('Sam\u200DSmith');
  });

  it('treats CJK without spaces as one word for every version', () => {
    for (const version of NAME_VERSION_IDS)
      expect(formatName('山田太郎', version)).toBe('山田太郎');
  });

  it('handles right-to-left scripts in logical order', () => {
    expect(allVersions('محمد بن سلمان')).toEqual({
      original: 'محمد بن سلمان',
      v1: 'محمد',
      v2: 'محمد بن',
      v3: 'محمد بن سلمان',
      v4: 'محمد س',
      v5: 'محمد سل',
    });
  });

  it.each<[kind: string, name: string, version: NameVersion, expected: string]>([
    ['precomposed accents', '  José   Álvarez  ', 'original', 'José Álvarez'],
    ['precomposed accents', 'José Álvarez', 'v5', 'José Ál'],
    ['a combining mark in the first word', 'Zoe\u0308 Smith', 'v1', 'Zoe\u0308'],
    ['a combining mark in the first word', 'Zoe\u0308 Smith', 'v4', 'Zoe\u0308 S'],
    ['combining marks in the last word', 'Zoe\u0308 Lo\u0308we', 'v4', 'Zoe\u0308 L'],
    ['combining marks in the last word', 'Zoe\u0308 Lo\u0308we', 'v5', 'Zoe\u0308 Lo\u0308'],
    ['a combining mark on the initial', 'Anne E\u0301lodie', 'v4', 'Anne E\u0301'],
    ['stacked combining marks', 'Ana N\u0303u\u0301n\u0303ez', 'v5', 'Ana N\u0303u\u0301'],
    ['an emoji ZWJ sequence with a skin tone', 'Sam 👩🏽‍💻Coder', 'v4', 'Sam 👩🏽‍💻'],
    ['an emoji ZWJ sequence with a skin tone', 'Sam 👩🏽‍💻Coder', 'v5', 'Sam 👩🏽‍💻C'],
    ['a family emoji', 'Kim 👨‍👩‍👧‍👦', 'v5', 'Kim 👨‍👩‍👧‍👦'],
    ['flags', 'Jean 🇫🇷🇧🇪', 'v4', 'Jean 🇫🇷'],
    ['an emoji with a modifier as first word', '👍🏾 Fan Club', 'v1', '👍🏾'],
    ['an emoji with a variation selector', 'Lee ❤️‍🔥Heart', 'v4', 'Lee ❤️‍🔥'],
    ['CJK with an ideographic space', '山田\u3000太郎', 'v4', '山田 太'],
    ['Hangul syllables', '김 민준', 'v5', '김 민준'],
    [
      'Hangul conjoining jamo',
      'Kim \u1100\u1161\u11A8\u1102\u1161',
      'v4',
      'Kim \u1100\u1161\u11A8',
    ],
    ['Arabic vowel marks', 'مُحَمَّد عَلِي', 'v4', 'مُحَمَّد عَ'],
    ['Hebrew', 'דוד בן גוריון', 'v2', 'דוד בן'],
    ['Hebrew', 'דוד בן גוריון', 'v4', 'דוד ג'],
    ['Hebrew points', 'שָׁלוֹם כהן', 'v1', 'שָׁלוֹם'],
    ['right-to-left marks', '\u200Fمحمد \u200Fسلمان', 'v4', '\u200Fمحمد \u200Fس'],
    ['a trailing invisible word', 'John \u200E', 'v4', 'John'],
    ['a Hangul filler word', 'John \u3164 Smith', 'v2', 'John Smith'],
    ['a hyphenated first name', "Mary-Jane O'Neil", 'v1', 'Mary-Jane'],
    ['an apostrophe surname', "Mary-Jane O'Neil", 'v4', 'Mary-Jane O'],
    ['an apostrophe surname', "Mary-Jane O'Neil", 'v5', "Mary-Jane O'"],
    ['a hyphenated first name', 'Jean-Luc Picard', 'v1', 'Jean-Luc'],
    ['a typographic apostrophe', 'D’Angelo Russell', 'v4', 'D’Angelo R'],
    ['tildes and a typographic apostrophe', 'Ngũgĩ wa Thiong’o', 'v5', 'Ngũgĩ Th'],
  ])('handles %s: %j as %s is %j', (_, name, version, expected) => {
    expect(formatName(name, version)).toBe(expected);
  });
});

describe('splitNameWords', () => {
  it('splits on every white space and drops empty or invisible words', () => {
    expect(splitNameWords('\u00A0a\t\tb\u3000\u200Ec\u0085 ')).toEqual(['a', 'b', '\u200Ec']);
    expect(splitNameWords(' \u200E ')).toEqual([]);
  });
});

/** Names nobody typed neatly: any graphemes, odd words and every kind of separator. */
const separator = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\u00A0',
  '\u2003',
  '\u3000',
  '\u0085',
  '\u2028',
  '\u200B',
  '\uFEFF',
);
const oddWord = fc.constantFrom(
  'Zoe\u0308',
  '👩🏽‍💻',
  '🇫🇷',
  'محمد',
  'עַל',
  '山田太郎',
  "O'Neil",
  'Mary-Jane',
  '\u200Fسلمان',
  '\u200E',
  '\u3164',
);
const word = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }),
  oddWord,
);
const messyName = fc.oneof(
  fc.array(fc.oneof(word, separator), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const version = fc.constantFrom(...NAME_VERSION_IDS);

describe('formatName properties', () => {
  it('Original is idempotent', () => {
    fc.assert(
      fc.property(messyName, (name) => {
        const once = formatName(name, 'original');
        expect(formatName(once, 'original')).toBe(once);
      }),
    );
  });

  it('every version is idempotent', () => {
    fc.assert(
      fc.property(messyName, version, (name, v) => {
        const once = formatName(name, v);
        expect(formatName(once, v)).toBe(once);
      }),
    );
  });

  it("Original, V1, V2 and V3 give a prefix of the name's words", () => {
    const counts = { original: Number.POSITIVE_INFINITY, v1: 1, v2: 2, v3: 3 } as const;
    fc.assert(
      fc.property(
        messyName,
        fc.constantFrom('original', 'v1', 'v2', 'v3') as fc.Arbitrary<keyof typeof counts>,
        (name, v) => {
          const words = splitNameWords(name);
          expect(splitNameWords(formatName(name, v))).toEqual(words.slice(0, counts[v]));
        },
      ),
    );
  });

  it('V4 and V5 give the first word and a grapheme prefix of the last word', () => {
    fc.assert(
      fc.property(messyName, fc.constantFrom('v4', 'v5'), (name, v) => {
        const words = splitNameWords(name);
        const result = formatName(name, v);
        if (words.length <= 1) {
          expect(result).toBe(words[0] ?? '');
          return;
        }
        const last = words.at(-1) as string;
        const [first, initials, ...more] = splitNameWords(result);
        expect(more).toEqual([]);
        expect(first).toBe(words[0]);
        expect(initials).toBeDefined();
        const taken = graphemes(initials as string);
        // Whole grapheme clusters from the start of the last word…
        expect(graphemes(last).slice(0, taken.length)).toEqual(taken);
        // …showing one (V4) or two (V5) characters, or all the word has.
        const visible = (parts: string[]) => parts.filter((g) => !isInvisible(g)).length;
        expect(visible(taken)).toBe(Math.min(v === 'v4' ? 1 : 2, visible(graphemes(last))));
      }),
    );
  });

  it('has no leading, trailing or doubled spaces and no other white space', () => {
    fc.assert(
      fc.property(messyName, version, (name, v) => {
        const result = formatName(name, v);
        expect(result).not.toMatch(/^ | $| {2}/);
        expect(result).not.toMatch(/(?! )[\p{White_Space}\u200B\uFEFF]/u);
      }),
    );
  });

  it('is never longer than its input', () => {
    fc.assert(
      fc.property(messyName, version, (name, v) => {
        expect(formatName(name, v).length).toBeLessThanOrEqual(name.length);
      }),
    );
  });
});
