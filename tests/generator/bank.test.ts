// The demo bank has the shape the issue asks for (#3). The bank is generated once (demo scale,
// seed 20251) into a temp folder and read into DuckDB with explicit column types; every property
// is computed from the files themselves, and asserted with its figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { generateBank, type GenerateSummary } from '../../generator/index.ts';
import { loadBankTables } from './bank-tables.ts';

let dir: string;
let wh: Warehouse;
let summary: GenerateSummary;
let truth: {
  cohorts: {
    bad_risk_managers: { manager_ids: string[]; default_multiplier: number };
    top_sellers: { manager_ids: string[] };
    lagging_sub_branch: { org_id: string; sibling_ids: string[] };
    high_visit_managers: { manager_ids: string[] };
    premium_clients: { client_ids: string[] };
  };
  demo: Record<string, string>;
  planted: { ftp_change_date: string };
};

const one = async <T = Record<string, string>>(sql: string): Promise<T> => (await wh.query(sql))[0] as T;
const num = async (sql: string): Promise<number> => Number(Object.values(await one(sql))[0]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-bank-'));
  summary = await generateBank({ scale: 'demo', seed: 20251, out: join(dir, 'bank') });
  truth = JSON.parse(readFileSync(join(dir, 'bank', 'truth.json'), 'utf8'));
  wh = await Warehouse.open(':memory:');
  await loadBankTables(wh, join(dir, 'bank'));
  // Helpers: the month-ends, and each org node's sub-branch (itself, or an outlet's parent).
  await wh.run(`create table b_months as select distinct as_of_date as month_end, date_trunc('month', as_of_date)::date as month_start from b_deposits`);
  await wh.run(`create table b_sub as select o.org_id, case when o.level = 'outlet' then o.parent_id else o.org_id end as sub_id from b_orgs o`);
  await wh.run(`create table b_class as select * from (values ('normal', 0), ('special_mention', 1), ('substandard', 2), ('doubtful', 3), ('loss', 4)) t(five_class, rank)`);
});

