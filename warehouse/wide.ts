// The wide build: the same models, read with 128-bit decimals, for a warehouse holding amounts the
// ordinary (64-bit) build cannot sum. The ordinary build keeps money in DECIMAL(18,x) — a 64-bit
// integer, ~30× cheaper to sum, round and write than DECIMAL(38,x) — and its 64-bit macros hold up to
// ~10^10 yuan per client figure; beyond that DuckDB raises an overflow error (it never wraps). The
// build then runs again in this form: every DECIMAL(18,x) and DECIMAL(24,x) of the models and checks
// is read as DECIMAL(38,x), every macro call goes to its wide_ twin, whose text is the macro's own
// with the same types widened — except the three 64-bit macros, written again in 128-bit integers
// (sql/wide/64bit_macros_wide.sql). One definition of every figure; two widths of arithmetic.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlDir } from './paths.ts';

/** DuckDB's messages for a value beyond its type: a cast out of range, an integer or decimal overflow. */
export function isOverflow(e: unknown): boolean {
  return /out of range|overflow/i.test((e as Error)?.message ?? '');
}

const macroStatement = /create\s+(?:or\s+replace\s+)?macro\s+([a-z_][a-z0-9_]*)\s*\(/i;

/** Every `create macro` statement of the macro files, in the order they are applied. */
function macroStatements(root: string): string[] {
  const files = ['schema', 'macros']
    .map((d) => join(root, d))
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.sql')).sort().map((f) => join(d, f)));
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => !/^\s*--/.test(l))
      .join('\n')
      .split(/;\s*(?:\n|$)/)
      .map((s) => s.trim())
      .filter((s) => macroStatement.test(s)),
  );
}

export interface WideForm {
  /** SQL creating every wide_ macro. */
  macros: string[];
  /** A model's or check's SQL read in the wide form. */
  widen(sql: string): string;
}

export function wideForm(root = sqlDir): WideForm {
  const statements = macroStatements(root);
  const names = [...new Set(statements.map((s) => macroStatement.exec(s)![1]!.toLowerCase()))];
  const call = new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'gi');
  const widenTypes = (sql: string) => sql.replace(/\bdecimal\s*\(\s*(?:18|24)\s*,/gi, 'decimal(38,');
  const widen = (sql: string) => widenTypes(sql).replace(call, (_m, name: string) => `wide_${name.toLowerCase()}(`);
  const own = readFileSync(join(root, 'wide', '64bit_macros_wide.sql'), 'utf8');
  const macros = [
    ...statements.map((s) => widen(s).replace(/^create\s+(?:or\s+replace\s+)?macro/i, 'create or replace macro')),
    ...own.split('\n').filter((l) => !/^\s*--/.test(l)).join('\n').split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0),
  ];
  return { macros, widen };
}
