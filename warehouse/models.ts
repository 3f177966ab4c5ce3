// The SQL models under sql/: discovery, the dependencies each file reads, and their build order.
// A model is one .sql file; its name is the file name without .sql, and it is materialised under
// that name. Dependencies are found from the model names a file mentions (outside comments), so
// dropping a new file anywhere under sql/staging, sql/intermediate or sql/marts needs no registry.
// A file's metric blocks ({% for metric in … %}) are expanded from the metric catalog as it is read
// (warehouse/metric-lists.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { sqlDir } from './paths.ts';
import { expandMetricLists } from './metric-lists.ts';

export type Layer = 'staging' | 'intermediate' | 'marts';
export const layers: Layer[] = ['staging', 'intermediate', 'marts'];

export interface Model {
  name: string;
  layer: Layer;
  /** Path relative to sql/. */
  path: string;
  sql: string;
  /** Names of the models this one reads. */
  dependsOn: string[];
  /** Staging models are views; the others are tables, unless their header says `build only view`. */
  kind: 'view' | 'table';
  /**
   * Header line `-- materialised: build only`: an intermediate table that nothing reads after the
   * build, kept in memory during the build and not written to the warehouse;
   * `-- materialised: build only view`: the same, as a view its readers compute as they read.
   */
  buildOnly?: boolean;
}

export interface Check {
  name: string;
  path: string;
  /** A query returning the rows that break the check: no rows = passed. */
  sql: string;
}

/** Every .sql file under dir, recursively, sorted by path. */
export function sqlFilesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) files.push(...sqlFilesUnder(full));
    else if (entry.endsWith('.sql')) files.push(full);
  }
  return files;
}

/** The SQL text without comments and without a trailing semicolon. */
export function stripComments(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .trim()
    .replace(/;\s*$/, '');
}

function body(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

export function identifiers(sql: string): Set<string> {
  return new Set(stripComments(sql).toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
}

export function discoverModels(root = sqlDir): Model[] {
  const found: Omit<Model, 'dependsOn'>[] = [];
  for (const layer of layers) {
    for (const file of sqlFilesUnder(join(root, layer))) {
      const sql = expandMetricLists(readFileSync(file, 'utf8'), relative(root, file), undefined, root);
      if (body(stripComments(sql)).length === 0) throw new Error(`${relative(root, file)}: empty model`);
      found.push({
        name: basename(file, '.sql'),
        layer,
        path: relative(root, file),
        sql: body(sql),
        kind: layer === 'staging' || /^--\s*materiali[sz]ed:\s*build only view\b/im.test(sql) ? 'view' : 'table',
        buildOnly: layer !== 'staging' && /^--\s*materiali[sz]ed:\s*build only\b/im.test(sql),
      });
    }
  }
  const byName = new Map<string, string>();
  for (const m of found) {
    const other = byName.get(m.name);
    if (other) throw new Error(`two models named ${m.name}: ${other} and ${m.path}`);
    byName.set(m.name, m.path);
  }
  return found.map((m) => {
    const ids = identifiers(m.sql);
    const dependsOn = found.filter((o) => o.name !== m.name && ids.has(o.name)).map((o) => o.name);
    return { ...m, dependsOn };
  });
}

/** Models in an order where each comes after everything it reads (stable: layer, then path). */
export function buildOrder(models: Model[]): Model[] {
  const rank = (m: Model) => `${layers.indexOf(m.layer)}:${m.path}`;
  const pending = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const order: Model[] = [];
  while (pending.size > 0) {
    const ready = [...pending.values()]
      .filter((m) => m.dependsOn.every((d) => done.has(d)))
      .sort((a, b) => rank(a).localeCompare(rank(b)));
    if (ready.length === 0) {
      const stuck = [...pending.values()].map((m) => `${m.name} (reads ${m.dependsOn.filter((d) => !done.has(d)).join(', ')})`);
      throw new Error(`models depend on each other in a cycle: ${stuck.join('; ')}`);
    }
    // Take one at a time so the order stays close to layer/path order.
    const next = ready[0]!;
    order.push(next);
    done.add(next.name);
    pending.delete(next.name);
  }
  return order;
}

export function discoverChecks(root = sqlDir): Check[] {
  return sqlFilesUnder(join(root, 'checks')).map((file) => ({
    name: basename(file, '.sql'),
    path: relative(root, file),
    sql: body(expandMetricLists(readFileSync(file, 'utf8'), relative(root, file), undefined, root)),
  }));
}

/**
 * A build warning (sql/warnings/<name>.sql): a query returning one row per offending item, with a
 * `detail` text column naming the figure and the rows behind it. Unlike a check it never fails the
 * build: its rows are recorded in build_warnings and listed at the end of `jixiao build`. The
 * header's `-- zh:` and `-- en:` lines are its title in both languages.
 */
export interface BuildWarning extends Check {
  title: { zh: string; en: string };
}

export function discoverWarnings(root = sqlDir): BuildWarning[] {
  return sqlFilesUnder(join(root, 'warnings')).map((file) => {
    const path = relative(root, file);
    const text = readFileSync(file, 'utf8');
    const line = (lang: string) => new RegExp(`^--\\s*${lang}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
    const zh = line('zh');
    const en = line('en');
    if (!zh || !en) throw new Error(`sql/${path}: a warning's header needs its title as '-- zh: …' and '-- en: …' lines`);
    return { name: basename(file, '.sql'), path, title: { zh, en }, sql: body(expandMetricLists(text, path, undefined, root)) };
  });
}

/**
 * The SQL with every identifier that names a model replaced by rename(name). Comments, string
 * literals and quoted identifiers are left alone, so only real references change.
 */
export function renameModels(sql: string, names: Set<string>, rename: (name: string) => string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const skipped =
      /^--[^\n]*/.exec(rest) ?? /^\/\*[\s\S]*?\*\//.exec(rest) ?? /^'(?:[^']|'')*'/.exec(rest) ?? /^"(?:[^"]|"")*"/.exec(rest);
    if (skipped) {
      out += skipped[0];
      i += skipped[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      out += names.has(word[0].toLowerCase()) ? rename(word[0].toLowerCase()) : word[0];
      i += word[0].length;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return out;
}
