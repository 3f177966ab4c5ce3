// The key checks that group on a 64-bit hash of the key first (mart_client_period__key,
// mart_manager_metrics__key, clients_marts__keys): on the built fixture they pass; a copied row and a
// row with a null key part are each reported, with their key and the number of rows carrying it, as
// the plain group-by-the-key checks reported them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverChecks } from '../../warehouse/models.ts';
import { builtFixture, type TempWarehouse } from './helpers.ts';

const checkSql = (name: string) => {
  const check = discoverChecks().find((c) => c.name === name);
  if (!check) throw new Error(`no check ${name}`);
  return check.sql;
};

describe('key checks grouped on a hash of the key first', () => {
  let t: TempWarehouse;
  beforeAll(async () => {
    // the loyalty intermediate is build-only: kept here so a row can be copied into it
    t = await builtFixture(undefined, { keepIntermediates: true });
  });
  afterAll(() => t?.close());

  const run = (name: string) => t.wh.query<Record<string, unknown>>(`select * from (${checkSql(name)}) order by all`);
  /** Copies one row of `table` (the first by `key`), optionally with one column set to null. */
  const copyRow = (table: string, key: string, nullColumn?: string) =>
    t.wh.run(
      `insert into ${table} select * ${nullColumn ? `replace (null as ${nullColumn})` : ''} from ${table} order by ${key} limit 1`,
    );

  it('mart_client_period__key: passes, then reports a repeated key and a null key', async () => {
    expect(await run('mart_client_period__key')).toEqual([]);
    await copyRow('mart_client_period', 'period, client_id');
    const [first] = await t.wh.query<{ period: string; client_id: string }>(
      `select period, client_id from mart_client_period order by period, client_id limit 1`,
    );
    expect(await run('mart_client_period__key')).toEqual([{ period: first!.period, client_id: first!.client_id, rows_with_key: '2' }]);
    await copyRow('mart_client_period', 'period, client_id', 'client_id');
    expect(await run('mart_client_period__key')).toEqual([
      { period: first!.period, client_id: first!.client_id, rows_with_key: '2' },
      { period: first!.period, client_id: null, rows_with_key: '1' },
    ]);
  });

  it('mart_manager_metrics__key: passes, then reports a repeated key and a null metric', async () => {
    expect(await run('mart_manager_metrics__key')).toEqual([]);
    await copyRow('mart_manager_metrics', 'period, manager_id, metric');
    await copyRow('mart_manager_metrics', 'period, manager_id, metric', 'metric');
    const [k] = await t.wh.query<{ period: string; manager_id: string; metric: string }>(
      `select period, manager_id, metric from mart_manager_metrics where metric is not null order by period, manager_id, metric limit 1`,
    );
    expect(await run('mart_manager_metrics__key')).toEqual([
      { period: k!.period, manager_id: k!.manager_id, metric: k!.metric, rows_with_key: '2' },
      { period: k!.period, manager_id: k!.manager_id, metric: null, rows_with_key: '1' },
    ]);
  });

  it('clients_marts__keys: passes, then names the model and key of each repeated or null key', async () => {
    expect(await run('clients_marts__keys')).toEqual([]);
    await copyRow('int_client_loyalty_measured', 'period, client_id');
    await copyRow('mart_client_portfolio_period', 'period, manager_id, client_id', 'manager_id');
    await copyRow('mart_client_sales_period', 'period, client_id, category');
    const one = async (sql: string) => (await t.wh.query<{ k: string }>(sql))[0]!.k;
    const loyalty = await one(`select period || '/' || client_id as k from int_client_loyalty_measured order by period, client_id limit 1`);
    const sales = await one(
      `select period || '/' || client_id || '/' || category as k from mart_client_sales_period order by period, client_id, category limit 1`,
    );
    expect(await run('clients_marts__keys')).toEqual([
      { model: 'int_client_loyalty_measured', key: loyalty, rows_with_key: '2' },
      // a null key part makes the key text null, as before
      { model: 'mart_client_portfolio_period', key: null, rows_with_key: '1' },
      { model: 'mart_client_sales_period', key: sales, rows_with_key: '2' },
    ]);
  });
});
