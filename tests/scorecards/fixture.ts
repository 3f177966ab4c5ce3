// A small hand-made bank for the scorecard tests. The figures the scorecards read
// (mart_manager_metrics, mart_client_period, int_periods) are written by hand here, so each test
// can state its arithmetic; the org tree, managers, assignments, visits and adjustments go in as
// raw extract rows and pass through the real staging views. Then the scheme build input and the
// scorecard models run (plus int_org_ancestors), in the real build order.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { buildOrder, discoverModels } from '../../warehouse/models.ts';
import { load as loadSchemes } from '../../warehouse/build-inputs/schemes.ts';
import { load as loadTargets } from '../../warehouse/build-inputs/targets.ts';
import { configDir, projectRoot } from '../../warehouse/paths.ts';
import { createMacros } from '../../warehouse/macros.ts';

export const fixturesDir = join(projectRoot, 'tests', 'fixtures', 'scorecards');
export const defaultSchemes = join(projectRoot, 'config', 'schemes');

export interface Org {
  org_id: string;
  parent_id: string | null;
  level: string;
}
export interface Manager {
  manager_id: string;
  org_id: string;
  line: 'retail' | 'corporate';
  grade?: string;
}
/** One figure of mart_manager_metrics (base/target optional). */
export interface Metric {
  period: string;
  manager_id: string;
  metric: string;
  actual: string | number;
  base?: string | number | null;
  target?: string | number | null;
}
export interface Bank {
  orgs: Org[];
  managers: Manager[];
  metrics: Metric[];
  clientDeposits?: { period: string; client_id: string; deposit_avg_balance: number }[];
  assignments?: { client_id: string; manager_id: string; valid_from: string; valid_to?: string | null }[];
  visits?: { visit_id: string; visit_date: string; manager_id: string; client_id: string | null; purpose: string }[];
  adjustments?: { year: number; period: string; manager_id: string; item: string; points: number }[];
  /** Rows of the targets file for managers (raw_targets), e.g. a year's target: period 'Y'. */
  targets?: { year: number; period: string; manager_id: string; metric: string; target_value: number; base_value?: number | null }[];
  /** Institution cards: figures of mart_org_metrics, managers of mart_org_period, org rows of the targets file. */
  orgMetrics?: { period: string; org_id: string; metric: string; actual: string | number | null; base?: string | number | null; target?: string | number | null }[];
  orgManagers?: { period: string; org_id: string; managers: number }[];
  orgTargets?: { year: number; period: string; org_id: string; metric: string; target_value: number; base_value?: number | null }[];
  /** Ledgers not delivered in any period (int_period_ledgers false for them); every other one is. */
  undelivered?: ('deposits' | 'loans' | 'fees' | 'sales' | 'visits' | 'business')[];
}

/** Months of 2025-Q4 … 2026-Q4: the quarters and the year-to-date periods at each quarter end. */
const periods = [
  ['2025-Q4', 'quarter', 2025, '2025-10-01', '2025-12-31', 3],
  ['2026-Q1', 'quarter', 2026, '2026-01-01', '2026-03-31', 3],
  ['2026-Q2', 'quarter', 2026, '2026-04-01', '2026-06-30', 3],
  ['2026-Q3', 'quarter', 2026, '2026-07-01', '2026-09-30', 3],
  ['2026-03', 'month', 2026, '2026-03-01', '2026-03-31', 1],
  ['2026-03-ytd', 'ytd', 2026, '2026-01-01', '2026-03-31', 3],
  ['2026-05-ytd', 'ytd', 2026, '2026-01-01', '2026-05-31', 5],
  ['2026-06-ytd', 'ytd', 2026, '2026-01-01', '2026-06-30', 6],
  ['2026-09-ytd', 'ytd', 2026, '2026-01-01', '2026-09-30', 9],
  ['2026-H1', 'half', 2026, '2026-01-01', '2026-06-30', 6],
] as const;

async function insertRows(wh: Warehouse, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const cols = Object.keys(row);
    await wh.run(
      `insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `$${c}`).join(', ')})`,
      Object.fromEntries(cols.map((c) => [c, row[c] === null || row[c] === undefined ? null : String(row[c])])),
    );
  }
}

export interface Built {
  wh: Warehouse;
  /** The warehouse file (for commands run against it after `release`). */
  path: string;
  /** Closes the warehouse but keeps the file, so a command can open it. */
  release(): void;
  rows<T = Record<string, string | number | boolean | null>>(sql: string, params?: Record<string, string>): Promise<T[]>;
  close(): void;
}

