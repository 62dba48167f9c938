/**
 * SPEC.md and the tests keep one promise: every rule has one ID, and at least one test names it
 * (`grep -rn "P7" tests/` finds them). This test reads both and fails on a duplicate ID, an ID no test
 * names, a test naming an ID the SPEC does not have, and ID ranges ("T1–T4") that grep cannot find.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SPEC = fs.readFileSync(path.resolve('SPEC.md'), 'utf8');
const TESTS_DIR = path.resolve('tests');

/** A rule is a list item that opens with its bold ID: `- **P7** …`. */
function specIds(text: string): string[] {
  return [...text.matchAll(/^\s*- \*\*([A-Z]+\d+[a-z]?)\*\*/gm)].map((m) => m[1]!);
}

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(full);
    return e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Names given to `describe`, `it`, `test` (also `it.each(…)(name)`): the first string argument. */
function testNames(source: string): string[] {
  const call = /(?:\b(?:describe|it|test)(?:\.(?:skip|only|concurrent|sequential|fails))?|\]\s*\))\s*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  return [...source.matchAll(call)].map((m) => m[2]!);
}

const ID = /\b([A-Z]{1,4}\d{1,2}[a-z]?)\b/g;
const RANGE = /\b[A-Z]{1,4}\d{1,2}[a-z]?\s*[–—-]\s*[A-Z]{0,4}\d{1,2}\b/;

const ids = specIds(SPEC);
const names = testFiles(TESTS_DIR).flatMap((file) =>
  testNames(fs.readFileSync(file, 'utf8')).map((name) => ({ file: path.relative(TESTS_DIR, file), name })),
);

describe('SPEC.md rule IDs', () => {
  it('the SPEC has rules and the tests have names to check (the parsers still match)', () => {
    expect(ids.length).toBeGreaterThan(100);
    expect(names.length).toBeGreaterThan(200);
  });

  it('every rule ID is defined once', () => {
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  it('every rule ID is named by at least one test', () => {
    const named = new Set(names.flatMap(({ name }) => [...name.matchAll(ID)].map((m) => m[1]!)));
    expect(ids.filter((id) => !named.has(id))).toEqual([]);
  });

  it('tests name only IDs the SPEC defines, one by one (no ranges)', () => {
    const known = new Set(ids);
    const unknown = names.flatMap(({ file, name }) =>
      [...name.matchAll(ID)].filter((m) => !known.has(m[1]!)).map((m) => `${file}: ${m[1]} in "${name}"`),
    );
    expect(unknown).toEqual([]);
    expect(names.filter(({ name }) => RANGE.test(name)).map(({ file, name }) => `${file}: "${name}"`)).toEqual([]);
  });
});