afterAll(() => {
  wh?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('demo bank: deliveries', () => {
  it('writes the reference once, then one folder per month, in loading order', () => {
    const names = summary.deliveries.map((d) => d.name);
    expect(names[0]).toBe('00-reference');
    expect(names.length).toBe(19); // reference + 18 months, 2025-01 … 2026-06
    expect(names.slice(1)[0]).toBe('2025-01');
    expect(names.at(-1)).toBe('2026-06');
    expect([...names].sort()).toEqual(names);
    expect(summary.clients).toBe(20_000);
  });

  it('names in every ledger only clients, products, managers and orgs of the reference files', async () => {
    const missing = await num(`
      select (select count(*) from b_deposits where client_id not in (select client_id from b_clients) or product_id not in (select product_id from b_products) or org_id not in (select org_id from b_orgs))
           + (select count(*) from b_loans where client_id not in (select client_id from b_clients) or product_id not in (select product_id from b_products) or originating_manager_id not in (select manager_id from b_managers))
           + (select count(*) from b_fees where client_id not in (select client_id from b_clients) or product_id not in (select product_id from b_products) or coalesce(manager_id, 'M000001') not in (select manager_id from b_managers))
           + (select count(*) from b_sales where client_id not in (select client_id from b_clients) or product_id not in (select product_id from b_products) or manager_id not in (select manager_id from b_managers))
           + (select count(*) from b_visits where coalesce(client_id, '0000000001') not in (select client_id from b_clients) or manager_id not in (select manager_id from b_managers))
           + (select count(*) from b_assignments where client_id not in (select client_id from b_clients) or manager_id not in (select manager_id from b_managers))
           + (select count(*) from b_managers where org_id not in (select org_id from b_orgs))
           + (select count(*) from b_clients where org_id not in (select org_id from b_orgs))`);
    expect(missing).toBe(0);
    // Nothing happens to a client before it opened.
    expect(await num(`select count(*) from b_deposits d join b_clients c using (client_id) where d.as_of_date < c.open_date`)).toBe(0);
    expect(await num(`select count(*) from b_fees d join b_clients c using (client_id) where d.txn_date < c.open_date`)).toBe(0);
  });
});

describe('demo bank: organisation and managers', () => {
  it('has one head office, 3 tier-1 branches, 2–4 tier-2 under each, 3–6 sub-branches under each tier-2, outlets under some', async () => {
    const levels = Object.fromEntries((await wh.query<{ level: string; n: string }>(`select level, count(*)::varchar n from b_orgs group by level`)).map((r) => [r.level, Number(r.n)]));
    expect(levels.head_office).toBe(1);
    expect(levels.tier1_branch).toBe(3);
    const t2 = await one<{ lo: number; hi: number }>(`select min(n) lo, max(n) hi from (select p.org_id, count(c.org_id) n from b_orgs p left join b_orgs c on c.parent_id = p.org_id where p.level = 'tier1_branch' group by p.org_id)`);
    expect(Number(t2.lo)).toBeGreaterThanOrEqual(2);
    expect(Number(t2.hi)).toBeLessThanOrEqual(4);
    const subs = await one<{ lo: number; hi: number }>(`select min(n) lo, max(n) hi from (select p.org_id, count(c.org_id) n from b_orgs p left join b_orgs c on c.parent_id = p.org_id where p.level = 'tier2_branch' group by p.org_id)`);
    expect(Number(subs.lo)).toBeGreaterThanOrEqual(3);
    expect(Number(subs.hi)).toBeLessThanOrEqual(6);
    expect(levels.outlet).toBeGreaterThan(0);
    expect(await num(`select count(*) from b_orgs o join b_orgs p on o.parent_id = p.org_id where o.level = 'outlet' and p.level <> 'sub_branch'`)).toBe(0);
    // Chinese names: 城市分行 for tier-2, …支行 for sub-branches.
    expect(await num(`select count(*) from b_orgs where level = 'tier2_branch' and not regexp_full_match(org_name, '\\p{Han}+分行')`)).toBe(0);
    expect(await num(`select count(*) from b_orgs where level = 'sub_branch' and not regexp_full_match(org_name, '\\p{Han}+支行')`)).toBe(0);
  });

  it('has corporate and retail managers, grades A–D, ~1 per 15 corporate and ~1 per 150 retail clients, Chinese names', async () => {
    const span = await wh.query<{ line: string; managers: string; clients: string }>(`
      with m as (select line, count(*) n from b_managers where hire_date < date '2025-01-01' group by line),
           c as (select case client_type when 'corporate' then 'corporate' else 'retail' end line, count(*) n from b_clients where open_date < date '2025-01-01' group by 1)
      select m.line, m.n::varchar managers, c.n::varchar clients from m join c using (line) order by m.line`);
    const ratio = Object.fromEntries(span.map((r) => [r.line, Number(r.clients) / Number(r.managers)]));
    expect(ratio.corporate).toBeGreaterThan(11);
    expect(ratio.corporate).toBeLessThan(19);
    expect(ratio.retail).toBeGreaterThan(110);
    expect(ratio.retail).toBeLessThan(190);
    expect((await wh.query(`select distinct grade from b_managers order by grade`)).map((r) => r.grade)).toEqual(['A', 'B', 'C', 'D']);
    expect(await num(`select count(*) from b_managers where not regexp_full_match(manager_name, '\\p{Han}{2,4}')`)).toBe(0);
  });

  it('has managers joining and leaving during the period; leavers hand their clients over and do nothing after leaving', async () => {
    const joiners = await num(`select count(*) from b_managers where hire_date between date '2025-01-01' and date '2026-06-30'`);
    const leavers = await num(`select count(*) from b_managers where leave_date between date '2025-01-01' and date '2026-06-30'`);
    expect(joiners).toBeGreaterThanOrEqual(5);
    expect(leavers).toBeGreaterThanOrEqual(5);
    expect(await num(`select count(*) from b_assignments a join b_managers m using (manager_id) where m.leave_date is not null and (a.valid_to is null or a.valid_to > m.leave_date)`)).toBe(0);
    expect(await num(`select count(*) from b_assignments a join b_managers m using (manager_id) where a.valid_from < m.hire_date`)).toBe(0);
    const outside = await num(`
      select count(*) from (
        select manager_id, sale_date d from b_sales union all select manager_id, visit_date from b_visits
        union all select manager_id, txn_date from b_fees where manager_id is not null) x
      join b_managers m using (manager_id) where x.d < m.hire_date or x.d > coalesce(m.leave_date, date '9999-12-31')`);
    expect(outside).toBe(0);
  });
});

describe('demo bank: clients and assignments', () => {
  it('has corporate clients with industries, some in groups (集团), and individuals', async () => {
    const c = await one<Record<string, string>>(`
      select count(*) filter (where client_type = 'corporate')::varchar corporate,
             count(*) filter (where client_type = 'individual')::varchar individual,
             count(*) filter (where client_type = 'corporate' and industry is null)::varchar corp_without_industry,
             count(distinct group_id)::varchar group_count,
             count(*) filter (where group_id is not null and client_name not like '%集团%')::varchar grouped_without_name
      from b_clients`);
    expect(Number(c.corporate)).toBeGreaterThan(2_500);
    expect(Number(c.individual)).toBeGreaterThan(15_000);
    expect(Number(c.corp_without_industry)).toBe(0);
    expect(Number(c.group_count)).toBeGreaterThan(50);
    expect(Number(c.grouped_without_name)).toBe(0);
    expect(await num(`select min(n) from (select group_id, count(*) n from b_clients where group_id is not null group by 1)`)).toBeGreaterThanOrEqual(2);
  });

  it('is heavy-tailed: the top 20% of clients hold at least 70% of deposits', async () => {
    const share = await num(`
      with c as (select client_id, sum(avg_balance) v from b_deposits where as_of_date = date '2025-12-31' group by 1),
           r as (select v, row_number() over (order by v desc) rn, count(*) over () n from c)
      select sum(v) filter (where rn <= n * 0.2) / sum(v) from r`);
    expect(share).toBeGreaterThanOrEqual(0.7);
  });

  it('shares at least 5% of corporate clients between two managers, shares summing to exactly 1', async () => {
    const shared = await num(`
      with v as (select a.client_id, count(*) n from b_assignments a join b_clients c using (client_id)
                 where c.client_type = 'corporate' and a.valid_from <= date '2025-01-31' and coalesce(a.valid_to, date '9999-12-31') >= date '2025-01-31' group by 1)
      select count(*) filter (where n = 2) / count(*) from v`);
    expect(shared).toBeGreaterThanOrEqual(0.05);
    // On every day an assignment starts, and at every month-end, a client's shares sum to 1.
    const bad = await num(`
      with days as (select client_id, valid_from d from b_assignments
                    union select c.client_id, m.month_end from b_clients c cross join b_months m where c.open_date <= m.month_end),
           s as (select d.client_id, d.d, sum(a.share) total, count(a.share) n from days d left join b_assignments a
                 on a.client_id = d.client_id and a.valid_from <= d.d and coalesce(a.valid_to, date '9999-12-31') >= d.d group by all)
      select count(*) from s where n > 0 and total <> 1`);
    expect(bad).toBe(0);
  });

  it('reassigns at least 3% of clients a year, each old row ending the day before its successor starts', async () => {
    const perYear = await wh.query<{ y: string; moved_share: string }>(`
      with moved as (select a.client_id, year(a.valid_from) y from b_assignments a
                     where exists (select 1 from b_assignments p where p.client_id = a.client_id and p.valid_to = a.valid_from - 1))
      select y::varchar y, (count(distinct client_id) / (select count(*) from b_clients))::varchar moved_share from moved group by y order by y`);
    const share = Object.fromEntries(perYear.map((r) => [r.y, Number(r.moved_share)]));
    expect(share['2025']).toBeGreaterThanOrEqual(0.03);
    expect(share['2026']! * 2).toBeGreaterThanOrEqual(0.03); // half a year, annualised
    const orphans = await num(`
      select count(*) from b_assignments a where a.valid_to is not null
        and not exists (select 1 from b_assignments n where n.client_id = a.client_id and n.valid_from = a.valid_to + 1 and n.share = a.share)`);
    expect(orphans).toBe(0);
    expect(await num(`select count(*) from b_assignments where valid_to < valid_from or share <= 0 or share > 1`)).toBe(0);
  });
});

describe('demo bank: deposits', () => {
  it('has demand and time deposits with rates rising with the term', async () => {
    const rates = await wh.query<{ term: number; rate: string }>(`
      select p.term_months term, avg(d.rate)::double::varchar rate from b_deposits d join b_products p using (product_id) group by 1 order by 1`);
    expect(rates.map((r) => r.term)).toEqual([0, 3, 6, 12, 24, 36, 60]);
    for (let i = 1; i < rates.length; i++) expect(Number(rates[i]!.rate)).toBeGreaterThan(Number(rates[i - 1]!.rate));
  });

  it('dresses month-end balances up at quarter ends while average balances stay smooth', async () => {
    const months = await wh.query<{ m: string; ratio: string; avg: string }>(`
      select as_of_date::varchar m, (sum(balance) / sum(avg_balance))::double::varchar ratio, sum(avg_balance)::varchar avg from b_deposits group by 1 order by 1`);
    const qe = months.filter((r) => ['03', '06', '09', '12'].includes(r.m.slice(5, 7))).map((r) => Number(r.ratio));
    const other = months.filter((r) => !['03', '06', '09', '12'].includes(r.m.slice(5, 7))).map((r) => Number(r.ratio));
    expect(Math.min(...qe)).toBeGreaterThan(Math.max(...other) + 0.05); // e.g. 1.10 against 1.01
    for (let i = 1; i < months.length; i++) {
      const change = Math.abs(Number(months[i]!.avg) / Number(months[i - 1]!.avg) - 1);
      expect(change).toBeLessThan(0.03);
    }
  });
});

describe('demo bank: loans', () => {
  it('has terms of 6 to 60 months, rates above the FTP curve, amortising balances within the principal', async () => {
    const t = await one<{ lo: number; hi: number }>(`select min(p.term_months) lo, max(p.term_months) hi from b_loans l join b_products p using (product_id)`);
    expect([Number(t.lo), Number(t.hi)]).toEqual([6, 60]);
    const belowFtp = await num(`
      with l as (select l.*, p.term_months from b_loans l join b_products p using (product_id))
      select count(*) from l asof join (select * from b_ftp_curve where currency = 'CNY') f on l.term_months = f.term_months and l.as_of_date >= f.effective_date where l.rate <= f.rate`);
    expect(belowFtp).toBe(0);
    expect(await num(`select count(*) from b_loans where balance > principal or balance < 0 or avg_balance > principal or maturity_date <= origination_date or origination_date > as_of_date`)).toBe(0);
    // Balances never rise from one month-end to the next (equal-principal amortisation or arrears).
    expect(await num(`select count(*) from (select balance - lag(balance) over (partition by loan_id order by as_of_date) d from b_loans) where d > 0`)).toBe(0);
    // A repaid loan shows 0 in its last month and is gone afterwards; no loan skips a month.
    expect(await num(`select count(*) from (select loan_id, max(as_of_date) repaid_on from b_loans where balance = 0 group by 1) z join b_loans l using (loan_id) where l.as_of_date > z.repaid_on`)).toBe(0);
    expect(await num(`select count(*) from (select loan_id, count(*) n, date_diff('month', min(as_of_date), max(as_of_date)) + 1 span from b_loans group by 1) where n <> span`)).toBe(0);
  });

  it('keeps the bank NPL ratio between 1% and 3% every month, overdue days consistent with the class', async () => {
    const npl = await wh.query<{ m: string; r: string }>(`
      select as_of_date::varchar m, (sum(balance) filter (where five_class in ('substandard', 'doubtful', 'loss')) / sum(balance))::double::varchar r
      from b_loans group by 1 order by 1`);
    for (const x of npl) {
      expect(Number(x.r), x.m).toBeGreaterThanOrEqual(0.01);
      expect(Number(x.r), x.m).toBeLessThanOrEqual(0.03);
    }
    const inconsistent = await num(`
      select count(*) from b_loans where not case five_class
        when 'normal' then overdue_days = 0 when 'special_mention' then overdue_days between 1 and 90
        when 'substandard' then overdue_days between 91 and 180 when 'doubtful' then overdue_days between 181 and 360
        when 'loss' then overdue_days > 360 end`);
    expect(inconsistent).toBe(0);
  });

  it('migrates classes month to month, down and (less often) back up', async () => {
    const moves = Object.fromEntries((await wh.query<{ k: string; n: string }>(`
      with t as (select loan_id, five_class c, lag(five_class) over (partition by loan_id order by as_of_date) p from b_loans)
      select p || '>' || c k, count(*)::varchar n from t where p is not null and p <> c group by 1`)).map((r) => [r.k, Number(r.n)]));
    expect(moves['normal>special_mention']).toBeGreaterThan(50);
    expect(moves['special_mention>substandard']).toBeGreaterThan(10);
    expect(moves['substandard>doubtful']).toBeGreaterThan(5);
    expect(moves['doubtful>loss']).toBeGreaterThan(2);
    expect(moves['special_mention>normal']).toBeGreaterThan(10);
  });

  it('plants bad-risk managers whose loans turn non-performing 3–5× as often as the rest', async () => {
    const ids = truth.cohorts.bad_risk_managers.manager_ids;
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(truth.cohorts.bad_risk_managers.default_multiplier).toBe(4);
    await wh.run(`create or replace table b_bad as select unnest(${`[${ids.map((i) => `'${i}'`).join(',')}]`}::varchar[]) manager_id`);
    const rates = await one<{ bad: number; rest: number }>(`
      with t as (select l.originating_manager_id m, c.rank r, lag(c.rank) over (partition by l.loan_id order by l.as_of_date) p
                 from b_loans l join b_class c using (five_class)),
           x as (select m in (select manager_id from b_bad) bad, count(*) filter (where r >= 2) turned, count(*) exposed from t where p < 2 group by 1)
      select (select turned / exposed from x where bad) bad, (select turned / exposed from x where not bad) rest`);
    const ratio = Number(rates.bad) / Number(rates.rest);
    expect(ratio).toBeGreaterThanOrEqual(3);
    expect(ratio).toBeLessThanOrEqual(5);
  });

  it('has loans now held by another manager than the one who booked them', async () => {
    const moved = await num(`
      select count(*) filter (where not exists (select 1 from b_assignments a where a.client_id = l.client_id and a.manager_id = l.originating_manager_id
                                                 and a.valid_from <= l.as_of_date and coalesce(a.valid_to, date '9999-12-31') >= l.as_of_date)) / count(*)
      from b_loans l where as_of_date = date '2026-06-30'`);
    expect(moved).toBeGreaterThanOrEqual(0.05);
  });
});

describe('demo bank: fees, sales, cohorts', () => {
  it('has fee income and sales in every product category', async () => {
    const all = ['agreement', 'credit_card', 'debit_card', 'deposit', 'ebank', 'fee', 'fund', 'insurance', 'loan', 'other', 'wealth'];
    expect((await wh.query(`select distinct p.category from b_sales s join b_products p using (product_id) order by 1`)).map((r) => r.category)).toEqual(all);
    expect((await wh.query(`select distinct p.category from b_fees s join b_products p using (product_id) order by 1`)).map((r) => r.category)).toEqual(all);
    expect(await num(`select count(*) from b_fees where amount <= 0`)).toBe(0);
  });

  it('plants top sellers who sell at least twice as much as their peers of the same line', async () => {
    const ids = truth.cohorts.top_sellers.manager_ids;
    await wh.run(`create or replace table b_top as select unnest([${ids.map((i) => `'${i}'`).join(',')}]::varchar[]) manager_id`);
    const rows = await wh.query<{ line: string; top: string; rest: string }>(`
      with full_months as (select m.manager_id, m.line, x.month_start from b_managers m cross join b_months x
                           where m.hire_date <= x.month_start and coalesce(m.leave_date, date '9999-12-31') >= x.month_end),
           units as (select s.manager_id, date_trunc('month', s.sale_date)::date month_start, sum(s.units) u from b_sales s
                     join b_products p using (product_id) where p.category not in ('deposit', 'loan') group by all),
           per as (select f.manager_id, f.line, coalesce(u.u, 0) u from full_months f left join units u using (manager_id, month_start))
      select line, avg(u) filter (where manager_id in (select manager_id from b_top))::varchar top,
             avg(u) filter (where manager_id not in (select manager_id from b_top))::varchar rest from per group by line`);
    for (const r of rows) expect(Number(r.top) / Number(r.rest), r.line).toBeGreaterThanOrEqual(2);
  });

  it('plants one lagging sub-branch that trails its siblings on most metrics', async () => {
    const { org_id, sibling_ids } = truth.cohorts.lagging_sub_branch;
    expect(sibling_ids.length).toBeGreaterThanOrEqual(2);
    const figures = await wh.query<Record<string, string>>(`
      with d as (select s.sub_id, sum(avg_balance) filter (where as_of_date = date '2026-06-30') avg_dep,
                        sum(balance) filter (where as_of_date = date '2026-06-30') - sum(balance) filter (where as_of_date = date '2025-01-31') net_dep
                 from b_deposits join b_sub s using (org_id) group by 1),
           l as (select s.sub_id, sum(avg_balance) filter (where as_of_date = date '2026-06-30') avg_loan from b_loans join b_sub s using (org_id) group by 1),
           f as (select s.sub_id, sum(amount) fees from b_fees join b_sub s using (org_id) group by 1),
           u as (select m.org_id sub_id, sum(units) units from b_sales join b_managers m using (manager_id) group by 1),
           v as (select m.org_id sub_id, count(*) visits from b_visits join b_managers m using (manager_id) group by 1)
      select sub_id, avg_dep::varchar avg_dep, net_dep::varchar net_dep, coalesce(avg_loan, 0)::varchar avg_loan, fees::varchar fees,
             units::varchar units, visits::varchar visits
      from d left join l using (sub_id) left join f using (sub_id) left join u using (sub_id) left join v using (sub_id)
      where sub_id in (${[org_id, ...sibling_ids].map((i) => `'${i}'`).join(',')})`);
    const lag = figures.find((r) => r.sub_id === org_id)!;
    const sibs = figures.filter((r) => r.sub_id !== org_id);
    const metrics = ['avg_dep', 'net_dep', 'avg_loan', 'fees', 'units', 'visits'];
    const trailing = metrics.filter((k) => sibs.every((s) => Number(lag[k]) < Number(s[k])));
    expect(trailing.length, `trails on ${trailing.join(', ')}`).toBeGreaterThanOrEqual(5);
  });
});

describe('demo bank: visits and adjustments', () => {
  it('has 8–20 visits per full manager-month, a few managers above 40', async () => {
    const high = truth.cohorts.high_visit_managers.manager_ids;
    const per = await wh.query<{ manager_id: string; lo: number; hi: number }>(`
      with full_months as (select m.manager_id, x.month_start from b_managers m cross join b_months x
                           where m.hire_date <= x.month_start and coalesce(m.leave_date, date '9999-12-31') >= x.month_end),
           n as (select manager_id, date_trunc('month', visit_date)::date month_start, count(*) n from b_visits group by all)
      select f.manager_id, min(coalesce(n.n, 0)) lo, max(coalesce(n.n, 0)) hi from full_months f left join n using (manager_id, month_start) group by 1`);
    for (const r of per) {
      if (high.includes(r.manager_id)) expect(Number(r.lo), r.manager_id).toBeGreaterThan(40);
      else {
        expect(Number(r.lo), r.manager_id).toBeGreaterThanOrEqual(8);
        expect(Number(r.hi), r.manager_id).toBeLessThanOrEqual(20);
      }
    }
    expect(high.length).toBeGreaterThanOrEqual(2);
    expect(high.length).toBeLessThanOrEqual(6);
  });

  it('has development and maintenance visits, some to prospects', async () => {
    const v = Object.fromEntries((await wh.query<{ purpose: string; n: string }>(`select purpose, count(*)::varchar n from b_visits group by 1`)).map((r) => [r.purpose, Number(r.n)]));
    const total = Object.values(v).reduce((a, b) => a + b, 0);
    expect(v.development! / total).toBeGreaterThan(0.2);
    expect(v.maintenance! / total).toBeGreaterThan(0.3);
    const prospects = await num(`select count(*) filter (where client_id is null) / count(*) from b_visits`);
    expect(prospects).toBeGreaterThan(0.05);
    expect(await num(`select count(*) from b_visits where client_id is null and purpose <> 'development'`)).toBe(0);
  });

  it('visits premium clients (top 2% by deposits) for maintenance in most quarters', async () => {
    const premium = truth.cohorts.premium_clients.client_ids;
    // The rule, recomputed from the files: top 2% of clients by summed avg_balance in the first month.
    const top = (await wh.query<{ client_id: string }>(`
      select client_id from b_deposits where as_of_date = date '2025-01-31' and currency = 'CNY' group by 1 order by sum(avg_balance) desc, client_id limit 400`)).map((r) => r.client_id);
    expect(premium).toEqual(top);
    await wh.run(`create or replace table b_premium as select unnest([${premium.map((i) => `'${i}'`).join(',')}]::varchar[]) client_id`);
    const coverage = await num(`
      with q as (select distinct year(month_end) y, quarter(month_end) q from b_months),
           seen as (select distinct client_id, year(visit_date) y, quarter(visit_date) q from b_visits where purpose = 'maintenance')
      select count(s.client_id) / count(*) from b_premium p cross join q left join seen s on s.client_id = p.client_id and s.y = q.y and s.q = q.q`);
    expect(coverage).toBeGreaterThanOrEqual(0.8);
  });

  it('records complaints (−5 each) and market-research reports (1 point, 2 if adopted) for some managers', async () => {
    const a = Object.fromEntries((await wh.query<{ item: string; pts: string; n: string }>(`
      select item, string_agg(distinct points::varchar, ',') pts, count(distinct manager_id)::varchar n from b_adjustments group by 1`)).map((r) => [r.item, r]));
    expect(a.complaint!.pts).toBe('-5.00');
    expect(a.market_research_report!.pts).toBe('1.00');
    expect(a.market_research_report_adopted!.pts).toBe('2.00');
    expect(Number(a.complaint!.n)).toBeGreaterThan(5);
    expect(Number(a.market_research_report!.n)).toBeGreaterThan(5);
  });
});

describe('demo bank: targets and FTP', () => {
  it('sets base and target per metric and period for every manager and org node, each year', async () => {
    const metrics = (await wh.query(`select distinct metric from b_targets order by 1`)).map((r) => r.metric);
    expect(metrics).toContain('net_deposit_increase');
    expect(metrics).toContain('profit_contribution');
    expect(metrics).toContain('sales_credit_card_units');
    expect(metrics.length).toBe(16);
    const perSubject = await one<{ lo: number; hi: number }>(`select min(n) lo, max(n) hi from (select year, subject_type, subject_id, count(*) n from b_targets group by all)`);
    expect([Number(perSubject.lo), Number(perSubject.hi)]).toEqual([7 * 16, 7 * 16]);
    expect(await num(`select count(*) from b_orgs where org_id not in (select subject_id from b_targets where subject_type = 'org' and year = 2026)`)).toBe(0);
    expect(await num(`select count(*) from b_managers where coalesce(leave_date, date '9999-12-31') >= date '2025-01-01' and hire_date <= date '2025-12-31' and manager_id not in (select subject_id from b_targets where subject_type = 'manager' and year = 2025)`)).toBe(0);
    // The first year has no prior year in the data, so its base is given; later bases come from the ledgers.
    expect(await num(`select count(*) from b_targets where year = 2025 and base_value is null`)).toBe(0);
    expect(await num(`select count(*) from b_targets where year = 2026 and base_value is not null`)).toBe(0);
    expect(await num(`select count(*) from b_targets where target_value < 0`)).toBe(0);
  });

  it('has an FTP curve by term with one rate change inside the period', async () => {
    const dates = (await wh.query(`select distinct effective_date::varchar d from b_ftp_curve order by 1`)).map((r) => r.d);
    expect(dates.length).toBe(2);
    expect(dates[1]).toBe(truth.planted.ftp_change_date);
    expect(dates[1]! > '2025-01-01' && dates[1]! <= '2026-06-30').toBe(true);
    expect(await num(`select count(distinct term_months) from b_ftp_curve`)).toBe(7);
  });

  it('lists demo ids that exist: head office, a tier-1 branch, a sub-branch and one of its managers', async () => {
    const d = truth.demo;
    expect(await num(`select count(*) from b_orgs where org_id = '${d.head_office_id}' and level = 'head_office'`)).toBe(1);
    expect(await num(`select count(*) from b_orgs where org_id = '${d.tier1_branch_id}' and level = 'tier1_branch'`)).toBe(1);
    expect(await num(`select count(*) from b_orgs where org_id = '${d.sub_branch_id}' and level = 'sub_branch'`)).toBe(1);
    expect(await num(`select count(*) from b_managers where manager_id = '${d.manager_id}' and org_id = '${d.sub_branch_id}' and leave_date is null`)).toBe(1);
  });
});
