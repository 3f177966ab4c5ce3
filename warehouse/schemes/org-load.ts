// Reading institution schemes (config/schemes/org/*.json): each file validated like a managers'
// scheme (one message per problem, `path.to.field: reason`), then against each other: ids are
// unique (also among the managers' schemes, whose card rows share the cfg_scheme_* tables), and two
// schemes of one org node that score a common level may not be in force in the same month.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultSchemesDir, readSchemeFileAs, readSchemeJson, validateScheme, type SchemeProblem } from './load.ts';
import { schemeSchema, type Scheme } from './schema.ts';
import { orgSchemeSchema, type OrgScheme } from './org-schema.ts';
import { periodEndDate, periodStartDate } from '../../contract/periods.ts';

/** Institution schemes live in the org/ subfolder of the schemes folder. */
export const orgSchemesSubdir = 'org';

export interface LoadedOrgScheme {
  file: string;
  scheme: OrgScheme;
}

/** Every `*.json` of `<schemesDir>/org/` (none when the folder is absent), validated. */
export function readOrgSchemesDir(schemesDir = defaultSchemesDir, managerSchemeIds: string[] = []): { schemes: LoadedOrgScheme[]; problems: SchemeProblem[] } {
  const dir = join(schemesDir, orgSchemesSubdir);
  if (!existsSync(dir)) return { schemes: [], problems: [] };
  const schemes: LoadedOrgScheme[] = [];
  const problems: SchemeProblem[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, f);
    const r = readSchemeFileAs(file, orgSchemeSchema);
    problems.push(...r.problems);
    if (r.scheme) schemes.push({ file, scheme: r.scheme });
  }
  problems.push(...crossCheckOrg(schemes, managerSchemeIds));
  return { schemes, problems };
}

/**
 * Checks between institution schemes: ids unique (also among the managers' schemes, whose card
 * rows share the cfg_scheme_* tables), and no two schemes of one org node scoring a common level in
 * force in the same month.
 */
export function crossCheckOrg(schemes: LoadedOrgScheme[], managerSchemeIds: string[] = []): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const taken = new Map<string, string>(managerSchemeIds.map((id) => [id, 'a managers\' scheme']));
  for (const { file, scheme } of schemes) {
    const other = taken.get(scheme.scheme_id);
    if (other) problems.push({ file, path: 'scheme_id', message: `'${scheme.scheme_id}' is also the id of ${other}` });
    else taken.set(scheme.scheme_id, basename(file));
  }
  schemes.forEach((x, i) =>
    schemes.slice(i + 1).forEach((y) => {
      const a = x.scheme;
      const b = y.scheme;
      const shared = a.levels.filter((l) => b.levels.includes(l));
      if (a.org_id !== b.org_id || shared.length === 0) return;
      const aTo = a.effective_to === null ? '9999' : periodEndDate(a.effective_to)!;
      const bTo = b.effective_to === null ? '9999' : periodEndDate(b.effective_to)!;
      if (periodStartDate(a.effective_from)! <= bTo && periodStartDate(b.effective_from)! <= aTo) {
        problems.push({
          file: y.file,
          path: 'effective_from',
          message: `overlaps ${a.scheme_id} (${basename(x.file)}): same org ${a.org_id ?? 'head office'} and level ${shared.join(', ')} in force in the same months; end one with effective_to`,
        });
      }
    }),
  );
  return problems;
}

/**
 * One scheme file of either kind, told apart by its `subject` ("org": an institution scheme, else
 * a managers' one), validated against its kind's format (`jixiao scheme validate`).
 */
export function readAnySchemeFile(file: string): { kind: 'manager'; scheme?: Scheme; problems: SchemeProblem[] } | { kind: 'org'; scheme?: OrgScheme; problems: SchemeProblem[] } {
  const read = readSchemeJson(file);
  if ('problems' in read) return { kind: 'manager', problems: read.problems };
  const subject = typeof read.json === 'object' && read.json !== null ? (read.json as { subject?: unknown }).subject : undefined;
  if (subject === 'org') return { kind: 'org', ...validateScheme(file, read.json, orgSchemeSchema) };
  return { kind: 'manager', ...validateScheme(file, read.json, schemeSchema) };
}
