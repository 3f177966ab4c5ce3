// Invariants and a differential check on a generated bank (generator + ingest, then build).
// The tiny scale over 15 months (2025-01 … 2026-03: a complete year 2025, quarters, and a base
// period for 2026-Q1) keeps the default test run fast; the demo scale is exercised by
// `npm run bench:build`, which runs the same checks (sql/checks) as part of every build.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { build } from '../../warehouse/build.ts';
import { sqlDir } from '../../warehouse/paths.ts';

const op = aq.op;
let dir: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-gen-'));
  await generateBank({ scale: 'tiny', seed: 11, out: join(dir, 'bank'), from: '2025-01', to: '2026-03' });
  wh = await Warehouse.open(join(dir, 'jixiao.duckdb'));
  const loads = await ingestPath(wh, join(dir, 'bank'));
  expect(loads.every((l) => l.status === 'loaded')).toBe(true);
  await build(wh);
}, 180_000);

afterAll(() => {
  wh?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const additive = [
  'deposit_avg_balance', 'deposit_end_balance', 'net_deposit_increase', 'deposit_spread', 'loan_avg_balance',
  'loan_end_balance', 'loan_spread', 'fee_income', 'profit_contribution', 'expected_loss',
  'risk_adjusted_contribution', 'npl_balance', 'turned_npl_count', 'turned_npl_balance', 'visits', 'development_visits',
  'sales_wealth_amount', 'sales_wealth_units', 'sales_debit_card_units', 'sales_insurance_amount',
];

type Num = Record<string, string | number | null>;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

describe('generated bank: invariants', () => {
  it('covers the expected periods', async () => {
    const rows = await wh.query<{ period: string }>(`select period from int_periods where period in ('2025', '2025-Q4', '2026-Q1', '2026-03-ytd')`);
    expect(rows.map((r) => r.period).sort()).toEqual(['2025', '2025-Q4', '2026-03-ytd', '2026-Q1']);
  });

  it('Σ managers + unassigned = the head office = the ledger, for every metric and period', async () => {
    const sums = (table: string) =>
      `select period, count(*) as n, ${additive.map((m) => `sum(${m})::varchar as ${m}`).join(', ')} from ${table} group by period`;
    const managers = await wh.query<Num>(sums('mart_manager_period'));
    const unassigned = await wh.query<Num>(sums('mart_unassigned_period'));
    const roots = await wh.query<Num>(
      `select period, ${additive.map((m) => `${m}::varchar as ${m}`).join(', ')} from mart_org_period where parent_id is null`,
    );
    expect(roots.length).toBeGreaterThan(20);
    let compared = 0;
    for (const root of roots) {
      const m = managers.find((r) => r.period === root.period)!;
      const u = unassigned.find((r) => r.period === root.period);
      // Each row is rounded to the fen on its own: the parts may differ from the rounded whole by
      // half a fen per row.
      const tolerance = 0.005 * (n(m.n) + n(u?.n) + 1);
      for (const metric of additive) {
        if (root[metric] === null) continue; // net deposit increase without a base date snapshot
        expect(Math.abs(n(m[metric]) + n(u?.[metric]) - n(root[metric])), `${root.period} ${metric}`).toBeLessThanOrEqual(tolerance);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
    // The head office against the raw ledger, for the figures that need no pricing.
    const ledger = await wh.query<Num>(
      `select p.period,
         (select sum(amount) from raw_fees f where last_day(f.txn_date) in (select month_end from int_period_months pm where pm.period = p.period))::varchar as fee_income,
         (select sum(case when d.currency = 'CNY' then d.balance else round(d.balance * x.cny_per_unit, 2) end)
            from raw_deposits d left join raw_fx_rates x on x.currency = d.currency and last_day(x.as_of_date) = last_day(d.as_of_date)
            where d.as_of_date = p.end_date)::varchar as deposit_end_balance,
         (select sum(case when l.currency = 'CNY' then l.balance else round(l.balance * x.cny_per_unit, 2) end)
            from raw_loans l left join raw_fx_rates x on x.currency = l.currency and last_day(x.as_of_date) = last_day(l.as_of_date)
            where l.as_of_date = p.end_date)::varchar as loan_end_balance,
         (select count(*) from raw_visits v where last_day(v.visit_date) in (select month_end from int_period_months pm where pm.period = p.period))::varchar as visits
       from int_periods p`,
    );
    for (const l of ledger) {
      const root = roots.find((r) => r.period === l.period)!;
      for (const metric of ['fee_income', 'deposit_end_balance', 'loan_end_balance', 'visits']) {
        expect(n(root[metric]), `${l.period} ${metric}`).toBeCloseTo(n(l[metric]), 2);
      }
    }
  });

  it('products sold per client (long form) = the sales ledger, per period and category, to the fen', async () => {
    // Each client's row sums its holders' shares of a sale (shares add up to 1), so Σ over clients
    // is the ledger's own total; amounts are fen in the ledger, so no rounding is in between.
    const rows = await wh.query<Num>(
      `with ledger as (
         select pm.period, coalesce(p.category, 'other') as category, sum(s.units) as units, sum(coalesce(s.amount, 0)) as amount
         from raw_sales s
         left join raw_products p on p.product_id = s.product_id
         join int_period_months pm on pm.month_end = last_day(s.sale_date)
         group by pm.period, coalesce(p.category, 'other')
       ),
       clients as (
         select period, category, sum(units) as units, sum(amount) as amount from mart_client_sales_period group by period, category
       )
       select coalesce(l.period, c.period) as period, coalesce(l.category, c.category) as category,
         l.units::varchar as ledger_units, c.units::varchar as client_units, l.amount::varchar as ledger_amount, c.amount::varchar as client_amount
       from ledger l full join clients c on c.period = l.period and c.category = l.category`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect(n(r.client_units), `${r.period} ${r.category} units`).toBeCloseTo(n(r.ledger_units), 5);
      expect(r.client_amount === null ? null : n(r.client_amount), `${r.period} ${r.category} amount`).toBe(n(r.ledger_amount));
    }
  });

  it('every org node = Σ its children + its own managers and unassigned business', async () => {
    // A manager's business counts at the org the manager belonged to on each date: within a period
    // in which a manager moved, part of it at each org (int_holder_periods, one row per org held),
    // while the manager's own row (mart_manager_period) sits at the org of the period's end.
    const own = await wh.query<Num>(
      `with own as (
         select period, holder_org_id as org_id, ${additive.map((m) => `${m}`).join(', ')} from int_holder_periods where manager_id is not null
         union all by name
         select period, org_id, ${additive.map((m) => `${m}`).join(', ')} from mart_unassigned_period
       ),
       own_sums as (select period, org_id, count(*) as n, ${additive.map((m) => `sum(${m}) as ${m}`).join(', ')} from own group by period, org_id),
       child_sums as (select period, parent_id as org_id, count(*) as n, ${additive.map((m) => `sum(${m}) as ${m}`).join(', ')} from mart_org_period where parent_id is not null group by period, parent_id)
       select o.period, o.org_id, (coalesce(s.n, 0) + coalesce(c.n, 0))::integer as n,
         ${additive.map((m) => `o.${m}::varchar as ${m}, (coalesce(s.${m}, 0) + coalesce(c.${m}, 0))::varchar as parts_${m}`).join(', ')}
       from mart_org_period o
       left join own_sums s on s.period = o.period and s.org_id = o.org_id
       left join child_sums c on c.period = o.period and c.org_id = o.org_id`,
    );
    expect(own.length).toBeGreaterThan(100);
    for (const r of own) {
      for (const metric of additive) {
        if (r[metric] === null) continue;
        expect(Math.abs(n(r[metric]) - n(r[`parts_${metric}`])), `${r.period} ${r.org_id} ${metric}`).toBeLessThanOrEqual(0.005 * (n(r.n) + 1));
      }
    }
    // At full precision the identity is exact: the build's own check returns no offending row.
    const check = readFileSync(join(sqlDir, 'checks', 'int_org_periods__tree_identity.sql'), 'utf8');
    expect(await wh.query(check)).toEqual([]);
  });

  it("a manager's move (truth.json) keeps the months before it with the old sub-branch", async () => {
    const truth = JSON.parse(readFileSync(join(dir, 'bank', 'truth.json'), 'utf8')) as { cohorts: { manager_moves: { moves: { manager_id: string; from_org_id: string; to_org_id: string; month: string }[] } } };
    const moves = truth.cohorts.manager_moves.moves;
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) {
      const [y, mo] = m.month.split('-').map(Number) as [number, number];
      const before = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
      // the spans the ingest kept: the first row from the start to the day before the move, then the new org
      const spans = await wh.query(
        `select org_id, valid_from::varchar as f, valid_to::varchar as t from raw_manager_memberships where manager_id = $id order by valid_from nulls first`, { id: m.manager_id },
      );
      const lastDay = new Date(Date.UTC(y, mo - 1, 0)).toISOString().slice(0, 10);
      expect(spans).toEqual([{ org_id: m.from_org_id, f: null, t: lastDay }, { org_id: m.to_org_id, f: `${m.month}-01`, t: null }]);
      // the month before counts at the old org, the month of the move at the new one
      for (const [period, org] of [[before, m.from_org_id], [m.month, m.to_org_id]] as const) {
        const own = await wh.query<{ org_id: string }>(`select org_id from mart_manager_period where manager_id = $id and period = $period`, { id: m.manager_id, period });
        expect(own.map((r) => r.org_id), `${m.manager_id} ${period}`).toEqual([org]);
        const held = await wh.query<{ holder_org_id: string }>(`select distinct holder_org_id from int_holder_periods where manager_id = $id and period = $period`, { id: m.manager_id, period });
        expect(held.map((h) => h.holder_org_id), `${m.manager_id} ${period}`).toEqual([org]);
      }
    }
    // everyone else: the manager's row sits where the manager's business counted
    const elsewhere = await wh.query(
      `select h.period, h.manager_id from int_holder_periods h join mart_manager_period p on p.period = h.period and p.manager_id = h.manager_id
       where h.holder_org_id <> p.org_id and h.manager_id not in (${moves.map((m) => `'${m.manager_id}'`).join(', ')})`,
    );
    expect(elsewhere).toEqual([]);
  });

  it('a year = Σ its quarters and = its December year-to-date, for flows', async () => {
    const flows = ['deposit_spread', 'loan_spread', 'fee_income', 'profit_contribution', 'expected_loss', 'turned_npl_count', 'visits', 'sales_wealth_amount'];
    const rows = await wh.query<Num>(
      `select m.manager_id, ${flows.map((f) => `max(${f}) filter (where period = '2025')::varchar as y_${f},
         sum(${f}) filter (where period like '2025-Q_')::varchar as q_${f},
         max(${f}) filter (where period = '2025-12-ytd')::varchar as ytd_${f}`).join(', ')}
       from mart_manager_period m group by m.manager_id`,
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      for (const f of flows) {
        expect(Math.abs(n(r[`y_${f}`]) - n(r[`q_${f}`])), `${r.manager_id} ${f}`).toBeLessThanOrEqual(0.02); // 4 rounded quarters
        expect(r[`ytd_${f}`]).toBe(r[`y_${f}`]);
      }
    }
    // Exactly, before rounding:
    const exact = await wh.query(
      `select manager_id, holder_org_id from int_holder_periods
       group by manager_id, holder_org_id
       having coalesce(sum(profit_contribution) filter (where period = '2025'), 0) <> coalesce(sum(profit_contribution) filter (where period like '2025-Q_'), 0)`,
    );
    expect(exact).toEqual([]);
  });
});

describe('generated bank: contribution recomputed independently with arquero', () => {
  it('agrees with mart_manager_period on spreads, fees and profit for every manager and quarter', async () => {
    const num = (rows: Record<string, unknown>[], cols: string[]) =>
      rows.map((r) => ({ ...r, ...Object.fromEntries(cols.map((c) => [c, r[c] === null ? null : Number(r[c])])) }));
    // averages in yuan: a foreign row at its month-end rate, to the fen
    const inYuan = (table: string) =>
      `select t.as_of_date::varchar as d, t.client_id, t.product_id, t.currency,
         case when t.currency = 'CNY' then t.avg_balance else round(t.avg_balance * x.cny_per_unit, 2) end as avg_balance, t.rate
       from ${table} t left join raw_fx_rates x on x.currency = t.currency and last_day(x.as_of_date) = last_day(t.as_of_date)`;
    const deposits = aq.from(num(await wh.query(inYuan('raw_deposits')), ['avg_balance', 'rate']));
    const loans = aq.from(num(await wh.query(inYuan('raw_loans')), ['avg_balance', 'rate']));
    const fees = aq.from(num(await wh.query(`select txn_date::varchar as d, client_id, amount, manager_id from raw_fees`), ['amount']));
    const curve = num(await wh.query(`select effective_date::varchar as e, term_months, rate, currency from raw_ftp_curve`), ['rate']) as { e: string; term_months: number; rate: number; currency: string }[];
    const terms = new Map((await wh.query<{ product_id: string; term_months: number | null }>(`select product_id, term_months from raw_products`)).map((p) => [p.product_id, p.term_months]));
    const managers = new Set((await wh.query<{ manager_id: string }>(`select manager_id from raw_managers`)).map((m) => m.manager_id));
    const assignments = (await wh.query<{ client_id: string; manager_id: string; share: string; f: string; t: string | null }>(
      `select client_id, manager_id, share, valid_from::varchar as f, valid_to::varchar as t from raw_assignments`,
    ));
    const byClient = new Map<string, typeof assignments>();
    for (const a of assignments) byClient.set(a.client_id, [...(byClient.get(a.client_id) ?? []), a]);

    // The rules, restated: on the curve of the row's currency, each term's latest point on or before
    // the date (before every point: the first date's points); point = shortest term >= the
    // product's (demand: 0), else the longest.
    const ftp = (date: string, product: string, currency: string) => {
      const own = curve.filter((c) => c.currency === currency);
      const inForce = new Map<number, { e: string; rate: number }>();
      for (const c of own) if (c.e <= date && (inForce.get(c.term_months)?.e ?? '') < c.e) inForce.set(c.term_months, c);
      const first = own.map((c) => c.e).sort()[0];
      const points = (inForce.size ? [...inForce].map(([term_months, c]) => ({ term_months, rate: c.rate })) : own.filter((c) => c.e === first))
        .sort((a, b) => a.term_months - b.term_months);
      const term = terms.get(product) ?? 0;
      return (points.find((p) => p.term_months >= term) ?? points[points.length - 1]!).rate;
    };
    const holders = (client: string, date: string) => {
      const hs = (byClient.get(client) ?? []).filter((a) => a.f <= date && (a.t === null || date <= a.t));
      return hs.length ? hs.map((a) => ({ manager: a.manager_id, share: Number(a.share) })) : [{ manager: null, share: 1 }];
    };
    const days = (date: string) => Number(date.slice(8, 10)); // snapshots are month-ends
    const quarter = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

    const depositSpread = deposits
      .derive({ amount: aq.escape((r: { d: string; product_id: string; currency: string; avg_balance: number; rate: number }) => (r.avg_balance * (ftp(r.d, r.product_id, r.currency) - r.rate) * days(r.d)) / 36500) })
      .derive({ h: aq.escape((r: { client_id: string; d: string }) => holders(r.client_id, r.d)), period: aq.escape((r: { d: string }) => quarter(r.d)) })
      .unroll('h')
      .derive({
        manager: aq.escape((r: { h: { manager: string | null } }) => r.h.manager),
        deposit_spread: aq.escape((r: { amount: number; h: { share: number } }) => r.amount * r.h.share),
      })
      .groupby('manager', 'period')
      .rollup({ deposit_spread: op.sum('deposit_spread') });
    const loanSpread = loans
      .derive({ amount: aq.escape((r: { d: string; product_id: string; currency: string; avg_balance: number; rate: number }) => (r.avg_balance * (r.rate - ftp(r.d, r.product_id, r.currency)) * days(r.d)) / 36500) })
      .derive({ h: aq.escape((r: { client_id: string; d: string }) => holders(r.client_id, r.d)), period: aq.escape((r: { d: string }) => quarter(r.d)) })
      .unroll('h')
      .derive({
        manager: aq.escape((r: { h: { manager: string | null } }) => r.h.manager),
        loan_spread: aq.escape((r: { amount: number; h: { share: number } }) => r.amount * r.h.share),
      })
      .groupby('manager', 'period')
      .rollup({ loan_spread: op.sum('loan_spread') });
    const feeIncome = fees
      .derive({
        // a fee naming a known manager credits that manager in full
        h: aq.escape((r: { client_id: string; d: string; manager_id: string | null }) =>
          r.manager_id && managers.has(r.manager_id) ? [{ manager: r.manager_id, share: 1 }] : holders(r.client_id, r.d)),
        period: aq.escape((r: { d: string }) => quarter(r.d)),
      })
      .unroll('h')
      .derive({
        manager: aq.escape((r: { h: { manager: string | null } }) => r.h.manager),
        fee_income: aq.escape((r: { amount: number; h: { share: number } }) => r.amount * r.h.share),
      })
      .groupby('manager', 'period')
      .rollup({ fee_income: op.sum('fee_income') });
    // Stack the three (a full join would lose the keys of right-only rows) and add up.
    const recomputed = depositSpread
      .derive({ loan_spread: () => 0, fee_income: () => 0 })
      .concat(loanSpread.derive({ deposit_spread: () => 0, fee_income: () => 0 }))
      .concat(feeIncome.derive({ deposit_spread: () => 0, loan_spread: () => 0 }))
      .filter(aq.escape((r: { manager: string | null }) => r.manager !== null))
      .groupby('manager', 'period')
      .rollup({ deposit_spread: op.sum('deposit_spread'), loan_spread: op.sum('loan_spread'), fee_income: op.sum('fee_income') })
      .objects() as { manager: string; period: string; deposit_spread?: number; loan_spread?: number; fee_income?: number }[];

    const marts = await wh.query<Num>(
      `select manager_id, period, deposit_spread::varchar as deposit_spread, loan_spread::varchar as loan_spread,
         fee_income::varchar as fee_income, profit_contribution::varchar as profit_contribution
       from mart_manager_period where period in (select period from int_periods where period_type = 'quarter')`,
    );
    let compared = 0;
    for (const r of recomputed) {
      if (!/Q/.test(r.period) || !marts.some((m) => m.period === r.period)) continue; // incomplete quarters are not periods
      const m = marts.find((x) => x.manager_id === r.manager && x.period === r.period)!;
      expect(m, `${r.manager} ${r.period}`).toBeDefined();
      const ds = r.deposit_spread ?? 0;
      const ls = r.loan_spread ?? 0;
      const fee = r.fee_income ?? 0;
      // the marts round exact figures to the fen; the recomputation is in binary floating point
      expect(Math.abs(n(m.deposit_spread) - ds), `${r.manager} ${r.period} deposit_spread`).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(n(m.loan_spread) - ls), `${r.manager} ${r.period} loan_spread`).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(n(m.fee_income) - fee), `${r.manager} ${r.period} fee_income`).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(n(m.profit_contribution) - (ds + ls + fee)), `${r.manager} ${r.period} profit`).toBeLessThanOrEqual(0.0051);
      compared += 1;
    }
    // every manager × quarter of the marts with any spread or fee was recomputed
    const active = marts.filter((m) => n(m.deposit_spread) !== 0 || n(m.loan_spread) !== 0 || n(m.fee_income) !== 0);
    expect(compared).toBeGreaterThanOrEqual(active.length);
    expect(compared).toBeGreaterThan(10);
  });
});
