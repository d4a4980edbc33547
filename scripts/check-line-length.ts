import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// No line of source over 140 characters. Biome's `lineWidth` only guides the formatter, which leaves long
// strings, comments and SQL as they are; this check holds them too. Markdown is prose and wraps as it likes.
// Run by `pnpm lint`.

const limit = 140;
const files = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.css'], { encoding: 'utf8' }).split('\0').filter(Boolean);
const long: string[] = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.length > limit) long.push(`${file}:${index + 1}: ${line.length} characters`);
    });
}
if (long.length) {
  console.error(`${long.length} line(s) over ${limit} characters:\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`check-line-length: ${files.length} files, no line over ${limit} characters`);
