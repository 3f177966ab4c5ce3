// Reading scheme files: JSON parse errors and schema violations become one message per problem,
// `path.to.field: reason`, so `jixiao scheme validate` and the build say exactly what to fix.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import type { z } from 'zod';
import { basename, join } from 'node:path';
import { configDir } from '../paths.ts';
import { schemeSchema, type Scheme } from './schema.ts';
import { periodEndDate, periodStartDate } from '../../contract/periods.ts';

export const defaultSchemesDir = join(configDir, 'schemes');

export interface SchemeProblem {
  file: string;
  /** Dotted field path (`indicators.3.weight`), or `(file)` / `(json)` for the file as a whole. */
  path: string;
  message: string;
}

export interface LoadedScheme {
  file: string;
  scheme: Scheme;
}

export function formatProblem(p: SchemeProblem): string {
  return `${p.file}: ${p.path}: ${p.message}`;
}

/** Parses and validates one scheme file. */
export function readSchemeFile(file: string): { scheme?: Scheme; problems: SchemeProblem[] } {
  return readSchemeFileAs(file, schemeSchema);
}

/** Parses one scheme file and validates it against a schema (managers' or institutions'). */
export function readSchemeFileAs<T>(file: string, schema: z.ZodType<T>): { scheme?: T; problems: SchemeProblem[] } {
  const read = readSchemeJson(file);
  return 'problems' in read ? read : validateScheme(file, read.json, schema);
}

/** A scheme file's JSON, or the problem reading or parsing it (line and column of a JSON error). */
export function readSchemeJson(file: string): { json: unknown } | { problems: SchemeProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { problems: [{ file, path: '(file)', message: (e as Error).message }] };
  }
  try {
    return { json: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { problems: [{ file, path: '(json)', message: jsonError(text, e as Error) }] };
  }
}

/** Validates a scheme's JSON against a schema: one problem per issue, `path.to.field: reason`. */
export function validateScheme<T>(file: string, json: unknown, schema: z.ZodType<T>): { scheme?: T; problems: SchemeProblem[] } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { scheme: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => ({
      file,
      path: issue.path.length ? issue.path.map(String).join('.') : '(scheme)',
      message: issue.message,
    })),
  };
}

/** Every `*.json` scheme of a folder, validated one by one and then against each other. */
export function readSchemesDir(dir = defaultSchemesDir): { schemes: LoadedScheme[]; problems: SchemeProblem[] } {
  if (!existsSync(dir)) return { schemes: [], problems: [{ file: dir, path: '(folder)', message: 'no such folder' }] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
  const schemes: LoadedScheme[] = [];
  const problems: SchemeProblem[] = [];
  for (const file of files) {
    const r = readSchemeFile(file);
    problems.push(...r.problems);
    if (r.scheme) schemes.push({ file, scheme: r.scheme });
  }
  problems.push(...crossCheck(schemes));
  return { schemes, problems };
}

/**
 * Checks between files: scheme ids are unique, and two schemes of one line and one org node may
 * not both be in force in the same month (which one applies would be a guess).
 */
export function crossCheck(schemes: LoadedScheme[]): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const byId = new Map<string, LoadedScheme>();
  for (const s of schemes) {
    const other = byId.get(s.scheme.scheme_id);
    if (other) {
      problems.push({ file: s.file, path: 'scheme_id', message: `'${s.scheme.scheme_id}' is also the id of ${basename(other.file)}` });
    } else byId.set(s.scheme.scheme_id, s);
  }
  for (let i = 0; i < schemes.length; i++) {
    for (let j = i + 1; j < schemes.length; j++) {
      const a = schemes[i]!.scheme;
      const b = schemes[j]!.scheme;
      if (a.line !== b.line || a.org_id !== b.org_id) continue;
      // Dates as YYYY-MM-DD compare as text; an open end is after every date.
      const aFrom = periodStartDate(a.effective_from)!;
      const bFrom = periodStartDate(b.effective_from)!;
      const aTo = a.effective_to === null ? '9999' : periodEndDate(a.effective_to)!;
      const bTo = b.effective_to === null ? '9999' : periodEndDate(b.effective_to)!;
      if (aFrom <= bTo && bFrom <= aTo) {
        problems.push({
          file: schemes[j]!.file,
          path: 'effective_from',
          message: `overlaps ${a.scheme_id} (${basename(schemes[i]!.file)}): same line '${a.line}' and org ${a.org_id ?? 'head office'} in force in the same months; end one with effective_to`,
        });
      }
    }
  }
  return problems;
}

function jsonError(text: string, e: Error): string {
  const reason = e.message.replace(/ in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
  const pos = errorOffset(text);
  const before = text.slice(0, pos).split('\n');
  return `not valid JSON at line ${before.length}, column ${before.at(-1)!.length + 1}: ${reason}`;
}

/**
 * Where JSON.parse gives up. Node 20 does not always say, so find the shortest prefix that fails
 * for a reason other than being cut short (an error at the prefix's very end is a cut).
 */
function errorOffset(text: string): number {
  const stated = /at position (\d+)/;
  for (let i = 1; i <= text.length; i++) {
    try {
      JSON.parse(text.slice(0, i));
    } catch (err) {
      const message = (err as Error).message;
      const at = stated.exec(message);
      const cut = /Unexpected end of JSON input/.test(message) || (at !== null && Number(at[1]) >= i);
      if (!cut) return at ? Number(at[1]) : i - 1;
    }
  }
  return text.length; // every prefix was merely cut short: the file ends too early
}
