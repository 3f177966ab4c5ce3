// A bank that delivers loans and sales only (like the PKDD'99 Czech bank): no deposits, fees or
// visits. What was not delivered is unavailable — null, with the ledger named as the reason — in
// the marts, the API and the exports, never 0; no client is segmented and no visit level is given
// from a missing ledger; the build warns of the 0 %-rate loans and the negative loan spread.
//
// The bank: HQ ─ S1 (M1 retail, M2 retail); clients C1 (M1), C2 (M2); one loan L1 of C1, 100,000.00
// at a rate of 0.00 % for 12 months, FTP point 3.00 %, 2026-01 … 2026-03; one credit-card sale to C2.
// Loan spread of L1 = 100,000 × (0 − 3) / 100 × days / 365:
//   Jan −254.794520…, Feb (28 days) −230.136986…, Mar −254.794520… → Q1 −739.726027… = −739.73.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createFixture, fixtureApp, login, publishedRows, removeFixture, type Fixture } from './fixture.ts';
import { main } from '../../cli/main.ts';

const bank = `
insert into raw_orgs values ('HQ', null, '总行', 'head_office', 1), ('S1', 'HQ', '一支行', 'sub_branch', 1),
  ('B1', 'HQ', '一分行', 'tier1_branch', 1), ('S11', 'B1', '东城支行', 'sub_branch', 1), ('S21', 'HQ', '南城支行', 'sub_branch', 1);
insert into raw_managers values
  ('M1', '张三', 'S1', 'retail', 'A', '2020-01-01', null, 1),
  ('M2', '李四', 'S1', 'retail', 'B', '2021-01-01', null, 1);
insert into raw_clients values
  ('C1', '客户一', 'individual', null, null, '2020-01-01', 'S1', 1),
  ('C2', '客户二', 'individual', null, null, '2020-01-01', 'S1', 1);
insert into raw_assignments values ('C1', 'M1', 1, '2020-01-01', null, 1), ('C2', 'M2', 1, '2020-01-01', null, 1);
insert into raw_products values ('LN12', '一年期贷款', 'loan', 12, 1), ('CC1', '信用卡', 'credit_card', null, 1);
insert into raw_ftp_curve (effective_date, term_months, rate, load_id) values ('2025-01-01', 12, 3.000000, 1);
insert into raw_loans values
  ('2026-01-31', 'L1', 'C1', 'LN12', 'CNY', '2026-01-05', '2027-01-05', 100000.00, 100000.00, 100000.00, 0.000000, 'normal', 0, 'M1', 'S1', 1),
  ('2026-02-28', 'L1', 'C1', 'LN12', 'CNY', '2026-01-05', '2027-01-05', 100000.00, 100000.00, 100000.00, 0.000000, 'normal', 0, 'M1', 'S1', 1),
  ('2026-03-31', 'L1', 'C1', 'LN12', 'CNY', '2026-01-05', '2027-01-05', 100000.00, 100000.00, 100000.00, 0.000000, 'normal', 0, 'M1', 'S1', 1);
insert into raw_sales values ('2026-02-03', 'SA1', 'C2', 'CC1', 'M2', null, 1, null, 1);
`;

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let head: string;

