// A tiny bank for the API tests: two branches, three sub-branches, four managers, six clients,
// three months of ledgers, built into the real marts by the build runner; users for every role in
// a users file beside it. Each test file makes its own copy in os.tmpdir().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { buildAndPublish, requireResults } from '../../warehouse/results.ts';
import { UserStore } from '../../warehouse/users.ts';
import { openDeps, type OpenedDeps } from '../../api/server.ts';
import { createApp } from '../../api/app.ts';

// HQ ─┬─ B1 ─┬─ S11 (M1 retail, M2 corporate)
//     │      └─ S12 (M3 retail)
//     └─ B2 ─── S21 (M4 corporate)
export const rawSql = `
insert into raw_orgs values
  ('HQ', null, '总行', 'head_office', 1),
  ('B1', 'HQ', '一分行', 'tier1_branch', 1),
  ('B2', 'HQ', '二分行', 'tier1_branch', 1),
  ('S11', 'B1', '东城支行', 'sub_branch', 1),
  ('S12', 'B1', '西城支行', 'sub_branch', 1),
  ('S21', 'B2', '南城支行', 'sub_branch', 1);
insert into raw_managers values
  ('M1', '张三', 'S11', 'retail', 'A', '2020-01-01', null, 1),
  ('M2', '李四', 'S11', 'corporate', 'B', '2021-01-01', null, 1),
  ('M3', '王五', 'S12', 'retail', 'B', '2022-01-01', null, 1),
  ('M4', '赵六', 'S21', 'corporate', 'A', '2019-01-01', null, 1);
insert into raw_clients values
  ('C1', '客户一', 'individual', null, null, '2020-01-01', 'S11', 1),
  ('C2', '客户二', 'individual', null, null, '2020-01-01', 'S11', 1),
  ('C3', '甲公司', 'corporate', 'manufacturing', null, '2020-01-01', 'S11', 1),
  ('C4', '客户四', 'individual', null, null, '2020-01-01', 'S12', 1),
  ('C5', '乙公司', 'corporate', 'retail', null, '2020-01-01', 'S21', 1),
  ('C6', '客户六', 'individual', null, null, '2020-01-01', 'S12', 1);
insert into raw_assignments values
  ('C1', 'M1', 1, '2020-01-01', null, 1),
  ('C2', 'M1', 1, '2020-01-01', null, 1),
  ('C3', 'M2', 1, '2020-01-01', null, 1),
  ('C4', 'M3', 1, '2020-01-01', null, 1),
  ('C5', 'M4', 1, '2020-01-01', null, 1),
  ('C6', 'M1', 0.5, '2020-01-01', null, 1),
  ('C6', 'M3', 0.5, '2020-01-01', null, 1);
insert into raw_products values
  ('DEP1', '活期存款', 'deposit', 0, 1),
  ('DEP12', '一年定期', 'deposit', 12, 1),
  ('LN12', '一年期贷款', 'loan', 12, 1),
  ('FEE1', '结算手续费', 'fee', null, 1),
  ('WM1', '理财产品', 'wealth', null, 1);
insert into raw_ftp_curve (effective_date, term_months, rate, load_id) values
  ('2025-01-01', 0, 2.000000, 1),
  ('2025-01-01', 12, 2.500000, 1);
insert into raw_deposits values
  ('2026-01-31', 'A1', 'C1', 'DEP1', 'CNY', 100000.00, 90000.00, 0.350000, 'S11', 1),
  ('2026-02-28', 'A1', 'C1', 'DEP1', 'CNY', 120000.00, 110000.00, 0.350000, 'S11', 1),
  ('2026-01-31', 'A2', 'C2', 'DEP12', 'CNY', 500000.00, 500000.00, 1.500000, 'S11', 1),
  ('2026-02-28', 'A2', 'C2', 'DEP12', 'CNY', 500000.00, 500000.00, 1.500000, 'S11', 1),
  ('2026-01-31', 'A4', 'C4', 'DEP1', 'CNY', 80000.00, 70000.00, 0.350000, 'S12', 1),
  ('2026-02-28', 'A4', 'C4', 'DEP1', 'CNY', 60000.00, 65000.00, 0.350000, 'S12', 1),
  ('2026-01-31', 'A6', 'C6', 'DEP1', 'CNY', 40000.00, 40000.00, 0.350000, 'S12', 1),
  ('2026-02-28', 'A6', 'C6', 'DEP1', 'CNY', 40000.00, 40000.00, 0.350000, 'S12', 1),
  ('2026-03-31', 'A1', 'C1', 'DEP1', 'CNY', 130000.00, 125000.00, 0.350000, 'S11', 1),
  ('2026-03-31', 'A2', 'C2', 'DEP12', 'CNY', 500000.00, 500000.00, 1.500000, 'S11', 1),
  ('2026-03-31', 'A4', 'C4', 'DEP1', 'CNY', 70000.00, 66000.00, 0.350000, 'S12', 1),
  ('2026-03-31', 'A6', 'C6', 'DEP1', 'CNY', 42000.00, 41000.00, 0.350000, 'S12', 1);
insert into raw_loans values
  ('2026-01-31', 'L3', 'C3', 'LN12', 'CNY', '2025-06-01', '2026-06-01', 2000000.00, 2000000.00, 2000000.00, 4.350000, 'normal', 0, 'M2', 'S11', 1),
  ('2026-02-28', 'L3', 'C3', 'LN12', 'CNY', '2025-06-01', '2026-06-01', 2000000.00, 2000000.00, 2000000.00, 4.350000, 'substandard', 95, 'M2', 'S11', 1),
  ('2026-01-31', 'L5', 'C5', 'LN12', 'CNY', '2025-03-01', '2027-03-01', 3000000.00, 3000000.00, 3000000.00, 4.000000, 'normal', 0, 'M4', 'S21', 1),
  ('2026-02-28', 'L5', 'C5', 'LN12', 'CNY', '2025-03-01', '2027-03-01', 3000000.00, 2900000.00, 2950000.00, 4.000000, 'special_mention', 30, 'M4', 'S21', 1),
  ('2026-03-31', 'L3', 'C3', 'LN12', 'CNY', '2025-06-01', '2026-06-01', 2000000.00, 2000000.00, 2000000.00, 4.350000, 'substandard', 126, 'M2', 'S11', 1),
  ('2026-03-31', 'L5', 'C5', 'LN12', 'CNY', '2025-03-01', '2027-03-01', 3000000.00, 2800000.00, 2850000.00, 4.000000, 'special_mention', 61, 'M4', 'S21', 1);
insert into raw_fees values
  ('2026-01-15', 'F1', 'C1', 'FEE1', 120.00, null, 'S11', 1),
  ('2026-02-10', 'F2', 'C3', 'FEE1', 3000.00, null, 'S11', 1),
  ('2026-02-12', 'F3', 'C5', 'FEE1', 1500.00, 'M4', 'S21', 1);
insert into raw_sales values
  ('2026-02-03', 'SA1', 'C1', 'WM1', 'M1', 50000.00, 1, 'counter', 1),
  ('2026-02-05', 'SA2', 'C4', 'WM1', 'M3', 20000.00, 1, 'mobile', 1);
insert into raw_visits values
  ('2026-01-10', 'V1', 'M1', 'C1', 'maintenance', null, 1),
  ('2026-02-10', 'V2', 'M1', null, 'development', 'prospect', 1),
  ('2026-02-11', 'V3', 'M3', 'C4', 'development', 'sale', 1),
  ('2026-02-20', 'V4', 'M4', 'C5', 'collection', null, 1);
insert into raw_targets values
  (2026, 'Q1', 'manager', 'M1', 'profit_contribution', 1000.000000, 2000.000000, 1),
  (2026, 'Q1', 'manager', 'M4', 'profit_contribution', 20000.000000, 30000.000000, 1),
  (2026, 'Y', 'org', 'HQ', 'profit_contribution', null, 100000.000000, 1),
  (2026, 'Y', 'org', 'B1', 'profit_contribution', null, 60000.000000, 1),
  (2026, 'Y', 'org', 'B2', 'profit_contribution', null, 40000.000000, 1),
  (2026, 'Y', 'org', 'S11', 'profit_contribution', null, 30000.000000, 1);
insert into load_log (load_id, delivery, started_at, finished_at, status, files, rows_read, rows_loaded, rows_rejected, message) values (1, 'tests/api/fixture', '2026-03-05 10:00:00', '2026-03-05 10:00:02', 'loaded', 12, 60, 59, 1, null);
insert into load_files (load_id, file_name, kind, format, encoding, bytes, sha256, rows_read, rows_loaded, rows_rejected, extra_columns) values (1, 'deposits_2026.csv', 'deposits', 'csv', 'utf8', 1234, 'abc', 9, 8, 1, null);
insert into load_rejects (load_id, file_name, line, column_name, value, reason) values (1, 'deposits_2026.csv', 7, 'balance', '12,3x', 'not a number');
`;

