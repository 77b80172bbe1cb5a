import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A `ts`/`tsx` code block of a README, to be type-checked as a host would use it. */
export interface ReadmeSnippet {
  /** The README, relative to the repository root. */
  readme: string;
  /** Line of the opening fence. */
  line: number;
  language: 'ts' | 'tsx';
  code: string;
  /** `server` for Node code (the server, the sandbox, Node imports), else `app` (the browser). */
  target: 'app' | 'server';
}

/** The READMEs whose snippets a host copies. */
export const READMES = [
  'README.md',
  'packages/core/README.md',
  'packages/react/README.md',
  'packages/ui/README.md',
  'packages/server/README.md',
  'packages/stripe-sandbox/README.md',
];

/** Node code: it imports the server, the sandbox, Stripe's SDK or Node, or uses the server or `process`. */
const SERVER_CODE =
  /from '(@referkit\/server|@referkit\/stripe-sandbox|stripe|node:[\w/]+|msw\/node)'|\breferkit\.|\bprocess\./;

/** Every ```ts and ```tsx block of the READMEs, in order. */
export function readmeSnippets(repoRoot: string): ReadmeSnippet[] {
  const snippets: ReadmeSnippet[] = [];
  for (const readme of READMES) {
    const lines = readFileSync(path.join(repoRoot, readme), 'utf8').split('\n');
    let open: { line: number; language: 'ts' | 'tsx'; body: string[] } | null = null;
    let inOtherBlock = false;
    lines.forEach((text, index) => {
      const fence = /^```(\S*)/.exec(text);
      if (open) {
        if (fence) {
          const code = `${open.body.join('\n')}\n`;
          const target = SERVER_CODE.test(code) ? 'server' : 'app';
          snippets.push({ readme, line: open.line, language: open.language, code, target });
          open = null;
        } else open.body.push(text);
      } else if (fence) {
        const language = fence[1];
        if (inOtherBlock) inOtherBlock = false;
        else if (language === 'ts' || language === 'tsx')
          open = { line: index + 1, language, body: [] };
        else inOtherBlock = true;
      }
    });
  }
  return snippets;
}

/** The file a snippet is written to in the host, e.g. `snippets/app/packages-ui-README-22.tsx`. */
export function snippetFile(snippet: ReadmeSnippet): string {
  const name = snippet.readme.replace(/\.md$/, '').replace(/[/.]/g, '-');
  return `snippets/${snippet.target}/${name}-${snippet.line}.${snippet.language}`;
}

/** The snippet as a module, headed by where it comes from. */
export function snippetSource(snippet: ReadmeSnippet): string {
  return `// ${snippet.readme}, line ${snippet.line}\n${snippet.code}export {};\n`;
}
