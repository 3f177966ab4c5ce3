// Mapping profiles: how one bank's export layout maps onto the extract contract, without editing
// the files. A profile is JSON (config/profiles/*.json, described in config/profiles/README.md):
// file-name aliases, header aliases (for every kind, or per kind) and value aliases per column.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { kinds, type ColumnSpec, type KindSpec } from './kinds.ts';

const aliasMap = z.record(z.string(), z.string());

export const profileSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  /** File-name prefix → kind, e.g. "存款" → "deposits" (the contract's own names always work). */
  files: aliasMap.default({}),
  /** "*" → header → column for every kind; "<kind>" → header → column for that kind only. */
  headers: z.record(z.string(), aliasMap).default({}),
  /** "<column>" or "<kind>.<column>" → value → canonical value, e.g. five_class: 正常 → normal. */
  values: z.record(z.string(), aliasMap).default({}),
});

export type Profile = z.infer<typeof profileSchema>;

export const profilesDir = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'config', 'profiles');
export const defaultProfilePath = join(profilesDir, 'zh-core.json');

/** The profile with no aliases: only the contract's own names. */
export const emptyProfile: Profile = { name: 'none', files: {}, headers: {}, values: {} };

/** Reads a profile: a path, a name under config/profiles/ ("zh-core"), or "none". */
export function loadProfile(ref: string | undefined): Profile {
  if (ref === 'none') return emptyProfile;
  const path = !ref ? defaultProfilePath : /[/\\]|\.json$/.test(ref) ? ref : join(profilesDir, `${ref}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read profile ${path}: ${(e as Error).message}`);
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`profile ${path} is not valid: ${z.prettifyError(parsed.error)}`);
  const profile = parsed.data;
  for (const [alias, kind] of Object.entries(profile.files)) {
    if (!kinds.some((k) => k.kind === kind)) throw new Error(`profile ${path}: file alias '${alias}' names unknown kind '${kind}'`);
  }
  for (const [scope, map] of Object.entries(profile.headers)) {
    const scoped = scope === '*' ? kinds : kinds.filter((k) => k.kind === scope);
    if (scoped.length === 0) throw new Error(`profile ${path}: header scope '${scope}' is not a kind`);
    for (const [alias, column] of Object.entries(map)) {
      if (!scoped.some((k) => k.columns.some((c) => c.name === column))) {
        throw new Error(`profile ${path}: header alias '${alias}' names unknown column '${column}'`);
      }
    }
  }
  return profile;
}

const norm = (s: string) => s.replace(/^\uFEFF/, '').trim().toLowerCase();

/** The kind of a file from its name: the longest contract name or alias its name starts with. */
export function kindOfFile(fileName: string, profile: Profile): string | undefined {
  const name = norm(basename(fileName));
  if (!/\.(csv|parquet)$/.test(name)) return undefined;
  const candidates: [string, string][] = [
    ...kinds.map((k): [string, string] => [k.kind, k.kind]),
    ...Object.entries(profile.files).map(([alias, kind]): [string, string] => [norm(alias), kind]),
  ];
  let best: [string, string] | undefined;
  for (const [prefix, kind] of candidates) {
    if (name.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, kind];
  }
  return best?.[1];
}

export interface HeaderMapping {
  /** For each position in the file's header: the contract column, or undefined (kept aside). */
  columns: (ColumnSpec | undefined)[];
  /** Header names outside the contract, by position. */
  extra: { position: number; name: string }[];
  /** Problems that make the file unreadable: a column given twice, a required column missing. */
  problems: { column: string; reason: string }[];
}

/** Maps a file's header names onto the contract columns of its kind. */
export function mapHeader(spec: KindSpec, header: string[], profile: Profile): HeaderMapping {
  const aliases = new Map<string, string>();
  for (const scope of ['*', spec.kind]) {
    for (const [alias, column] of Object.entries(profile.headers[scope] ?? {})) {
      if (spec.columns.some((c) => c.name === column)) aliases.set(norm(alias), column);
    }
  }
  for (const c of spec.columns) aliases.set(c.name, c.name);
  const seen = new Map<string, string>();
  const mapping: HeaderMapping = { columns: [], extra: [], problems: [] };
  header.forEach((raw, position) => {
    const name = aliases.get(norm(raw));
    const col = spec.columns.find((c) => c.name === name);
    if (col && seen.has(col.name)) {
      mapping.problems.push({ column: raw, reason: `column ${col.name} given twice (also as '${seen.get(col.name)}')` });
      mapping.columns.push(undefined);
    } else if (col) {
      seen.set(col.name, raw);
      mapping.columns.push(col);
    } else {
      mapping.columns.push(undefined);
      mapping.extra.push({ position, name: raw.replace(/^\uFEFF/, '').trim() });
    }
  });
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) mapping.problems.push({ column: c.name, reason: 'required column missing from the header' });
  }
  return mapping;
}

/** Value aliases of one column: alias → canonical value (a column's own scope wins over the global one). */
export function valueAliases(profile: Profile, kind: string, column: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const scope of [column, `${kind}.${column}`]) {
    for (const [alias, value] of Object.entries(profile.values[scope] ?? {})) out.set(alias.trim().toLowerCase(), value);
  }
  return out;
}
