import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every component a subpath exports has a story: a story file in stories/ imports it from that subpath (as its
// `component`, a subcomponent, or what its stories render). A new export without one fails here.

const here = dirname(fileURLToPath(import.meta.url));
const storiesDir = join(here, '../../../stories');
const subpaths: Record<string, () => Promise<Record<string, unknown>>> = {
  '@spokestack/react': () => import('./index.js'),
  '@spokestack/react/platform': () => import('./platform/index.js'),
  '@spokestack/react/cms': () => import('./cms/index.js'),
  '@spokestack/react/dam': () => import('./dam/index.js'),
  '@spokestack/react/crm': () => import('./crm/index.js'),
  '@spokestack/react/analytics': () => import('./analytics/index.js'),
};

const isComponent = (value: unknown): boolean =>
  typeof value === 'function' || (typeof value === 'object' && value !== null && '$$typeof' in value);

/** Capitalised runtime exports that are components, or namespaces of components (`Dialog`, `EntryForm`). */
function componentsOf(module: Record<string, unknown>): string[] {
  return Object.entries(module)
    .filter(([name, value]) => /^[A-Z]/.test(name) && (isComponent(value) || Object.values(value as object).some(isComponent)))
    .map(([name]) => name)
    .sort();
}

async function importedByStories(): Promise<Map<string, Set<string>>> {
  const imported = new Map<string, Set<string>>();
  for (const file of await readdir(storiesDir, { recursive: true })) {
    if (!file.endsWith('.stories.tsx') || file.includes('node_modules')) continue;
    const source = await readFile(join(storiesDir, file), 'utf8');
    if (!/export default meta/.test(source)) continue;
    for (const [, names, subpath] of source.matchAll(/import \{([^}]*)\} from '(@spokestack\/react(?:\/[a-z]+)?)'/g)) {
      const set = imported.get(subpath!) ?? new Set();
      for (const name of names!.split(',')) set.add(name.trim().replace(/^type\s+/, ''));
      imported.set(subpath!, set);
    }
  }
  return imported;
}

describe('stories', () => {
  it('exist for every exported component of every subpath', async () => {
    const stories = await importedByStories();
    const missing: string[] = [];
    let count = 0;
    for (const [subpath, load] of Object.entries(subpaths)) {
      for (const name of componentsOf(await load())) {
        count++;
        if (!stories.get(subpath)?.has(name)) missing.push(`${subpath}: ${name}`);
      }
    }
    expect(count).toBeGreaterThan(25);
    expect(missing).toEqual([]);
  });
});

// The states issue 13 names for the analytics components, each a story of its own (a story's name is its export).
const requiredStates: Record<string, string[]> = {
  'analytics/AnalyticsDashboard.stories.tsx': ['NoDataYet', 'Loading', 'Error', 'OneDay', 'TwoYears', 'ClientReadOnly', 'ZeroSpendDay'],
  'analytics/ImportWizard.stories.tsx': ['Default', 'Preview', 'Imported', 'Unreadable', 'Loading', 'Error'],
};

describe('analytics stories', () => {
  it.each(Object.entries(requiredStates))('%s shows every state', async (file, states) => {
    const source = await readFile(join(storiesDir, file), 'utf8');
    const exported = [...source.matchAll(/^export const (\w+): Story/gm)].map((match) => match[1]);
    expect(states.filter((state) => !exported.includes(state))).toEqual([]);
  });
});
