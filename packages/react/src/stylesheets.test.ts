import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// CSS per feature: the base sheet (tokens + ui primitives), one sheet per feature, and styles.css importing them
// all. A page that shows one feature loads base.css and that feature's sheet, so no sheet may style another's parts.

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path: string) => readFile(join(root, path), 'utf8');

/** The `data-scope` names a folder's components render. */
async function scopesRenderedIn(folder: string): Promise<Set<string>> {
  const scopes = new Set<string>();
  for (const entry of await readdir(join(root, 'src', folder), { recursive: true })) {
    if (!entry.endsWith('.tsx') || entry.endsWith('.test.tsx')) continue;
    for (const [, scope] of (await read(join('src', folder, entry))).matchAll(/data-scope="([a-z-]+)"/g)) scopes.add(scope!);
  }
  return scopes;
}

/** The first `data-scope` of every selector of a sheet: the component the rule styles. */
function styledScopes(css: string): string[] {
  const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').match(/[^{}]+(?=\{)/g) ?? [];
  return selectors.flatMap((selector) =>
    selector.split(/,(?![^(]*\))/).flatMap((one) => [...(/data-scope="([a-z-]+)"/.exec(one)?.slice(1, 2) ?? [])]),
  );
}

describe('stylesheets', () => {
  it('are exported as package subpaths, and styles.css imports every one of them', async () => {
    const exports = JSON.parse(await read('package.json')).exports as Record<string, { source?: string }>;
    const sheets = Object.entries(exports).filter(([path]) => path.endsWith('.css') && path !== './styles.css');
    expect(sheets.map(([path]) => path).sort()).toEqual([
      './analytics/styles.css',
      './base.css',
      './cms/styles.css',
      './crm/styles.css',
      './dam/styles.css',
      './platform/styles.css',
    ]);
    const imported = [...(await read('src/styles.css')).matchAll(/@import "([^"]+)"/g)].map(([, path]) => join('src', path!));
    expect(imported).toEqual(sheets.map(([, { source }]) => relative('.', source!)));
    expect(exports['./styles.css']?.source).toBe('./src/styles.css');
  });

  it('style only their own components', async () => {
    const ui = await scopesRenderedIn('ui');
    for (const [sheet, folder] of [
      ['src/ui/styles.css', 'ui'],
      ['src/platform/styles.css', 'platform'],
      ['src/cms/styles.css', 'cms'],
      ['src/dam/styles.css', 'dam'],
      ['src/crm/styles.css', 'crm'],
      ['src/analytics/styles.css', 'analytics'],
    ] as const) {
      const own = await scopesRenderedIn(folder);
      const styled = styledScopes(await read(sheet));
      expect(styled.length, sheet).toBeGreaterThan(10);
      // A feature may restyle a ui primitive inside its own parts, never another feature's parts.
      expect(
        styled.filter((scope) => !own.has(scope) && !ui.has(scope)),
        sheet,
      ).toEqual([]);
      if (folder === 'ui') expect(styled.filter((scope) => !ui.has(scope))).toEqual([]);
    }
  });

  it('leave no rendered component of a feature to another feature’s sheet', async () => {
    const platform = styledScopes(await read('src/platform/styles.css'));
    const cms = styledScopes(await read('src/cms/styles.css'));
    for (const scope of await scopesRenderedIn('platform')) expect(cms, scope).not.toContain(scope);
    expect(platform).toContain('media-uploader');
  });
});
