// The build runner: dependency order from the names a model reads, subfolders discovered, one
// transaction (a failed model or check keeps the previous results), the build log, build inputs.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildOnlyReaders, CheckFailure } from '../../warehouse/build.ts';
import { buildOrder, discoverModels, renameModels, stripComments, type Model } from '../../warehouse/models.ts';
import { sqlDir } from '../../warehouse/paths.ts';
import { builtFixture, rowOf, tempWarehouse, type TempWarehouse } from './helpers.ts';
import { main } from '../../cli/main.ts';
import { insertFixtureBank } from '../fixtures/models/bank.ts';
import { Warehouse } from '../../warehouse/db.ts';

const model = (name: string, dependsOn: string[], layer: Model['layer'] = 'intermediate'): Model => ({
  name, layer, path: `${layer}/${name}.sql`, sql: 'select 1', dependsOn, kind: layer === 'staging' ? 'view' : 'table',
});

describe('model discovery and order', () => {
  it('orders every model after the models it reads, and refuses a cycle', () => {
    const order = buildOrder([model('mart_b', ['int_a'], 'marts'), model('int_a', ['stg_x']), model('stg_x', [], 'staging')]);
    expect(order.map((m) => m.name)).toEqual(['stg_x', 'int_a', 'mart_b']);
    expect(() => buildOrder([model('int_a', ['int_b']), model('int_b', ['int_a'])])).toThrow(/cycle/);
  });

  it('finds dependencies outside comments and string literals only', () => {
    expect(stripComments("-- reads int_a\nselect 'int_b' from int_c /* int_d */")).toBe("select '' from int_c");
  });

  it('stages a model by renaming the models it reads, not comments, strings or other words', () => {
    const sql = `-- reads int_a\nselect 'int_a', "int_a", x.int_a_count from INT_A as x join int_b using (k) /* int_b */`;
    expect(renameModels(sql, new Set(['int_a', 'int_b']), (n) => `${n}__next`)).toBe(
      `-- reads int_a\nselect 'int_a', "int_a", x.int_a_count from int_a__next as x join int_b__next using (k) /* int_b */`,
    );
  });

  it('discovers the models of subfolders and their dependencies', () => {
    const models = discoverModels();
    const byName = new Map(models.map((m) => [m.name, m]));
    expect(byName.get('stg_extract__deposits')?.kind).toBe('view');
    expect(byName.get('mart_manager_period')?.dependsOn).toContain('int_holder_periods');
    expect(byName.get('int_loans_priced')?.dependsOn).toEqual(
      expect.arrayContaining(['stg_extract__loans', 'int_ftp_rates_matched', 'int_client_home_orgs']),
    );
    // cfg_ tables come from build inputs, not models: no dependency on them
    expect(byName.get('int_loans_priced')?.dependsOn).not.toContain('cfg_expected_loss');
  });
});

