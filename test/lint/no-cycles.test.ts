// No import cycles in main/ or renderer/, type-only imports included: a cycle is two rooms that cannot be read
// (or moved) one without the other. The layer rules in eslint.config.js keep folders apart; this keeps files
// within a folder acyclic too. (eslint-plugin-import-x's no-cycle skips `import type`, which is why this is a test.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Graph = Map<string, string[]>;

/** Every relative import and re-export of every .ts/.tsx file below `roots`, resolved to a file. */
function importGraph(roots: string[]): Graph {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  roots.forEach(walk);
  const graph: Graph = new Map();
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']*)'/gms)) {
      const base = path.join(path.dirname(file), match[1] ?? '');
      const found = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
      if (found) targets.push(found);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The cycles of a graph, each as the files in order with the first repeated at the end. */
function cyclesOf(graph: Graph): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): void => {
    path.push(file);
    onPath.add(file);
    for (const target of graph.get(file) ?? []) {
      if (onPath.has(target)) cycles.push([...path.slice(path.indexOf(target)), target]);
      else if (!done.has(target)) visit(target);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('there are none in main/ and renderer/src/, counting type-only imports', () => {
    const graph = importGraph(['main', 'renderer/src']);
    expect(graph.size).toBeGreaterThan(100);
    expect(cyclesOf(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('the check finds a type-only cycle, and a longer one through re-exports', () => {
    const graph: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', ['d.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', ['c.ts']],
      ['f.ts', ['a.ts']],
    ]);
    expect(cyclesOf(graph)).toEqual([
      ['a.ts', 'b.ts', 'a.ts'],
      ['c.ts', 'd.ts', 'e.ts', 'c.ts'],
    ]);
  });

  it('reads `import type` and `export … from` as edges', () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'cycles-'));
    fs.writeFileSync(path.join(dir, 'one.ts'), "import type {\n  Two,\n} from './two';\nexport type One = Two;\n");
    fs.writeFileSync(path.join(dir, 'two.ts'), "export type { One as Two } from './one';\n");
    expect(cyclesOf(importGraph([dir])).length).toBe(1);
  });
});
