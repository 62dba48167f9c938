/**
 * The client's import graph (every relative `import`, `export … from` and `import()` under client/):
 * no arrow up a floor (the floors and their exceptions are the ones ESLint holds, eslint.config.js) and
 * no circle between files, which a per-file lint rule cannot see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLIENT_FLOORS, floorViolation } from '../../../eslint.config.js';

const clientRoot = path.resolve(import.meta.dirname, '../../../client');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** file → the client files it imports (`.js` specifiers name the `.ts` source). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(clientRoot)) {
    // The compiler's own scan: static, type-only and dynamic imports and `export … from`.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .filter((i) => i.fileName.startsWith('.'))
      .map((i) => path.resolve(path.dirname(file), i.fileName.replace(/\.js$/, '.ts')))
      .filter((t) => t.startsWith(clientRoot + path.sep) && t.endsWith('.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): the circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.map((f) => path.relative(clientRoot, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('client floors', () => {
  const graph = importGraph();

  it('CL1 reads the whole client (every folder has a floor)', () => {
    const folders = new Set(
      [...graph.keys()].map((f) => path.relative(clientRoot, f).split(path.sep)).map((p) => (p.length === 1 ? '.' : p[0]!)),
    );
    const placed = new Set(CLIENT_FLOORS.flatMap((f) => f.folders));
    expect([...folders].filter((f) => !placed.has(f))).toEqual([]);
    expect(graph.size).toBeGreaterThan(50);
  });

  it('CL1 no import runs up a floor or between features', () => {
    const up = [...graph].flatMap(([from, tos]) => tos.map((to) => floorViolation(from, to)).filter((why): why is string => why !== null));
    expect(up).toEqual([]);
  });

  it('CL1 no circle between client files', () => {
    expect(circles(graph)).toEqual([]);
  });
});