beforeAll(async () => {
  f = await createFixture({ sql: bank });
  ctx = await fixtureApp(f);
  head = await login(ctx.app, 'head');
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = async (url: string, cookie = head) => ctx.app.request(url, { headers: { cookie } });

const mart = (sql: string) => publishedRows(f, sql);

describe('a delivery of loans and sales only', () => {
  it('records which ledgers were delivered for each period', async () => {
    expect(await mart(`select ledger, months, delivered_months, ledger_rows::varchar as ledger_rows, coverage from mart_ledger_coverage where period = '2026-Q1' order by ledger`)).toEqual([
      { ledger: 'deposits', months: 3, delivered_months: 0, ledger_rows: '0', coverage: 'none' },
      { ledger: 'fees', months: 3, delivered_months: 0, ledger_rows: '0', coverage: 'none' },
      { ledger: 'loans', months: 3, delivered_months: 3, ledger_rows: '3', coverage: 'full' },
      // an event ledger is delivered from its first to its last month: only 2026-02 here
      { ledger: 'sales', months: 3, delivered_months: 1, ledger_rows: '1', coverage: 'partial' },
      { ledger: 'visits', months: 3, delivered_months: 0, ledger_rows: '0', coverage: 'none' },
    ]);
  });

  it('leaves deposit, fee and visit figures null (unavailable) in the marts, loans and sales as computed', async () => {
    const [m1] = await mart(
      `select deposit_avg_balance, net_deposit_increase, fee_income, visits, development_share,
              loan_end_balance::varchar as loans, loan_spread::varchar as spread, profit_contribution::varchar as profit, clients
       from mart_manager_period where period = '2026-Q1' and manager_id = 'M1'`,
    );
    expect(m1).toEqual({ deposit_avg_balance: null, net_deposit_increase: null, fee_income: null, visits: null, development_share: null, loans: '100000.00', spread: '-739.73', profit: '-739.73', clients: '1' });
    const [m2] = await mart(`select sales_credit_card_units::varchar as cards, npl_ratio from mart_manager_period where period = '2026-Q1' and manager_id = 'M2'`);
    expect(m2).toEqual({ cards: '1.000000', npl_ratio: null }); // no loans: 0/0 is null
    const long = await mart(`select metric, actual from mart_manager_metrics where period = '2026-Q1' and manager_id = 'M1' and metric in ('deposit_end_balance', 'fee_income', 'loan_end_balance') order by metric`);
    expect(long).toEqual([
      { metric: 'deposit_end_balance', actual: null },
      { metric: 'fee_income', actual: null },
      { metric: 'loan_end_balance', actual: '100000.000000' },
    ]);
    const [org] = await mart(`select deposit_end_balance, fee_income, visits, loan_end_balance::varchar as loans from mart_org_period where period = '2026-Q1' and org_id = 'HQ'`);
    expect(org).toEqual({ deposit_end_balance: null, fee_income: null, visits: null, loans: '100000.00' });
  });

  it('segments no client and gives no visit level from a missing ledger', async () => {
    const segments = await mart(`select segment, count(*)::integer as n from mart_client_portfolio_period group by segment`);
    expect(segments).toEqual([{ segment: null, n: segments[0]!.n }]);
    const levels = await mart(`select distinct visit_level from mart_manager_process_period`);
    expect(levels).toEqual([{ visit_level: null }]);
  });

  it('answers null in the API and the exports, and names the ledgers delivered', async () => {
    const rows = (await (await get('/api/orgs/HQ/managers?period=2026-Q1')).json()).rows as Record<string, unknown>[];
    const m1 = rows.find((r) => r.manager_id === 'M1')!;
    expect([m1.deposit_avg_balance, m1.fee_income, m1.visits, m1.loan_end_balance]).toEqual([null, null, null, '100000.00']);
    const ledgers = await (await get('/api/ledgers?period=2026-Q1')).json();
    expect(ledgers.rows.map((r: { ledger: string; coverage: string }) => `${r.ledger}:${r.coverage}`)).toEqual(['deposits:none', 'loans:full', 'fees:none', 'sales:partial', 'visits:none']);
    expect((await get('/api/ledgers?period=1999-Q1')).status).toBe(404);
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
    expect(await main(['export', 'managers', '--period', '2026-Q1', '--format', 'json', '--db', f.dbPath], sink as never, sink as never)).toBe(0);
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const e1 = (Array.isArray(exported) ? exported : exported.rows).find((r: Record<string, unknown>) => r.manager_id === 'M1');
    expect([e1.deposit_avg_balance, e1.fee_income, e1.visits]).toEqual([null, null, null]);
  });

  it('names the reason beside every unavailable column: the list answer, its CSV and `jixiao export`', async () => {
    const list = await (await get('/api/orgs/HQ/managers?period=2026-Q1')).json();
    expect(list.unavailable.deposit_avg_balance).toBe('not_delivered');
    expect(list.unavailable.fee_income).toBe('not_delivered');
    expect(list.unavailable.visits).toBe('not_delivered');
    // delivered (loans, sales), or needing no ledger, or adding loans to what was not delivered: no reason
    for (const k of ['loan_end_balance', 'sales_credit_card_units', 'manager_name', 'profit_contribution', 'npl_ratio']) expect(list.unavailable[k]).toBeUndefined();
    const header = (await (await get('/api/orgs/HQ/managers?period=2026-Q1&format=csv&lang=en')).text()).replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
    expect(header).toContain('Avg daily deposits (CNY; not delivered)');
    expect(header).toContain('Period-end loans (CNY)');
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
    expect(await main(['export', 'managers', '--period', '2026-Q1', '--db', f.dbPath], sink as never, sink as never)).toBe(0);
    const exported = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
    expect(exported).toContain('日均存款（元；未提供）');
    expect(exported).toContain('中间业务收入（元；未提供）');
  });

  it('names the unavailable figures of the manager and institution pages (their tiles read 未提供)', async () => {
    for (const url of ['/api/managers/M1?period=2026-Q1', '/api/orgs/HQ?period=2026-Q1']) {
      const page = await (await get(url)).json();
      expect(page.unavailable.deposit_avg_balance, url).toBe('not_delivered');
      expect(page.unavailable.fee_income, url).toBe('not_delivered');
      expect(page.unavailable.loan_end_balance, url).toBeUndefined();
      expect(page.unavailable.npl_ratio, url).toBeUndefined(); // loans delivered: a null NPL ratio there is 0/0, "—"
      expect(page.metrics.find((m: { metric: string }) => m.metric === 'deposit_avg_balance').actual, url).toBeNull();
    }
    // a client's months: deposits delivered in none of 2026-01 … 03, loans in all
    const client = await (await get('/api/clients/C1')).json();
    expect(client.history.map((r: { period: string }) => r.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(client.unavailable.deposit_avg_balance).toBe('not_delivered');
    expect(client.unavailable.loan_end_balance).toBeUndefined();
    const history = (await (await get('/api/clients/C1?table=history&format=csv&lang=en')).text()).split('\r\n')[0]!;
    expect(history).toContain('Avg daily deposits (CNY; not delivered)');
  });

  it('lists the 0 %-rate and negative-spread warnings, kept with the build for head office and admins', async () => {
    const res = await get('/api/warnings');
    expect(res.status).toBe(200);
    const items = (await res.json()).rows as { warning: string; detail: string }[];
    expect(items.map((i) => i.warning).sort()).toEqual(['loan_rates_at_or_below_ftp', 'negative_loan_spread']);
    expect(items.find((i) => i.warning === 'loan_rates_at_or_below_ftp')!.detail).toBe(
      'loan_spread of LN12 (CNY): 3 of 3 loan snapshots (1 loans, 2026-01 … 2026-03) at a rate of 0 % or below, FTP point 3.00 %; e.g. loan L1 at 2026-01-31',
    );
    // 2026 is not a whole year: the latest year-to-date period stands for it
    expect(items.find((i) => i.warning === 'negative_loan_spread')!.detail).toBe(
      'loan_spread of 总行 (HQ) in 2026-03-ytd: -739.73 on an average loan balance of 100,000.00; profit contribution -739.73',
    );
    expect((await get('/api/warnings', await login(ctx.app, 'admin'))).status).toBe(200);
    expect((await get('/api/warnings', await login(ctx.app, 'pres_b1'))).status).toBe(403);
  });
});

describe('a scorecard indicator whose ledger was not delivered', () => {
  it('is left out and the other weights rescaled (the scheme default), and the card says so', async () => {
    // retail_default: net_deposit_increase (15 of 100) rests on deposits, not delivered: left out;
    // every other weight × 100 / (100 − 15), e.g. new credit cards 10 → 11.764706 (10 × 100 / 85 =
    // 11.7647058…). M2 sold one credit card against no target: achievement null, 0 points either way.
    const rows = await mart(
      `select indicator_id, weight::varchar as weight, applied_weight::varchar as applied, points::varchar as points, note
       from mart_scorecard_indicators where period = '2026-03-ytd' and manager_id = 'M2' and indicator_id in ('net_deposit_increase', 'new_credit_cards')
       order by indicator_id`,
    );
    expect(rows).toEqual([
      { indicator_id: 'net_deposit_increase', weight: '15.0000', applied: '0.000000', points: '0.00', note: 'not_delivered' },
      { indicator_id: 'new_credit_cards', weight: '10.0000', applied: '11.764706', points: '0.00', note: expect.any(String) },
    ]);
    const [sum] = await mart(`select sum(applied_weight)::varchar as total from mart_scorecard_indicators where period = '2026-03-ytd' and manager_id = 'M2'`);
    expect(Number(sum!.total)).toBeCloseTo(100, 4); // 85 × 100 / 85, each weight rounded to 6 places
    const card = await (await get('/api/managers/M2?period=2026-03-ytd')).json();
    const line = card.scorecard.indicators.find((i: { indicator_id: string }) => i.indicator_id === 'net_deposit_increase');
    expect([line.applied_weight, line.note]).toEqual(['0.000000', 'not_delivered']);
  });
});
