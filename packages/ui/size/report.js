// Prints the kit's size budgets as a table: runs size-limit (config in
// ../.size-limit.js) and exits non-zero when an entry is over its limit.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync('size-limit', ['--json'], {
  cwd: packageDir,
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
let results;
try {
  results = JSON.parse(run.stdout);
} catch {
  process.stderr.write(run.stdout + run.stderr);
  process.stderr.write('\nsize-limit did not produce a result (see above).\n');
  process.exit(1);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
const rows = [
  ['entry', 'gzipped', 'limit', 'result'],
  ...results.map((r) => [r.name, kB(r.size), kB(r.sizeLimit), r.passed ? 'pass' : 'FAIL']),
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) =>
  row
    .map((cell, column) =>
      column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
    )
    .join('  ');

console.log('Referkit size budgets: minified, gzip -9, peers excluded (react, react-dom,');
console.log(
  '@tanstack/react-query, react-hook-form, zod, @radix-ui/react-dialog); 1 kB = 1000 bytes.\n',
);
console.log(line(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows.slice(1)) console.log(line(row));
if (results.some((r) => !r.passed)) {
  console.log('\nOver budget: see the FAIL rows above.');
  process.exit(1);
}
