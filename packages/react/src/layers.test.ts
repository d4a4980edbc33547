import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Two layers: the headless modules (controller, stores, data hooks, query keys, strings; every `.ts` file) never
// import a styled component (a `.tsx` module), so a host building its own UI on them downloads none of ours.
// The provider is the one `.tsx` they may use: it holds the SDK and cache every hook reads.

const src = dirname(fileURLToPath(import.meta.url));
const allowed = new Set(['provider.tsx']);
// The unstyled compound primitives are components, but headless too: styled parts import them, never the reverse.
// `Table` is the semantic table the analytics widget parts render their figures in.
const primitives = new Set(['cms/EntryForm.tsx', 'analytics/Widget.tsx', 'crm/Board.tsx', 'ui/Table.tsx']);

/** The styled modules (`.tsx` other than the provider and the primitives) a module imports at runtime. */
async function styledImportsOf(file: string): Promise<string[]> {
  const source = await readFile(join(src, file), 'utf8');
  const found: string[] = [];
  for (const [, path] of source.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)\.js';/gm)) {
    const target = relative(src, join(dirname(join(src, file)), `${path}.tsx`));
    if (existsSync(join(src, target)) && !allowed.has(target) && !primitives.has(target)) found.push(`${file} → ${target}`);
  }
  return found;
}

describe('layers', () => {
  it('keep headless modules free of styled components', async () => {
    const violations: string[] = [];
    let checked = 0;
    for (const file of await readdir(src, { recursive: true })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.startsWith('test/')) continue;
      checked++;
      violations.push(...(await styledImportsOf(file)));
    }
    expect(checked).toBeGreaterThan(20);
    expect(violations).toEqual([]);
  });

  it('keep the unstyled primitives free of styled components (EntryForm and Widget bring no Button, ErrorState or inputs)', async () => {
    const violations: string[] = [];
    for (const file of primitives) violations.push(...(await styledImportsOf(file)));
    expect(violations).toEqual([]);
  });
});
