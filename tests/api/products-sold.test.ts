// Products sold (issue 27, point 6): count and amount per product category, for the client page,
// the manager card and the league's optional columns — read from the marts that define them once
// (mart_manager_period's sales_<category>_units|amount from int_holder_periods; a client's from
// mart_client_sales_period), never recomputed.
//
// The fixture bank's sales (tests/api/fixture.ts), both wealth products (WM1, category 'wealth'):
//   SA1 2026-02-03 to C1, naming M1, 50,000.00, 1 unit → credited to M1 in full (a named seller);
//   SA2 2026-02-05 to C4, naming M3, 20,000.00, 1 unit → M3 in full.
// So in 2026-Q1 (and 2026-02): M1 1 unit / 50,000.00; M3 1 / 20,000.00; M2, M4 0 / 0.00;
// S11 (M1, M2) 1 / 50,000.00; S12 (M3) 1 / 20,000.00; B1 = S11 + S12 = 2 / 70,000.00; HQ the same
// (S21 sold nothing); clients C1 1 / 50,000.00 and C4 1 / 20,000.00 in 2026-02, nothing in 2026-01.
import { describe, expect, it } from 'vitest';
import { fixtureForFile, publishedRows } from './fixture.ts';

const bank = fixtureForFile();
const get = async (url: string) => (await bank.get(url)).json();
const sold = (r: Record<string, unknown>) => [r.sales_wealth_units, r.sales_wealth_amount];

describe('products sold', () => {
  it('in the marts: per manager, per node and per client, as hand-computed', async () => {
    expect(await publishedRows(bank.f, `select manager_id, sales_wealth_units::varchar as u, sales_wealth_amount::varchar as a from mart_manager_period where period = '2026-Q1' order by manager_id`)).toEqual([
      { manager_id: 'M1', u: '1.000000', a: '50000.00' },
      { manager_id: 'M2', u: '0.000000', a: '0.00' },
      { manager_id: 'M3', u: '1.000000', a: '20000.00' },
      { manager_id: 'M4', u: '0.000000', a: '0.00' },
    ]);
    expect(await publishedRows(bank.f, `select org_id, sales_wealth_units::varchar as u, sales_wealth_amount::varchar as a from mart_org_period where period = '2026-Q1' and org_id in ('HQ', 'B1', 'S11', 'S12', 'S21') order by org_id`)).toEqual([
      { org_id: 'B1', u: '2.000000', a: '70000.00' },
      { org_id: 'HQ', u: '2.000000', a: '70000.00' },
      { org_id: 'S11', u: '1.000000', a: '50000.00' },
      { org_id: 'S12', u: '1.000000', a: '20000.00' },
      { org_id: 'S21', u: '0.000000', a: '0.00' },
    ]);
    expect(await publishedRows(bank.f, `select period, client_id, category, units::varchar as u, amount::varchar as a from mart_client_sales_period where period in ('2026-01', '2026-02', '2026-Q1') order by period, client_id`)).toEqual([
      { period: '2026-02', client_id: 'C1', category: 'wealth', u: '1.000000', a: '50000.00' },
      { period: '2026-02', client_id: 'C4', category: 'wealth', u: '1.000000', a: '20000.00' },
      { period: '2026-Q1', client_id: 'C1', category: 'wealth', u: '1.000000', a: '50000.00' },
      { period: '2026-Q1', client_id: 'C4', category: 'wealth', u: '1.000000', a: '20000.00' },
    ]);
  });

  it('as league columns: every manager row carries units and amount of each category', async () => {
    const body = await get('/api/orgs/B1/managers?period=2026-Q1&sort=manager_id&order=asc');
    expect(body.rows.map((r: Record<string, unknown>) => [r.manager_id, ...sold(r)])).toEqual([
      ['M1', '1.000000', '50000.00'],
      ['M2', '0.000000', '0.00'],
      ['M3', '1.000000', '20000.00'],
    ]);
    const keys = body.columns.map((c: { key: string }) => c.key);
    expect(keys).toContain('sales_credit_card_units');
    expect(body.columns.find((c: { key: string }) => c.key === 'sales_wealth_amount').label).toEqual({ zh: '理财销售额', en: 'Wealth management sold (amount)' });
    expect(body.unavailable).toEqual({}); // every ledger delivered in 2026-Q1
  });

  it('on the manager card: the period figures and the metrics download', async () => {
    const page = await get('/api/managers/M1?period=2026-Q1');
    expect(sold(page.figures)).toEqual(['1.000000', '50000.00']);
    const m3 = await get('/api/managers/M3?period=2026-02');
    expect(sold(m3.figures)).toEqual(['1.000000', '20000.00']);
    const csv = await (await bank.get('/api/managers/M1?period=2026-Q1&table=metrics&format=csv&lang=en')).text();
    expect(csv).toContain('\r\nWealth management sold (amount),50000.00,');
  });

  it('on the client page: month by month, 0 in a month without a sale', async () => {
    const page = await get('/api/clients/C1');
    const byMonth = Object.fromEntries(page.history.map((r: Record<string, unknown>) => [r.period, sold(r)]));
    expect(byMonth['2026-01']).toEqual(['0.000000', '0.00']);
    expect(byMonth['2026-02']).toEqual(['1.000000', '50000.00']);
  });
});
