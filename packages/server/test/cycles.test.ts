import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// DESIGN.md: no import cycles in any package. A cycle makes module evaluation order matter (a
// binding read before its module ran is undefined), and it ties features that should stay apart.
// Only runtime imports count: `import type`, and imports whose every specifier is `type`, vanish
// when compiled.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const packages = ['core', 'server', 'react'];

/** `@spokestack/<name>[/<subpath>]` → the `source` file its package.json exports. */
function workspaceEntries(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const name of packages) {
    const dir = join(root, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { source?: string }>;
    };
    for (const [subpath, target] of Object.entries(manifest.exports))
      if (target.source?.match(/\.tsx?$/)) entries.set(join(manifest.name, subpath), resolve(dir, target.source));
  }
  return entries;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|stories)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The module specifiers a file imports at runtime, from its top-level import and export declarations. */
export function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
      if (onlyTypes && bindings.elements.length) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.length && clause.elements.every((element) => element.isTypeOnly)) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** The runtime import graph of every package's `src/`, files as paths relative to the repository root. */
function importGraph(): Map<string, string[]> {
  const entries = workspaceEntries();
  const graph = new Map<string, string[]>();
  const resolveSpecifier = (from: string, specifier: string): string | undefined => {
    if (specifier.startsWith('.')) {
      const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
      return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((path) => existsSync(path));
    }
    return entries.get(specifier);
  };
  for (const name of packages)
    for (const file of sourceFiles(join(root, 'packages', name, 'src'))) {
      const targets = runtimeImports(file, readFileSync(file, 'utf8')).flatMap((specifier) => resolveSpecifier(file, specifier) ?? []);
      graph.set(relative(root, file), [...new Set(targets.map((target) => relative(root, target)))]);
    }
  return graph;
}

/** Every cycle's strongly connected component (Tarjan), each named by one loop through it: `a → b → a`. */
export function findCycles(graph: Map<string, string[]>): string[] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.includes(node)) components.push(component);
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => {
    // The shortest loop from the component's first file back to itself, found breadth-first inside it.
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const node = queue.shift()!;
      const next = (graph.get(node) ?? []).filter((n) => members.has(n));
      if (next.includes(start)) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        const loop = [...path, start].join(' → ');
        return component.length > path.length
          ? `${loop} (and ${component.length - path.length} more files in the same knot: ${component
              .filter((f) => !path.includes(f))
              .sort()
              .join(', ')})`
          : loop;
      }
      for (const n of next) if (!previous.has(n) && n !== start) previous.set(n, node), queue.push(n);
    }
    return component.join(' ↔ ');
  });
}

describe('import cycles', () => {
  it('finds runtime imports and skips type-only ones', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B } from './b.js';",
      "import { type C, d } from './c.js';",
      "import * as e from './e.js';",
      "import './f.js';",
      "export type { G } from './g.js';",
      "export { h } from './h.js';",
      "export * from './i.js';",
    ].join('\n');
    expect(runtimeImports('x.ts', text)).toEqual(['./c.js', './e.js', './f.js', './h.js', './i.js']);
  });

  it('names the loop of a cycle', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(graph).sort()).toEqual(['a → b → c → a', 'e → e']);
  });

  it('core, server and react have none', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });
});

describe('feature boundaries', () => {
  const graph = importGraph();
  const server = 'packages/server/src/';
  const features = ['cms', 'dam', 'crm', 'analytics'];

  it('createApp reaches the features only through their list (features.ts)', () => {
    const direct = graph.get(`${server}app.ts`)!;
    expect(direct).toContain(`${server}features.ts`);
    // Not a feature's folder, nor the platform's routes (the generic CRUD in http/ is the app's own).
    const reached = direct.filter(
      (file) => features.some((f) => file.startsWith(`${server}${f}/`)) || /^packages\/server\/src\/platform\/.*routes\.ts$/.test(file),
    );
    expect(reached).toEqual([]);
  });

  it('the platform, the HTTP layer and the jobs know no feature', () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      ['platform/', 'http/', 'jobs/'].some((dir) => file.startsWith(`${server}${dir}`))
        ? targets.filter((target) => features.some((f) => target.startsWith(`${server}${f}/`))).map((target) => `${file} → ${target}`)
        : [],
    );
    expect(offending).toEqual([]);
  });
});