export const passwords = {
  head: 'head-pass-2026',
  pres_b1: 'pres-pass-2026',
  pres_s21: 'pres-pass-2026',
  risk_b1: 'risk-pass-2026',
  mgr_m1: 'mgr1-pass-2026',
  admin: 'admin-pass-2026',
  sup_b1: 'sup-pass-2026',
  sup_s21: 'sup-pass-2026',
} as const;
export type FixtureUser = keyof typeof passwords;

export interface Fixture {
  dir: string;
  dbPath: string;
}


/** The fixture bank, or another bank given as its raw_* rows (`sql`), with the same users;
 * `configDir`: build with these configuration files (e.g. a scheme with manual indicators). */
export async function createFixture(opts: { configDir?: string; sql?: string } = {}): Promise<Fixture> {
  const sql = opts.sql ?? rawSql;
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-api-'));
  const dbPath = join(dir, 'bank.duckdb');
  const wh = await Warehouse.open(dbPath);
  try {
    await wh.run(sql);
  } finally {
    wh.close();
  }
  // The real marts, built and published by the build runner from the rows above.
  await buildAndPublish(dbPath, opts.configDir ? { configDir: opts.configDir } : {});
  const users = new UserStore(join(dir, 'bank.users.json'));
  await users.add({ username: 'head', role: 'head_office', password: passwords.head, display_name: '总行' });
  await users.add({ username: 'pres_b1', role: 'branch_president', org_id: 'B1', password: passwords.pres_b1 });
  await users.add({ username: 'pres_s21', role: 'branch_president', org_id: 'S21', password: passwords.pres_s21 });
  await users.add({ username: 'risk_b1', role: 'risk_officer', org_id: 'B1', password: passwords.risk_b1 });
  await users.add({ username: 'mgr_m1', role: 'manager', org_id: 'S11', manager_id: 'M1', password: passwords.mgr_m1 });
  await users.add({ username: 'admin', role: 'admin', password: passwords.admin });
  // 主管 (issue 21): enter what is judged on the cards of their subtree
  await users.add({ username: 'sup_b1', role: 'supervisor', org_id: 'B1', password: passwords.sup_b1, display_name: '一分行主管' });
  await users.add({ username: 'sup_s21', role: 'supervisor', org_id: 'S21', password: passwords.sup_s21 });
  return { dir, dbPath };
}

/** Rows of a query on the fixture's published results (read-only; closed again). */
export async function publishedRows(f: Fixture, sql: string): Promise<Record<string, unknown>[]> {
  const wh = await Warehouse.open(requireResults(f.dbPath), { readOnly: true });
  try {
    return await wh.query(sql);
  } finally {
    wh.close();
  }
}

export function removeFixture(f: Fixture): void {
  rmSync(f.dir, { recursive: true, force: true });
}

/** An app over the fixture with a controllable clock; close() closes the warehouse. */
export async function fixtureApp(f: Fixture, opts: { now?: () => number; log?: (l: string) => void; cacheEntries?: number } = {}) {
  const opened: OpenedDeps = await openDeps(f.dbPath, { poolSize: 2, now: opts.now, log: opts.log, sessionSecret: 'test-secret', cacheEntries: opts.cacheEntries });
  const app = createApp(opened.deps);
  return { app, deps: opened.deps, close: () => opened.close() };
}

type App = ReturnType<typeof createApp>;

/** Signs in and returns the Cookie header value to send. */
export async function login(app: App, user: FixtureUser): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: passwords[user] }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}
