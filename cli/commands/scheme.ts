// `jixiao scheme validate FILE…` and `jixiao scheme list [--period P]`: check evaluation scheme
// files, and show which scheme scores whom and why (from the last build's resolution).
import { existsSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { crossCheck, defaultSchemesDir, formatProblem, readSchemesDir, type LoadedScheme } from '../../warehouse/schemes/load.ts';
import { crossCheckOrg, readAnySchemeFile, type LoadedOrgScheme } from '../../warehouse/schemes/org-load.ts';
import { scoringPeriodOf } from '../../contract/periods.ts';
import { builtSchemeIds, hasResolution, lastBuild, missingOrgs, schemeSummary, schemeUses, scoringPeriods } from '../../warehouse/schemes/queries.ts';

const scheme: Command = {
  name: 'scheme',
  summary: 'Evaluation schemes (考核方案): validate scheme files, list which scheme applies to whom',
  usage: 'validate FILE… | list [--period P] [--by-org] [--schemes DIR] [--db FILE]',
  description: `validate FILE…  checks each scheme file (JSON) against the scheme format — a managers'
                 scheme, or an institution scheme (config/schemes/org/, "subject": "org") —
                 and the files against each other (unique ids, no two schemes of one line and
                 org, or of one org and level, in force in the same month); prints
                 "FILE: path.to.field: reason" for every problem.
                 Exit 0 all valid, 1 any problem.
list             the schemes of the folder (default config/schemes) with line, org node and
                 effective months, then — from the warehouse's last build — which scheme scores
                 the managers of each org node in the period and why (the most specific org
                 ancestor of the same line in force wins). --period takes 2026-06-ytd, 2026-Q2
                 (its year-to-date) or 2026 (the year-end score); default: the latest scored.
                 --by-org adds one line per org node with the reason for its managers.`,
  positionals: true,
  options: {
    period: { type: 'string', help: 'P     scoring period: 2026-06-ytd, 2026-Q2 or 2026 (list)' },
    schemes: { type: 'string', help: 'DIR   scheme folder (default config/schemes) (list)' },
    'by-org': { type: 'boolean', help: '      one line per org node, with the reason (list)' },
    db: dbOption,
  },
  async run({ values, positionals, out }) {
    const [sub, ...args] = positionals;
    if (sub === 'validate') {
      if (args.length === 0) throw new UsageError('validate needs at least one FILE');
      let invalid = 0;
      const valid: LoadedScheme[] = [];
      const validOrg: LoadedOrgScheme[] = [];
      for (const file of args) {
        const r = readAnySchemeFile(file);
        if (r.kind === 'org' && r.scheme) {
          const o = r.scheme;
          validOrg.push({ file, scheme: o });
          out.write(`${file}: ok — ${o.scheme_id} (institutions: ${o.levels.join(', ')}, ${o.org_id ?? 'head office'}, from ${o.effective_from}), ${o.indicators.length} indicators\n`);
        } else if (r.kind === 'manager' && r.scheme) {
          const m = r.scheme;
          valid.push({ file, scheme: m });
          out.write(`${file}: ok — ${m.scheme_id} (${m.line}, ${m.org_id ?? 'head office'}, from ${m.effective_from}), ${m.indicators.length} indicators\n`);
        } else {
          invalid += 1;
          for (const p of r.problems) out.write(formatProblem(p) + '\n');
        }
      }
      // Files given together are checked against each other too (ids, overlapping schemes); an
      // institution scheme's id may not be a managers' one either (their card rows share tables).
      const clashes = [...crossCheck(valid), ...crossCheckOrg(validOrg, valid.map((v) => v.scheme.scheme_id))];
      for (const p of clashes) out.write(formatProblem(p) + '\n');
      out.write(`${args.length - invalid} valid, ${invalid} invalid${clashes.length ? `, ${clashes.length} clash(es) between files` : ''}\n`);
      return invalid || clashes.length ? 1 : 0;
    }
    if (sub === 'list') {
      if (args.length) throw new UsageError(`list takes no arguments (got ${args.join(' ')})`);
      return list(values, out);
    }
    throw new UsageError(sub ? `unknown subcommand '${sub}' (validate or list)` : 'a subcommand is needed: validate or list');
  },
};

async function list(values: Record<string, unknown>, out: NodeJS.WritableStream): Promise<number> {
  let period: string | null = null;
  if (typeof values.period === 'string') {
    period = scoringPeriodOf(values.period);
    if (!period) throw new UsageError(`--period: '${values.period}' is not a scoring period (2026-06-ytd, 2026-Q2 or 2026)`);
  }
  const dir = typeof values.schemes === 'string' ? values.schemes : defaultSchemesDir;
  const { schemes, problems } = readSchemesDir(dir);
  out.write(`Schemes in ${dir === defaultSchemesDir ? relative(process.cwd(), dir) || dir : dir} (${schemes.length}):\n`);
  for (const { file, scheme: s } of schemes) {
    out.write(
      `  ${s.scheme_id.padEnd(22)} ${s.line.padEnd(10)} ${(s.org_id ?? 'head office').padEnd(12)} ` +
        `${s.effective_from} → ${s.effective_to ?? 'open'}  ${String(s.indicators.length).padStart(2)} indicators  ${basename(file)}\n`,
    );
  }
  for (const p of problems) out.write(`  invalid: ${formatProblem(p)}\n`);

  const db = resolveDbPath(values.db);
  if (!existsSync(db)) {
    out.write(`\nNo warehouse at ${db}: run \`jixiao build\` to see which scheme scores whom.\n`);
    return problems.length ? 1 : 0;
  }
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    if (!(await hasResolution(wh))) {
      out.write(`\n${db} has no scorecards yet: run \`jixiao build\`.\n`);
      return problems.length ? 1 : 0;
    }
    const orgIds = schemes.map((l) => l.scheme.org_id).filter((o): o is string => o !== null);
    for (const org of await missingOrgs(wh, orgIds)) {
      const ids = schemes.filter((l) => l.scheme.org_id === org).map((l) => l.scheme.scheme_id);
      out.write(`  warning: ${ids.join(', ')}: org ${org} is not in the warehouse's org tree, so the scheme applies to nobody\n`);
    }
    const periods = await scoringPeriods(wh);
    const chosen = period ?? periods[0];
    if (!chosen || !periods.includes(chosen)) {
      out.write(`\nNo scorecards for ${chosen ?? 'any period'} (scored: ${periods.join(', ') || 'none'}).\n`);
      return 1;
    }
    const built = await lastBuild(wh);
    const inFiles = schemes.map((l) => l.scheme.scheme_id).sort();
    const inBuild = await builtSchemeIds(wh);
    if (inFiles.join(',') !== inBuild.join(',')) {
      out.write(`\nnote: the last build used the schemes ${inBuild.join(', ')}; run \`jixiao build\` to apply the files above.\n`);
    }
    out.write(`\nWho is scored by which scheme in ${chosen} (${db}, as of the last build${built ? ` ${built}` : ''}):\n`);
    for (const s of await schemeSummary(wh, chosen)) {
      if (s.scheme_id === null) {
        out.write(`  NOT SCORED: ${s.managers} ${s.line} manager(s) in ${s.orgs} org node(s): no ${s.line} scheme in force at their org or above\n`);
        continue;
      }
      out.write(
        `  ${s.scheme_id}: ${s.managers} ${s.line} manager(s) in ${s.orgs} org node(s) — the scheme of ${s.scheme_org_id} (${s.scheme_org_level}), ` +
          `their nearest org ancestor with a ${s.line} scheme in force` +
          (s.overridden ? `; overrides ${s.overridden}` : '') +
          '\n',
      );
    }
    if (values['by-org']) {
      out.write('\nBy org node:\n');
      for (const u of await schemeUses(wh, chosen)) {
        out.write(`  ${u.org_id} (${u.org_level ?? '?'}, ${u.line}): ${u.managers} manager(s) — ${u.reason}\n`);
      }
    }
    return problems.length ? 1 : 0;
  } finally {
    wh.close();
  }
}

export default scheme;
