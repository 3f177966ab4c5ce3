// The read side reads marts (and the staging views of the reference files) only: no `raw_*` or
// `int_*` table outside the build, and no import cycle among the query modules.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../warehouse/paths.ts';

const tsFiles = (dir: string): string[] =>
  readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** The file without comments, so that a comment may name the model a mart is made from. */
const code = (file: string) =>
  readFileSync(join(projectRoot, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/[^\n]*/g, '$1');

describe('the read path', () => {
  it('reads no raw_* or int_* table outside the build', () => {
    const readers = [...tsFiles('api'), ...tsFiles('warehouse/queries'), ...tsFiles('warehouse/exports'), 'warehouse/schemes/queries.ts'];
    expect(readers.length).toBeGreaterThan(30);
    const found = readers.flatMap((f) => [...code(f).matchAll(/\b(raw|int)_[a-z][a-z0-9_]*/g)].map((m) => `${f}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  it('has no import cycle among warehouse/queries', () => {
    const files = tsFiles('warehouse/queries');
    const imports = new Map(
      files.map((f) => [
        f,
        [...code(f).matchAll(/from '(\.[^']+)'/g)].map((m) => relative(projectRoot, resolve(projectRoot, dirname(f), m[1]!))).filter((t) => files.includes(t)),
      ]),
    );
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (path.includes(f)) return void cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
      for (const t of imports.get(f) ?? []) visit(t, [...path, f]);
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
