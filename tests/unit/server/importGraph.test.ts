/**
 * The server's import graph has no circle (ARCHITECTURE.md "Server: the room and its features"):
 * contracts sit below handlers, handlers below features, features below the list that composes them.
 * Type-only imports count too: a circle of types is still a circle of meaning. The same holds one
 * level up: the folders of `server/` and of `shared/` form floors, so no folder imports from a folder
 * that imports it back, however long the way round (an arrow up a floor is a circle of folders).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each file's imports of other files in the set (relative specifiers, `.js` → `.ts`). */
function graph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((f) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
      const targets = importedFiles
        .filter((i) => i.fileName.startsWith('.'))
        .map((i) => resolve(dirname(f), i.fileName.replace(/\.js$/, '.ts')))
        .filter((t) => known.has(t));
      return [f, targets];
    }),
  );
}

/** Strongly connected components with more than one file (Tarjan), as root-relative paths. */
function circles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(relative(ROOT, w));
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The folder a file belongs to under `top` (`server/twins/room/x.ts` → `server/twins`; a file at the top is its own). */
function folderOf(top: string, file: string): string {
  const parts = relative(top, file).split(sep);
  return parts.length > 1 ? join(top, parts[0]!) : file;
}

/** The graph of `top`'s folders: an arrow wherever a file of one imports a file of another. */
function folderGraph(top: string): Map<string, string[]> {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of graph(sources(top))) {
    const a = folderOf(top, from);
    const out = folders.get(a) ?? new Set<string>();
    folders.set(a, out);
    for (const t of targets) if (folderOf(top, t) !== a) out.add(folderOf(top, t));
  }
  return new Map([...folders].map(([f, out]) => [f, [...out]]));
}

describe('server import graph', () => {
  it('has no circle', () => {
    const files = sources(join(ROOT, 'server'));
    expect(files.length).toBeGreaterThan(50);
    expect(circles(graph(files))).toEqual([]);
  });

  it('has no circle between its folders: each folder is a floor', () => {
    const g = folderGraph(join(ROOT, 'server'));
    expect(g.size).toBeGreaterThan(15);
    expect(circles(g)).toEqual([]);
  });

  it('has no circle between the folders of shared/ either', () => {
    const g = folderGraph(join(ROOT, 'shared'));
    expect(g.size).toBeGreaterThan(5);
    expect(circles(g)).toEqual([]);
  });

  it('finds a circle of folders when a file imports back up (the check itself works)', () => {
    const top = join(ROOT, 'server');
    expect(folderOf(top, join(top, 'twins', 'room', 'x.ts'))).toBe(join(top, 'twins'));
    expect(folderOf(top, join(top, 'app.ts'))).toBe(join(top, 'app.ts'));
    const low = join(top, 'core');
    const high = join(top, 'rooms');
    expect(
      circles(
        new Map([
          [low, [high]],
          [high, [low]],
        ]),
      ),
    ).toEqual([['server/core', 'server/rooms']]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const a = join(ROOT, 'a.ts');
    const b = join(ROOT, 'b.ts');
    const c = join(ROOT, 'c.ts');
    expect(
      circles(
        new Map([
          [a, [b]],
          [b, [a, c]],
          [c, []],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });
});
