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

describe('layers', () => {
  it('keep headless modules free of styled components', async () => {
    const violations: string[] = [];
    let checked = 0;
    for (const file of await readdir(src, { recursive: true })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.startsWith('test/')) continue;
      checked++;
      const source = await readFile(join(src, file), 'utf8');
      for (const [, path] of source.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)\.js';/gm)) {
        const target = join(dirname(join(src, file)), `${path}.tsx`);
        if (existsSync(target) && !allowed.has(relative(src, target))) violations.push(`${file} → ${relative(src, target)}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(violations).toEqual([]);
  });
});