describe('a failed build keeps the previous results', () => {
  let t: TempWarehouse;
  let brokenRoot: string;
  beforeAll(async () => {
    t = await builtFixture();
    brokenRoot = mkdtempSync(join(tmpdir(), 'jixiao-sql-'));
    cpSync(sqlDir, brokenRoot, { recursive: true });
    mkdirSync(join(brokenRoot, 'marts', 'zz'), { recursive: true });
    // A model in a subfolder that reads mart_manager_period and then fails at run time.
    writeFileSync(join(brokenRoot, 'marts', 'zz', 'mart_zz_broken.sql'), 'select manager_id, no_such_column from mart_manager_period');
  });
  afterAll(() => {
    t?.close();
    rmSync(brokenRoot, { recursive: true, force: true });
  });

  const m1Fee = async () =>
    (await rowOf(t.wh, `select fee_income::varchar as f from mart_manager_period where period = '2026-Q1' and manager_id = 'M1'`, {})).f;

  it('rolls back every model when one fails, and logs the failure', async () => {
    expect(await m1Fee()).toBe('1300.00');
    // New business arrives; the build that would include it fails on the broken model.
    await t.wh.run(`insert into raw_fees values (date '2026-01-16', 'F7', 'C1', 'FEE', 1000000.00, null, 'SB1', 2)`);
    await expect(build(t.wh, { configDir: t.configDir, sqlRoot: brokenRoot })).rejects.toThrow(/mart_zz_broken .*no_such_column/s);
    expect(await m1Fee()).toBe('1300.00'); // the marts before the failed build
    // nothing of the failed build is left: neither the broken model nor the staged tables
    const tables = await t.wh.query(`select table_name from duckdb_tables() where table_name like 'mart_zz%' or table_name like '%\\_\\_next' escape '\\'`);
    expect(tables).toEqual([]);
    const [log] = await t.wh.query<{ status: string; message: string }>('select status, message from build_log order by build_id desc limit 1');
    expect(log?.status).toBe('failed');
    expect(log?.message).toMatch(/mart_zz_broken/);
    // The fixed build picks the fee up: 1,300 + 1,000,000.
    await build(t.wh, { configDir: t.configDir });
    expect(await m1Fee()).toBe('1001300.00');
  });

  it('fails on a broken check and keeps the previous results', async () => {
    // C1 given to M2 as well, with shares summing to 1.5 from 2026-03-01: money would be created.
    await t.wh.run(`insert into raw_assignments values ('C1', 'M2', 0.5, date '2026-03-01', null, 3)`);
    const failed = await build(t.wh, { configDir: t.configDir }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(CheckFailure);
    expect((failed as CheckFailure).failures.map((f) => f.check)).toContain('int_attribution__shares');
    expect(await m1Fee()).toBe('1001300.00');
  });

  it('fails with the file and the reason when a build input is bad', async () => {
    const badConfig = join(t.dir, 'bad-config');
    cpSync(t.configDir, badConfig, { recursive: true });
    writeFileSync(join(badConfig, 'expected_loss.json'), JSON.stringify({ normal: { pd: 2, lgd: 0.45 } }));
    await t.wh.run(`delete from raw_assignments where load_id = 3`);
    await expect(build(t.wh, { configDir: badConfig })).rejects.toThrow(/expected_loss\.json: .*normal\.pd/);
    expect(await m1Fee()).toBe('1001300.00');
  });
});

describe('build-only intermediates and models built side by side', () => {
  let t: TempWarehouse;
  let root: string;
  const tables = async () =>
    (await t.wh.query<{ n: string }>(`select table_name as n from duckdb_tables() where database_name = current_database() order by 1`)).map((r) => r.n);
  beforeAll(async () => {
    t = await builtFixture();
    root = mkdtempSync(join(tmpdir(), 'jixiao-sql-'));
    cpSync(sqlDir, root, { recursive: true });
    mkdirSync(join(root, 'intermediate', 'zz'), { recursive: true });
    mkdirSync(join(root, 'marts', 'zz'), { recursive: true });
    // A build-only intermediate read by a mart, and a slow independent model beside them.
    writeFileSync(
      join(root, 'intermediate', 'zz', 'int_zz_fees.sql'),
      '-- int_zz_fees: test\n-- materialised: build only\nselect manager_id, sum(fee_income) as fees from mart_manager_period group by manager_id',
    );
    writeFileSync(join(root, 'marts', 'zz', 'mart_zz_fees.sql'), 'select manager_id, fees * 2 as twice from int_zz_fees');
    writeFileSync(join(root, 'marts', 'zz', 'mart_zz_slow.sql'), 'select count(*) as n from range(3000000) t(i), range(3) u(j)');
    // Runs after int_zz_fees's only reader: notes whether the build-only table is still there.
    writeFileSync(
      join(root, 'marts', 'zz', 'mart_zz_after.sql'),
      `select (select count(*) from duckdb_tables() where table_name = 'int_zz_fees') as left_behind, (select count(*) from mart_zz_fees) as fee_rows`,
    );
  });
  afterAll(() => {
    t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('reads a build-only model during the build and does not keep it', async () => {
    const discovered = discoverModels(root).find((m) => m.name === 'int_zz_fees');
    expect(discovered?.buildOnly).toBe(true);
    const result = await build(t.wh, { configDir: t.configDir, sqlRoot: root, concurrency: 2 });
    expect(result.steps.find((s) => s.name === 'int_zz_fees')?.rows).toBeGreaterThan(0);
    const names = await tables();
    expect(names).toContain('mart_zz_fees');
    expect(names).not.toContain('int_zz_fees');
    // M1's fees over every period of the fixture, doubled: the mart read the build-only rows.
    const [m1] = await t.wh.query<{ twice: string; fees: string }>(
      `select (select twice from mart_zz_fees where manager_id = 'M1')::varchar as twice,
              (select sum(fee_income) * 2 from mart_manager_period where manager_id = 'M1')::varchar as fees`,
    );
    expect(m1!.twice).toBe(m1!.fees);
    // no scratch database is left attached
    const dbs = await t.wh.query(`select database_name from duckdb_databases() where database_name = 'jixiao_build_scratch'`);
    expect(dbs).toEqual([]);
  });

  it('drops a build-only table as soon as every model reading it is built', async () => {
    await build(t.wh, { configDir: t.configDir, sqlRoot: root, concurrency: 2 });
    expect(await rowOf(t.wh, 'select left_behind::varchar as left_behind, fee_rows > 0 as read from mart_zz_after', {})).toEqual({ left_behind: '0', read: true });
  });

  it('counts the readers of a build-only table through build-only views, and checks as readers', () => {
    const m = (name: string, dependsOn: string[], kind: Model['kind'] = 'table', buildOnly = true): Model => ({
      ...model(name, dependsOn), kind, buildOnly,
    });
    const readers = buildOnlyReaders(
      [m('int_t', []), m('int_v', ['int_t'], 'view'), m('int_a', ['int_v'], 'table', false), m('int_b', ['int_t'], 'table', false), m('int_u', [])],
      [{ name: 'check_u', path: 'checks/check_u.sql', sql: 'select * from int_u where x < 0' }],
    );
    expect(Object.fromEntries([...readers].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      int_t: ['int_a', 'int_b', 'int_v'], // int_a reads it through the view
      int_u: ['check_u'], // kept until the check that reads it has run
    });
  });

  it('keeps it when asked, and drops the kept copy at the next build that does not', async () => {
    await build(t.wh, { configDir: t.configDir, sqlRoot: root, keepIntermediates: true });
    expect(await tables()).toContain('int_zz_fees');
    await build(t.wh, { configDir: t.configDir, sqlRoot: root });
    expect(await tables()).not.toContain('int_zz_fees');
  });

  it('one after the other gives the same tables as side by side', async () => {
    await build(t.wh, { configDir: t.configDir, sqlRoot: root, concurrency: 1 });
    const one = await t.wh.query(`select * from mart_manager_period order by all`);
    await build(t.wh, { configDir: t.configDir, sqlRoot: root, concurrency: 2 });
    expect(await t.wh.query(`select * from mart_manager_period order by all`)).toEqual(one);
  });

  it('puts back the settings it changes (memory, insertion order, allocator), after a good and a failed build', async () => {
    const settings = () =>
      t.wh.query(
        `select current_setting('memory_limit')::varchar as memory, current_setting('preserve_insertion_order')::varchar as ord,
           current_setting('allocator_background_threads')::varchar as background, current_setting('allocator_flush_threshold')::varchar as flush`,
      );
    const before = await settings();
    await build(t.wh, { configDir: t.configDir, sqlRoot: root, memoryLimit: '2GB' });
    expect(await settings()).toEqual(before);
    const broken = join(root, 'marts', 'zz', 'mart_zz_settings_broken.sql');
    writeFileSync(broken, 'select no_such_column from mart_zz_fees');
    try {
      await expect(build(t.wh, { configDir: t.configDir, sqlRoot: root, memoryLimit: '2GB' })).rejects.toThrow(/no_such_column/);
    } finally {
      rmSync(broken);
    }
    expect(await settings()).toEqual(before);
  });

  it('a model failing while another runs leaves the previous results and no scratch behind', async () => {
    const before = await t.wh.query(`select * from mart_zz_fees order by all`);
    writeFileSync(join(root, 'marts', 'zz', 'mart_zz_broken.sql'), 'select no_such_column from int_zz_fees');
    await expect(build(t.wh, { configDir: t.configDir, sqlRoot: root })).rejects.toThrow(/mart_zz_broken .*no_such_column/s);
    expect(await t.wh.query(`select * from mart_zz_fees order by all`)).toEqual(before);
    const left = await t.wh.query(`select table_name from duckdb_tables() where table_name like '%\\_\\_next' escape '\\' or table_name = 'mart_zz_broken'`);
    expect(left).toEqual([]);
    const dbs = await t.wh.query(`select database_name from duckdb_databases() where database_name = 'jixiao_build_scratch'`);
    expect(dbs).toEqual([]);
  });
});

describe('jixiao build on the command line', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const sink = (write: (s: string) => void) => ({ write: (s: string) => (write(String(s)), true), isTTY: false });
    const code = await main(['build', ...args], sink((s) => (out += s)) as never, sink((s) => (err += s)) as never);
    return { code, out, err };
  };

  it('refuses a concurrency that is not a whole number from 1 to 8, naming it', async () => {
    for (const bad of ['0', '9', '1.5', 'two']) {
      const r = await run(['--db', join(tmpdir(), 'never-opened.duckdb'), '--concurrency', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--concurrency takes a whole number from 1 to 8, not '${bad}'`);
    }
  });

  it('builds one step at a time with --concurrency 1 and, off a terminal, --verbose logs every step as it finishes', async () => {
    const t = await tempWarehouse();
    const db = join(t.dir, 'jixiao.duckdb');
    try {
      await insertFixtureBank(t.wh);
      t.wh.close();
      const r = await run(['--db', db, '--config', t.configDir, '--concurrency', '1', '--verbose']);
      expect(r.code).toBe(0);
      const lines = r.err.split('\n').filter((l) => l.startsWith('build  '));
      const total = Number(/\/(\d+)/.exec(lines[0]!)![1]);
      expect(lines).toHaveLength(total); // inputs, models and checks, one line each
      expect(lines.map((l) => Number(/build  (\d+)\//.exec(l)![1]))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(r.err).toMatch(/model mart_manager_period  24 rows  \d+ ms/); // 3 managers × 8 periods
      expect(r.out).toMatch(/BUILT/);
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

describe('the SQL macros (sql/macros/)', () => {
  it('are created by the build, not by migrations, and a warehouse opened read-only has them', async () => {
    const t = await tempWarehouse();
    const db = join(t.dir, 'jixiao.duckdb');
    try {
      const macros = async (wh: Warehouse) =>
        (await wh.query<{ n: string }>(`select function_name as n from duckdb_functions() where function_type = 'macro' and not internal and function_name in ('div_ratio', 'mart_fen') order by 1`)).map((r) => r.n);
      expect(await macros(t.wh)).toEqual([]); // migrations hold tables only
      await insertFixtureBank(t.wh);
      await build(t.wh, { configDir: t.configDir });
      expect(await macros(t.wh)).toEqual(['div_ratio', 'mart_fen']);
      t.wh.close();
      const ro = await Warehouse.open(db, { readOnly: true });
      try {
        // 2 / 3 = 0.666666… → 0.666667; 1.005 → 1.01 (half away from zero)
        expect(await rowOf(ro, `select div_ratio(2, 3)::varchar as r, mart_fen(1.005)::varchar as f`, {})).toEqual({ r: '0.666667', f: '1.01' });
      } finally {
        ro.close();
      }
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });
});