/** Builds the bank with the schemes of these folders (copied together into one folder). */
export async function buildBank(bank: Bank, schemeFolders: string[] = [defaultSchemes]): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-scorecards-'));
  const schemesDir = join(dir, 'schemes');
  mkdirSync(schemesDir);
  for (const folder of schemeFolders) {
    for (const f of readdirSync(folder).filter((f) => f.endsWith('.json'))) copyFileSync(join(folder, f), join(schemesDir, f));
    // institution schemes: the folder's org/ subfolder
    const orgs = join(folder, 'org');
    if (existsSync(orgs)) {
      mkdirSync(join(schemesDir, 'org'), { recursive: true });
      for (const f of readdirSync(orgs).filter((f) => f.endsWith('.json'))) copyFileSync(join(orgs, f), join(schemesDir, 'org', f));
    }
  }
  const wh = await Warehouse.open(join(dir, 'w.duckdb'));
  try {
    await insertRows(wh, 'raw_orgs', bank.orgs.map((o) => ({ ...o, org_name: `Org ${o.org_id}`, load_id: 0 })));
    await insertRows(
      wh,
      'raw_managers',
      bank.managers.map((m) => ({ ...m, grade: m.grade ?? 'B', manager_name: `Manager ${m.manager_id}`, load_id: 0 })),
    );
    await insertRows(wh, 'raw_assignments', (bank.assignments ?? []).map((a) => ({ share: 1, valid_to: null, ...a, load_id: 0 })));
    await insertRows(wh, 'raw_visits', (bank.visits ?? []).map((v) => ({ ...v, load_id: 0 })));
    await insertRows(
      wh,
      'raw_adjustments',
      (bank.adjustments ?? []).map((a, k) => ({ ...a, line_no: k + 2, load_id: 0 })),
    );
    await insertRows(
      wh,
      'raw_targets',
      [
        ...(bank.targets ?? []).map(({ manager_id, ...t }) => ({ base_value: null, ...t, subject_type: 'manager', subject_id: manager_id, load_id: 0 })),
        ...(bank.orgTargets ?? []).map(({ org_id, ...t }) => ({ base_value: null, ...t, subject_type: 'org', subject_id: org_id, load_id: 0 })),
      ],
    );
    await wh.run(`create table int_periods (period varchar, period_type varchar, year integer, start_date date,
      end_date date, days integer, months integer, base_period varchar, base_date date)`);
    for (const [period, type, year, start, end, months] of periods) {
      await wh.run(
        `insert into int_periods values ($p, $t, $y, $s::date, $e::date, $e::date - $s::date + 1, $m, null, null)`,
        { p: period, t: type, y: year, s: start, e: end, m: months },
      );
    }
    await wh.run(`create table mart_manager_metrics (period varchar, manager_id varchar, metric varchar,
      actual decimal(24,6), base decimal(24,6), target decimal(24,6), achievement decimal(18,6), growth decimal(24,6))`);
    await insertRows(wh, 'mart_manager_metrics', bank.metrics.map((m) => ({ base: null, target: null, ...m })));
    await wh.run(`create table mart_client_period (period varchar, client_id varchar, deposit_avg_balance decimal(18,2))`);
    await insertRows(wh, 'mart_client_period', bank.clientDeposits ?? []);

    await wh.run(`create table mart_org_metrics (period varchar, org_id varchar, metric varchar,
      actual decimal(24,6), base decimal(24,6), target decimal(24,6), achievement decimal(18,6), growth decimal(24,6))`);
    await insertRows(wh, 'mart_org_metrics', (bank.orgMetrics ?? []).map((m) => ({ base: null, target: null, ...m })));
    await wh.run(`create table mart_org_period (period varchar, org_id varchar, level varchar, managers bigint)`);
    const levelOf = new Map(bank.orgs.map((o) => [o.org_id, o.level]));
    await insertRows(wh, 'mart_org_period', (bank.orgManagers ?? []).map((m) => ({ ...m, level: levelOf.get(m.org_id) })));
    // every ledger delivered in every period (the coverage of a full delivery; int_period_ledgers),
    // but those the bank names as not delivered
    const delivered = (l: string) => String(!(bank.undelivered ?? []).includes(l as never));
    await wh.run(`create table int_period_ledgers as select period, ${['deposits', 'loans', 'fees', 'sales', 'visits', 'business']
      .map((l) => `${delivered(l)} as ${l}`).join(', ')}, true as reference from int_periods`);

    await loadSchemes(wh, { schemesDir });
    await loadTargets(wh, { configDir });
    await createMacros(wh); // as every build does
    const handMade = new Set(['int_periods', 'mart_manager_metrics', 'mart_client_period', 'mart_org_metrics', 'mart_org_period', 'int_period_ledgers']);
    const all = discoverModels();
    const wanted = all.filter(
      (m) =>
        !handMade.has(m.name) &&
        (m.layer === 'staging' || ['int_org_ancestors', 'mart_org_ancestors', 'int_manager_orgs', 'mart_target_cascade'].includes(m.name) || /(^|\/)scorecards\//.test(m.path)),
    );
    const names = new Set(wanted.map((m) => m.name));
    for (const m of buildOrder(wanted.map((m) => ({ ...m, dependsOn: m.dependsOn.filter((d) => names.has(d)) })))) {
      try {
        await wh.run(`create or replace ${m.kind} ${m.name} as\n${m.sql}`);
      } catch (e) {
        throw new Error(`model ${m.name}: ${(e as Error).message}`);
      }
    }
    await createMacros(wh, undefined, 'live'); // as the build does once its models exist
  } catch (e) {
    wh.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let open = true;
  return {
    wh,
    path: join(dir, 'w.duckdb'),
    rows: (sql, params) => wh.query(sql, params) as never,
    release() {
      if (open) wh.close();
      open = false;
    },
    close() {
      if (open) wh.close();
      open = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The usual tree: head office → two tier-1 branches → sub-branches. */
export const tree: Org[] = [
  { org_id: 'HO', parent_id: null, level: 'head_office' },
  { org_id: 'BR1', parent_id: 'HO', level: 'tier1_branch' },
  { org_id: 'BR2', parent_id: 'HO', level: 'tier1_branch' },
  { org_id: 'SB11', parent_id: 'BR1', level: 'sub_branch' },
  { org_id: 'SB12', parent_id: 'BR1', level: 'sub_branch' },
  { org_id: 'SB21', parent_id: 'BR2', level: 'sub_branch' },
];

/**
 * The scorecard and cascade checks (sql/checks/scorecards*.sql, org_scorecards*, target_cascade*, which every build runs too: a query returning
 * the offending rows). Returns the checks that failed, with their first rows.
 */
export async function failedChecks(wh: Warehouse): Promise<Record<string, unknown[]>> {
  const dir = join(projectRoot, 'sql', 'checks');
  const failed: Record<string, unknown[]> = {};
  for (const file of readdirSync(dir).filter((f) => /^(org_scorecards|scorecards|target_cascade)/.test(f) && f.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(dir, file), 'utf8').trim().replace(/;\s*$/, '');
    const rows = await wh.query(`select * from (\n${sql}\n) limit 5`);
    if (rows.length) failed[file] = rows;
  }
  return failed;
}

/**
 * A copy of config/ (in a temp folder) whose retail default scheme scores `indicator` in place of
 * the indicator `replaces` (same weight, so the weights still sum to 100). The caller removes it.
 */
export function configScoring(indicator: Record<string, unknown>, replaces: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
  const copy = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from, { withFileTypes: true })) {
      if (e.isDirectory()) copy(join(from, e.name), join(to, e.name));
      else copyFileSync(join(from, e.name), join(to, e.name));
    }
  };
  copy(join(projectRoot, 'config'), dir);
  const file = join(dir, 'schemes', 'retail_default.json');
  const scheme = JSON.parse(readFileSync(file, 'utf8')) as { indicators: { id: string; weight: number }[] };
  const at = scheme.indicators.findIndex((i) => i.id === replaces);
  if (at < 0) throw new Error(`retail_default has no indicator ${replaces}`);
  scheme.indicators[at] = { ...indicator, weight: scheme.indicators[at]!.weight } as never;
  writeFileSync(file, JSON.stringify(scheme, null, 2));
  return dir;
}

/** The premium-client coverage indicator the tests score: against a fixed target of 80 %. */
export const coverageIndicator = {
  id: 'premium_coverage',
  label: { zh: '优质客户维护覆盖率', en: 'Premium-client coverage' },
  metric: 'maintenance_coverage',
  formula: 'ratio_to_target',
  target_fallback: { fixed: 0.8 },
};
