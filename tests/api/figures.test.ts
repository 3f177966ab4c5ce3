// Every endpoint's figures are the marts' figures, untouched: the API selects mart columns and
// never recomputes them. Expected values are read from the marts of the same fixture (built by the
// real build runner), plus the hand-worked parts the API itself adds (scope, per-manager averages,
// percentiles, portfolio membership).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';
import { listValue } from '@duckdb/node-api';
import { leagueColumns, leagueTable, managerPageParts, managerScorecard, periodsUpTo, scoreColumns, targetColumns } from '../../warehouse/queries/managers.ts';
import { metricColumns, qualified } from '../../warehouse/queries/columns.ts';
import { runList, type Paging } from '../../warehouse/queries/listing.ts';
import { inSubtree, nodeInScope, scopeParams, type Scope } from '../../warehouse/queries/scope.ts';
import { benchmark } from '../../warehouse/queries/institutions.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;

/**
 * The league as worked out per request from the marts mart_manager_league reshapes (how the API
 * read it before that mart): mart_manager_period joined to the card that applies (the latest
 * scored period of the year up to the period) and to mart_manager_metrics' profit contribution.
 */
function leagueByJoins(scope: Scope, f: { orgId: string; period: string }, paging: Paging) {
  const cat = ctx.deps.catalog;
  const metrics = metricColumns(cat, 'mart_manager_period');
  return runList<Record<string, unknown>>(ctx.deps.reader, {
    select: `
      select m.manager_id, m.manager_name, m.org_id, o.org_name, m.line, m.grade,
        -- moved: in the node's subtree at the period's end, outside it now
        not exists (select 1 from mart_org_ancestors c where c.org_id = m.current_org_id and c.ancestor_id = $org_id::varchar) as moved,
        sc.total_score, sc.grade as score_grade, sc.peer_rank, sc.percentile, sc.period as score_period,
        false as score_locked, -- no card is locked in this fixture (no reviews file lines)
        ${qualified('m', metrics)},
        -- a month: the year to date against the annual target by elapsed time (mart_month_pace)
        round_fen(coalesce(mp.pace_base, mm.base)) as profit_contribution_base, round_fen(coalesce(mp.pace_target, mm.target)) as profit_contribution_target,
        coalesce(mp.achievement, mm.achievement) as profit_contribution_achievement, round_fen(coalesce(mp.growth, mm.growth)) as profit_contribution_growth,
        mp.ytd_actual as profit_contribution_ytd, mp.elapsed_share
      from mart_manager_period m
      ${inSubtree('m')}
      join raw_orgs o on o.org_id = m.org_id
      left join mart_scorecards sc on sc.manager_id = m.manager_id and sc.period = (
        select s.period from mart_scorecards s where list_contains($score_candidates::varchar[], s.period)
        order by list_position($score_candidates::varchar[], s.period) limit 1)
      left join mart_manager_metrics mm on mm.manager_id = m.manager_id and mm.period = m.period and mm.metric = 'profit_contribution'
        and not regexp_full_match(m.period, '[0-9]{4}-[0-9]{2}') -- a month: its four are its pace's
      left join mart_month_pace mp on mp.subject_type = 'manager' and mp.subject_id = m.manager_id and mp.period = m.period and mp.metric = 'profit_contribution'
      where m.period = $period
        and ${nodeInScope}
        and ($scope_manager::varchar is null or m.manager_id = $scope_manager::varchar)`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period, score_candidates: listValue(periodsUpTo(ctx.deps.periods, f.period)) },
    paging,
    sortable: leagueColumns(cat),
    tiebreak: ['manager_id'],
  });
}
let head: string;
let period: string;

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f);
  head = await login(ctx.app, 'head');
  period = (await (await get('/api/periods')).json()).latest_month;
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = (path: string, cookie = head) => ctx.app.request(path, { headers: { cookie } });
const mart = (sql: string, params: Record<string, string> = {}) => ctx.deps.reader.query<Record<string, unknown>>(sql, params);
const metricsOf = (table: string) => ctx.deps.catalog.metrics(table, ['year', 'month', 'months', 'days', 'quarter', 'depth', 'ordinal']);

/** Exact decimal a / n rounded half away from zero to `places` (BigInt arithmetic, no floats). */
function divide(a: string, n: number, places: number): string {
  const [int, frac = ''] = a.replace('-', '').split('.');
  const scale = frac.length;
  const num = BigInt(int + frac) * 10n ** BigInt(places);
  const den = BigInt(n) * 10n ** BigInt(scale);
  let q = num / den;
  if ((num % den) * 2n >= den) q += 1n;
  const s = q.toString().padStart(places + 1, '0');
  return `${a.startsWith('-') && q !== 0n ? '-' : ''}${s.slice(0, -places)}.${s.slice(-places)}`;
}

describe('periods', () => {
  it('lists int_periods; the default period is the latest month', async () => {
    const body = await (await get('/api/periods')).json();
    const rows = await mart(`select period from int_periods order by period`);
    expect(body.rows.map((r: { period: string }) => r.period).sort()).toEqual(rows.map((r) => r.period));
    const months = rows.map((r) => String(r.period)).filter((p) => /^\d{4}-\d{2}$/.test(p)).sort();
    expect(body.latest_month).toBe(months.at(-1));
  });
});

describe('league table', () => {
  it('B1: exactly M1, M2, M3 with every mart_manager_period column as built', async () => {
    const body = await (await get(`/api/orgs/B1/managers?period=${period}&sort=manager_id&order=asc`)).json();
    expect(body.total).toBe(3);
    expect(body.rows.map((r: { manager_id: string }) => r.manager_id)).toEqual(['M1', 'M2', 'M3']);
    const metrics = metricsOf('mart_manager_period');
    expect(metrics).toContain('profit_contribution');
    const expected = await mart(
      `select manager_id, ${metrics.map((m) => `"${m}"`).join(', ')} from mart_manager_period
       where period = $period and manager_id in ('M1', 'M2', 'M3') order by manager_id`,
      { period },
    );
    for (const [i, row] of body.rows.entries()) {
      for (const m of metrics) expect(row[m], `${row.manager_id}.${m}`).toEqual(expected[i]![m]);
    }
    // Money stays an exact string.
    expect(typeof body.rows[0].profit_contribution).toBe('string');
    expect(body.rows[0].profit_contribution).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('2026-Q1: profit contribution against target from mart_manager_metrics (hand-checked)', async () => {
    const body = await (await get('/api/orgs/HQ/managers?period=2026-Q1&sort=manager_id&order=asc')).json();
    const keys = body.columns.map((c: { key: string }) => c.key);
    for (const k of ['profit_contribution_base', 'profit_contribution_target', 'profit_contribution_achievement', 'profit_contribution_growth']) expect(keys).toContain(k);
    const pick = (r: Record<string, unknown>) => [r.manager_id, r.profit_contribution, r.profit_contribution_base, r.profit_contribution_target, r.profit_contribution_achievement, r.profit_contribution_growth];
    // The fixture's targets file: M1 Q1 base 1000, target 2000; M4 Q1 base 20000, target 30000.
    // M1's contribution (C1 + C2 + half of C6) is 1875.47 in the mart:
    //   achievement = 1875.47 / 2000 = 0.937735 exactly; growth = 1875.47 − 1000 = 875.47.
    // M4 (C5 alone) is 12347.26: 12347.26 / 30000 = 0.41157533… → 0.411575; 12347.26 − 20000 = −7652.74.
    // M2 and M3 have no target: nulls, not zeros. Base, target and growth are money, at the fen.
    expect(body.rows.map(pick)).toEqual([
      ['M1', '1875.47', '1000.00', '2000.00', '0.937735', '875.47'],
      ['M2', '12123.29', null, null, null, null],
      ['M3', '354.93', null, null, null, null],
      ['M4', '12347.26', '20000.00', '30000.00', '0.411575', '-7652.74'],
    ]);
    // The columns are mart_manager_metrics' own, and sortable.
    const [mm] = await mart(`select achievement from mart_manager_metrics where period = '2026-Q1' and manager_id = 'M1' and metric = 'profit_contribution'`);
    expect(body.rows[0].profit_contribution_achievement).toBe(mm!.achievement);
    const byAch = (await (await get('/api/orgs/HQ/managers?period=2026-Q1&sort=profit_contribution_achievement&order=desc')).json()).rows;
    expect(byAch.map((r: { manager_id: string }) => r.manager_id)).toEqual(['M1', 'M4', 'M2', 'M3']);
    // The year-to-date period ending March takes the Q1 target: the same figures.
    const ytd = (await (await get('/api/orgs/HQ/managers?period=2026-03-ytd&sort=manager_id&order=asc')).json()).rows;
    expect(ytd.map(pick)).toEqual(body.rows.map(pick));
  });

  it('shows the scorecard that applies to the period, as the manager page does, and says which', async () => {
    // Scoring runs on year-to-date figures at quarter ends: 2026-Q1 and 2026-03 both take the
    // 2026-03-ytd cards; 2026-03-ytd takes its own.
    const cards = await mart(`select manager_id, total_score, grade from mart_scorecards where period = '2026-03-ytd' order by manager_id`);
    expect(cards.length).toBeGreaterThan(0);
    for (const p of ['2026-Q1', '2026-03', '2026-03-ytd']) {
      const rows = (await (await get(`/api/orgs/HQ/managers?period=${p}&sort=manager_id&order=asc`)).json()).rows as Record<string, unknown>[];
      const scored = rows.filter((r) => r.total_score !== null);
      expect(scored.map((r) => [r.manager_id, r.total_score, r.score_grade]), p).toEqual(cards.map((c) => [c.manager_id, c.total_score, c.grade]));
      for (const r of scored) expect(r.score_period, p).toBe('2026-03-ytd');
    }
    // A month before any quarter end of its year has no card yet.
    const jan = (await (await get('/api/orgs/HQ/managers?period=2026-01&sort=manager_id&order=asc')).json()).rows as Record<string, unknown>[];
    expect(jan.every((r) => r.total_score === null && r.score_period === null)).toBe(true);
  });

  it('sorts by any listed column, both ways, with manager_id breaking ties', async () => {
    const desc = (await (await get(`/api/orgs/HQ/managers?period=${period}&sort=profit_contribution&order=desc`)).json()).rows;
    const expected = await mart(
      `select manager_id from mart_manager_period where period = $period order by profit_contribution desc, manager_id`,
      { period },
    );
    expect(desc.map((r: { manager_id: string }) => r.manager_id)).toEqual(expected.map((r) => r.manager_id));
  });

  it('pages: page 2 of size 3 holds the 4th manager; total counts all', async () => {
    const p2 = await (await get(`/api/orgs/HQ/managers?period=${period}&sort=manager_id&order=asc&page=2&page_size=3`)).json();
    expect(p2).toMatchObject({ total: 4, page: 2, page_size: 3 });
    expect(p2.rows.map((r: { manager_id: string }) => r.manager_id)).toEqual(['M4']);
    const past = await (await get(`/api/orgs/HQ/managers?period=${period}&page=9&page_size=3`)).json();
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(4);
  });

  it('reads mart_manager_league: the same rows as the marts it reshapes, joined per request', async () => {
    const cat = ctx.deps.catalog;
    expect(leagueColumns(cat)).toEqual(expect.arrayContaining([...scoreColumns, ...targetColumns]));
    const scopes: Scope[] = [{ orgId: null, managerId: null }, { orgId: 'B1', managerId: null }, { orgId: 'S11', managerId: 'M1' }];
    let compared = 0;
    let scoredRows = 0;
    // A month before any card, a month and a quarter that take the 2026-03-ytd card, that card's own period.
    const periods = ['2026-01', '2026-03', '2026-Q1', '2026-03-ytd', '2026-02-ytd'];
    expect(periods.every((p) => ctx.deps.periods.some((r) => r.period === p))).toBe(true);
    for (const p of periods) {
      for (const orgId of ['HQ', 'B1', 'S21']) {
        for (const scope of scopes) {
          for (const paging of [
            { sort: 'profit_contribution', order: 'desc' as const, page: 1, limit: 50 },
            { sort: 'total_score', order: 'asc' as const, page: 2, limit: 1 },
          ]) {
            const f = { orgId, period: p };
            const viaMart = await leagueTable(ctx.deps.reader, cat, scope, f, paging);
            expect(viaMart, `${p} ${orgId} ${JSON.stringify(scope)} ${paging.sort}`).toEqual(await leagueByJoins(scope, f, paging));
            compared += viaMart.rows.length;
            scoredRows += viaMart.rows.filter((r) => r.score_period !== null && r.profit_contribution_target !== null).length;
          }
        }
      }
    }
    // Not vacuous: rows were compared, some with a card and a target.
    expect(compared).toBeGreaterThan(50);
    expect(scoredRows).toBeGreaterThan(0);
  });

  it('filters by line, and searches names and ids (bound, so quotes are just text)', async () => {
    const retail = (await (await get(`/api/orgs/HQ/managers?period=${period}&line=retail&sort=manager_id&order=asc`)).json()).rows;
    expect(retail.map((r: { manager_id: string }) => r.manager_id)).toEqual(['M1', 'M3']);
    const q = (await (await get(`/api/orgs/HQ/managers?period=${period}&q=${encodeURIComponent('张')}`)).json()).rows;
    expect(q.map((r: { manager_id: string }) => r.manager_id)).toEqual(['M1']);
    const inj = await get(`/api/orgs/HQ/managers?period=${period}&q=${encodeURIComponent("' or '1'='1")}`);
    expect(inj.status).toBe(200);
    expect((await inj.json()).rows).toEqual([]);
  });
});

describe('benchmark', () => {
  it('HQ: its children B1 and B2 with mart_org_period figures, per-manager averages and percentiles', async () => {
    const body = await (await get(`/api/orgs/HQ/benchmark?period=${period}&sort=org_id&order=asc`)).json();
    expect(body.rows.map((r: { org_id: string }) => r.org_id)).toEqual(['B1', 'B2']);
    const expected = await mart(`select org_id, profit_contribution, deposit_avg_balance from mart_org_period where period = $period and org_id in ('B1','B2') order by org_id`, { period });
    const [b1, b2] = body.rows;
    expect(b1.profit_contribution).toBe(expected[0]!.profit_contribution);
    expect(b2.profit_contribution).toBe(expected[1]!.profit_contribution);
    // B1 has 3 managers (M1, M2 in S11; M3 in S12), B2 has 1 (M4).
    expect(Number(b1.managers)).toBe(3);
    expect(Number(b2.managers)).toBe(1);
    expect(b1.profit_contribution_per_manager).toBe(divide(String(expected[0]!.profit_contribution), 3, 2));
    expect(b2.profit_contribution_per_manager).toBe(divide(String(expected[1]!.profit_contribution), 1, 2));
    // Two siblings: the larger is at 1 (both at or below it), the smaller at 0.5.
    const b1Larger = Number(expected[0]!.deposit_avg_balance) >= Number(expected[1]!.deposit_avg_balance);
    expect(b1.deposit_avg_balance_percentile).toBe(b1Larger ? '1.000000' : '0.500000');
    expect(b2.deposit_avg_balance_percentile).toBe(b1Larger ? '0.500000' : '1.000000');
  });
});

describe('benchmark from mart_org_benchmark', () => {
  it('the same rows as worked out per request from mart_org_metrics', async () => {
    // How the API worked them out before the mart: per-manager averages by div_fen_n / div_ratio,
    // percentiles by cume_dist among the siblings with a value.
    const perRequest = `select x.org_id, x.metric,
        div_fen_n(x.actual, nullif(h.managers, 0)) as per_manager_money,
        div_ratio(x.actual, h.managers) as per_manager_count,
        case when x.actual is not null
          then cast(cume_dist() over (partition by x.metric, x.actual is null order by x.actual) as decimal(18,6)) end as percentile
      from mart_org_metrics x
      join mart_org_period h on h.org_id = x.org_id and h.period = x.period
      where x.period = $period and h.parent_id = $org_id and ${nodeInScope}
      order by x.org_id, x.metric`;
    const built = `select x.org_id, x.metric, x.per_manager_fen as per_manager_money, x.per_manager_ratio as per_manager_count, x.percentile
      from mart_org_benchmark x
      where x.period = $period and x.parent_id = $org_id and ${nodeInScope}
      order by x.org_id, x.metric`;
    let values = 0;
    for (const p of ['2026-01', '2026-03', '2026-Q1', '2026-03-ytd']) {
      for (const orgId of ['HQ', 'B1', 'B2', 'S11']) {
        for (const scope of [{ orgId: null, managerId: null }, { orgId: 'B1', managerId: null }] as Scope[]) {
          const params = { ...scopeParams(scope), org_id: orgId, period: p } as Record<string, string>;
          const viaMart = await mart(built, params);
          expect(viaMart, `${p} ${orgId} ${JSON.stringify(scope)}`).toEqual(await mart(perRequest, params));
          values += viaMart.flatMap((r) => [r.per_manager_money, r.per_manager_count, r.percentile].filter((v) => v !== null)).length;
          // …and the benchmark shows them (every metric but the head count itself).
          const listed = await benchmark(ctx.deps.reader, ctx.deps.catalog, scope, { orgId, period: p }, { sort: 'org_id', order: 'asc', page: 1, limit: 50 });
          for (const r of viaMart.filter((x) => x.metric !== 'managers')) expect(listed.rows.find((x) => x.org_id === r.org_id)?.[`${r.metric}_percentile`], `${r.org_id} ${r.metric}`).toBe(r.percentile);
        }
      }
    }
    expect(values).toBeGreaterThan(100); // averages and percentiles were there to compare
  });
});

describe('one org node', () => {
  it('B1: figures = mart_org_period, metrics = mart_org_metrics, trend = its months', async () => {
    const body = await (await get(`/api/orgs/B1?period=${period}`)).json();
    const [row] = await mart(`select * exclude (period, org_id) from mart_org_period where period = $period and org_id = 'B1'`, { period });
    for (const m of metricsOf('mart_org_period')) expect(body.figures[m], m).toEqual(row![m]);
    const metrics = await mart(
      `select m.metric, m.actual, m.base, m.target, m.achievement, m.growth, p.ytd_actual, p.pace_target, p.achievement as pace_achievement, p.elapsed_share
       from mart_org_metrics m left join mart_month_pace p on p.period = m.period and p.subject_type = 'org' and p.subject_id = m.org_id and p.metric = m.metric
       where m.period = $period and m.org_id = 'B1' order by m.metric`,
      { period },
    );
    expect(body.metrics).toEqual(metrics);
    expect(body.trend.at(-1).period).toBe(period);
  });

  it('B1 in a month: profit contribution by elapsed time beside the month’s own (no) target', async () => {
    // February 2026: 59 of 365 days gone = 0.161644; annual target 60,000.00 × 0.161644 = 9,698.64;
    // year to date 10,461.45 / 9,698.64 = 1.078651.
    const feb = (await (await get('/api/orgs/B1?period=2026-02')).json()).metrics as Record<string, string | null>[];
    expect(feb.find((m) => m.metric === 'profit_contribution')).toMatchObject({ target: null, ytd_actual: '10461.450000', pace_target: '9698.640000', pace_achievement: '1.078651', elapsed_share: '0.161644' });
    // No annual target for the other metrics, and a quarter has its own target: no pace.
    expect(feb.filter((m) => m.pace_target !== null).map((m) => m.metric)).toEqual(['profit_contribution']);
    const q1 = (await (await get('/api/orgs/B1?period=2026-Q1')).json()).metrics as Record<string, string | null>[];
    expect(q1.every((m) => m.pace_target === null && m.pace_achievement === null)).toBe(true);
  });
});

describe('one manager', () => {
  it('M1: figures, metrics, trend and scorecard are the marts’ rows', async () => {
    const body = await (await get(`/api/managers/M1?period=${period}`)).json();
    expect(body.manager).toMatchObject({ manager_id: 'M1', manager_name: '张三', org_id: 'S11', line: 'retail' });
    const [row] = await mart(`select * from mart_manager_period where period = $period and manager_id = 'M1'`, { period });
    for (const m of metricsOf('mart_manager_period')) expect(body.figures[m], m).toEqual(row![m]);
    const metrics = await mart(
      `select m.metric, m.actual, m.base, m.target, m.achievement, m.growth, p.ytd_actual, p.pace_target, p.achievement as pace_achievement, p.elapsed_share
       from mart_manager_metrics m left join mart_month_pace p on p.period = m.period and p.subject_type = 'manager' and p.subject_id = m.manager_id and p.metric = m.metric
       where m.period = $period and m.manager_id = 'M1' order by m.metric`,
      { period },
    );
    expect(body.metrics).toEqual(metrics);
    const months = await mart(`select m.period from mart_manager_period m join int_periods p using (period) where p.period_type = 'month' and m.manager_id = 'M1' and p.end_date <= (select end_date from int_periods where period = $period) order by 1`, { period });
    expect(body.trend.map((r: { period: string }) => r.period)).toEqual(months.map((r) => r.period));
    expect(body.scorecard.period).toBe(`${period}-ytd`); // 2026-03 is a quarter end: scored year-to-date
    {
      const [card] = await mart(`select total_score, grade from mart_scorecards where period = $p and manager_id = 'M1'`, { p: body.scorecard.period });
      expect(body.scorecard.card).toMatchObject(card!);
      const indicators = await mart(`select indicator_id, points from mart_scorecard_indicators where period = $p and manager_id = 'M1' order by indicator_id`, { p: body.scorecard.period });
      expect(body.scorecard.indicators.map((i: { indicator_id: string; points: string }) => ({ indicator_id: i.indicator_id, points: i.points })).sort((a: { indicator_id: string }, b: { indicator_id: string }) => a.indicator_id.localeCompare(b.indicator_id))).toEqual(indicators);
    }
  });
});

describe('one manager from mart_manager_page', () => {
  it('card, pay, process, risk and concentration: the same as read from each mart', async () => {
    const cat = ctx.deps.catalog;
    const identity = ['period', 'manager_id', 'manager_name', 'org_id', 'line', 'grade'];
    /** The manager's row of one manager × period mart, its figures in the mart's order (or null). */
    const martRow = async (table: string, id: string, p: string) => {
      const cols = cat.columns(table).map((c) => c.name).filter((n) => !identity.includes(n));
      return (await mart(`select ${qualified('m', cols)} from ${table} m where m.manager_id = $id and m.period = $p`, { id, p }))[0] ?? null;
    };
    /** The page's parts as read from each mart (how the API read them before mart_manager_page). */
    const fromEachMart = async (id: string, p: string) => {
      const [scorecard, process, risk, concentration] = await Promise.all([
        managerScorecard(ctx.deps.reader, cat, id, p, ctx.deps.periods),
        martRow('mart_manager_process_period', id, p),
        martRow('mart_manager_risk_period', id, p),
        martRow('mart_manager_client_concentration', id, p),
      ]);
      return { scorecard, process, risk, concentration };
    };
    let cards = 0;
    let pays = 0;
    let rows = 0;
    for (const p of ['2026-01', '2026-02', '2026-03', '2026-Q1', '2026-03-ytd', '2026-02-ytd']) {
      for (const id of ['M1', 'M2', 'M3', 'M4']) {
        const viaPage = await managerPageParts(ctx.deps.reader, cat, id, p);
        // Key order counts too (the JSON is compared as text by clients' caches).
        expect(JSON.stringify(viaPage), `${id} ${p}`).toBe(JSON.stringify(await fromEachMart(id, p)));
        if (viaPage.scorecard) cards++;
        if (viaPage.scorecard?.pay) pays++;
        rows += [viaPage.process, viaPage.risk, viaPage.concentration].filter(Boolean).length;
      }
    }
    // Not vacuous: months without a card (January) and with one (March, Q1), pay and period rows.
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThan(24);
    expect(pays).toBeGreaterThan(0);
    expect(rows).toBeGreaterThan(0);
  });
});

describe('one manager, a quarter', () => {
  it('M4 in 2026-Q1: figures are the quarter row of mart_manager_period (not a month of the trend)', async () => {
    const body = await (await get('/api/managers/M4?period=2026-Q1')).json();
    const [row] = await mart(`select * from mart_manager_period where period = '2026-Q1' and manager_id = 'M4'`);
    for (const m of metricsOf('mart_manager_period')) expect(body.figures[m], m).toEqual(row![m]);
    // The trend is monthly: January to March.
    expect(body.trend.map((r: { period: string }) => r.period)).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});

describe('portfolios and clients', () => {
  it('M1 holds C1, C2 in full and half of C6 (hand-read from the assignments)', async () => {
    const body = await (await get(`/api/managers/M1/clients?period=${period}&sort=client_id&order=asc`)).json();
    expect(body.rows.map((r: { client_id: string; share: string }) => [r.client_id, r.share])).toEqual([
      ['C1', '1.000000'],
      ['C2', '1.000000'],
      ['C6', '0.500000'],
    ]);
    const expected = await mart(`select client_id, profit_contribution from mart_client_period where period = $period and client_id in ('C1','C2','C6') order by client_id`, { period });
    expect(body.rows.map((r: { client_id: string; profit_contribution: string }) => ({ client_id: r.client_id, profit_contribution: r.profit_contribution }))).toEqual(
      ['C1', 'C2', 'C6'].map((id) => ({ client_id: id, profit_contribution: expected.find((e) => e.client_id === id)?.profit_contribution ?? null })),
    );
  });

  it('M1’s segmented portfolio in Q1 = mart_client_portfolio_period, ranked by contribution', async () => {
    const body = await (await get('/api/managers/M1/portfolio?period=2026-Q1')).json();
    const expected = await mart(`select client_id, share, profit_contribution, contribution_rank, segment from mart_client_portfolio_period where manager_id = 'M1' and period = '2026-Q1' order by contribution_rank`);
    expect(expected.map((r) => r.client_id).sort()).toEqual(['C1', 'C2', 'C6']);
    expect(body.rows.map((r: Record<string, unknown>) => ({ client_id: r.client_id, share: r.share, profit_contribution: r.profit_contribution, contribution_rank: r.contribution_rank, segment: r.segment }))).toEqual(expected);
  });

  it('B1’s clients: everyone held in S11 and S12; C6 has two holders', async () => {
    const body = await (await get(`/api/orgs/B1/clients?period=${period}&sort=client_id&order=asc`)).json();
    expect(body.rows.map((r: { client_id: string }) => r.client_id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C6']);
    expect(Number(body.rows.find((r: { client_id: string }) => r.client_id === 'C6').holders)).toBe(2);
  });

  it('C3: holders (with their org by name), monthly history from mart_client_period, and the loan ledger rows', async () => {
    const body = await (await get('/api/clients/C3')).json();
    expect(body.client).toMatchObject({ client_id: 'C3', client_name: '甲公司', client_type: 'corporate' });
    expect(body.holders).toEqual([{ manager_id: 'M2', manager_name: '李四', org_id: 'S11', org_name: '东城支行', share: '1.000000', valid_from: '2020-01-01', valid_to: null }]);
    const history = await mart(`select m.period, m.profit_contribution from mart_client_period m join int_periods p using (period) where p.period_type = 'month' and client_id = 'C3' order by 1`);
    expect(body.history.map((r: { period: string; profit_contribution: string }) => ({ period: r.period, profit_contribution: r.profit_contribution }))).toEqual(history);
    expect(body.ledgers.loans.map((l: { as_of_date: string; five_class: string; balance: string }) => [l.as_of_date, l.five_class, l.balance])).toEqual([
      ['2026-03-31', 'substandard', '2000000.00'],
      ['2026-02-28', 'substandard', '2000000.00'],
      ['2026-01-31', 'normal', '2000000.00'],
    ]);
  });
});

describe('risk', () => {
  it('turned-NPL by originating manager, Feb 2026: L3 (2,000,000.00, booked by M2) turned substandard', async () => {
    const body = await (await get('/api/orgs/B1/risk/turned-npl?period=2026-02&by=originating')).json();
    expect(body.sort).toBe('originated_turned_npl_balance');
    expect(body.rows[0]).toMatchObject({ manager_id: 'M2', originated_turned_npl_count: '1', originated_turned_npl_balance: '2000000.00' });
    const expected = await mart(`select manager_id, originated_turned_npl_balance, originated_npl_ratio from mart_manager_risk_period where period = '2026-02' and manager_id in ('M1','M2','M3') order by manager_id`);
    const got = [...body.rows].sort((a: { manager_id: string }, b: { manager_id: string }) => a.manager_id.localeCompare(b.manager_id));
    expect(got.map((r: Record<string, unknown>) => ({ manager_id: r.manager_id, originated_turned_npl_balance: r.originated_turned_npl_balance, originated_npl_ratio: r.originated_npl_ratio }))).toEqual(expected);
  });

  it('turned-NPL held now, Feb 2026: M2 held L3 in full: count 1, balance 2,000,000.00; NPL ratio 2,000,000 / 2,000,000 = 1', async () => {
    const body = await (await get('/api/orgs/B1/risk/turned-npl?period=2026-02')).json();
    expect(body.rows[0]).toMatchObject({ manager_id: 'M2', turned_npl_balance: '2000000.00', npl_balance: '2000000.00', npl_ratio: '1.000000' });
    expect(Number(body.rows[0].turned_npl_count)).toBe(1);
    const bad = await get('/api/orgs/B1/risk/turned-npl?sort=originated_npl_ratio');
    expect(bad.status).toBe(400);
    expect((await bad.json()).invalid_params[0].name).toBe('sort');
  });

  it('ties on the ranked measure are ranked by the API: NPL balance, then loan balance, then id', async () => {
    // HQ, March 2026: no loan turned NPL (every turned_npl_balance 0.00). NPL balance: M2 2,000,000.00,
    // M1 M3 M4 0.00; loan balance: M4 2,800,000.00, M1 M3 0.00 → M2, M4, then M1 and M3 by id (not
    // M1, M2, M3, M4 as the ids alone would put them). The originator's figures are the same here.
    for (const by of ['current', 'originating']) {
      const body = await (await get(`/api/orgs/HQ/risk/turned-npl?period=2026-03&by=${by}`)).json();
      expect(body.rows.map((r: { manager_id: string }) => r.manager_id), by).toEqual(['M2', 'M4', 'M1', 'M3']);
    }
    // Ascending on the measure: the same tie-break keys, in their own direction.
    const asc = await (await get('/api/orgs/HQ/risk/turned-npl?period=2026-03&order=asc')).json();
    expect(asc.rows.map((r: { manager_id: string }) => r.manager_id)).toEqual(['M2', 'M4', 'M1', 'M3']);
  });

  it('the loans behind it: exactly the mart rows', async () => {
    const body = await (await get('/api/orgs/HQ/risk/loans?period=2026-02')).json();
    const expected = await mart(`select loan_id, manager_id, turned_npl_balance from mart_turned_npl_loans where period = '2026-02' and attribution = 'current' order by turned_npl_balance desc, loan_id`);
    expect(body.rows.map((r: Record<string, unknown>) => ({ loan_id: r.loan_id, manager_id: r.manager_id, turned_npl_balance: r.turned_npl_balance }))).toEqual(expected);
    expect(body.rows[0]).toMatchObject({ loan_id: 'L3', client_id: 'C3', previous_five_class: 'normal', five_class: 'substandard', overdue_days: 95 });
  });

  it('warnings in Q1: the mart rows dated within it; L5 (special mention) among them', async () => {
    const body = await (await get('/api/orgs/HQ/risk/warnings?period=2026-Q1&page_size=500')).json();
    const [n] = await mart(`select count(*)::integer as n from mart_risk_warnings where as_of_date between date '2026-01-01' and date '2026-03-31'`);
    expect(body.total).toBe(n!.n);
    expect(body.rows.some((r: { loan_id: string; warning: string }) => r.loan_id === 'L5' && r.warning === 'special_mention')).toBe(true);
  });

  it('migration and vintage: the node’s mart rows', async () => {
    const mig = await (await get(`/api/orgs/HQ/risk/migration?period=${period}`)).json();
    const migExpected = await mart(`select from_class, to_class, loans, opening_balance, closing_balance from mart_org_risk_migration where org_id = 'HQ' and period = $period order by from_class, to_class`, { period });
    expect(mig.rows.map((r: Record<string, unknown>) => ({ from_class: r.from_class, to_class: r.to_class, loans: r.loans, opening_balance: r.opening_balance, closing_balance: r.closing_balance }))).toEqual(migExpected);
    const vin = await (await get('/api/orgs/B1/risk/vintage')).json();
    const vinExpected = await mart(`select origination_quarter, months_on_book, balance, npl_balance from mart_org_risk_vintage where org_id = 'B1' order by origination_quarter, months_on_book`);
    expect(vin.rows.map((r: Record<string, unknown>) => ({ origination_quarter: r.origination_quarter, months_on_book: r.months_on_book, balance: r.balance, npl_balance: r.npl_balance }))).toEqual(vinExpected);
    expect(vinExpected.length).toBeGreaterThan(0);
  });

  it('a manager sees their own migration and vintage only (the manager-grain marts)', async () => {
    const m2 = await login(ctx.app, 'mgr_m1');
    const vin = await (await get('/api/orgs/S11/risk/vintage', m2)).json();
    // M1 booked no loans: the vintage of S11 (L3, booked by M2) must not show.
    expect(vin.rows).toEqual([]);
  });
});

describe('process', () => {
  it('visits per manager = mart_manager_process_period', async () => {
    const body = await (await get('/api/orgs/HQ/process?period=2026-02&sort=manager_id&order=asc')).json();
    const expected = await mart(`select manager_id, visits, development_visits from mart_manager_process_period where period = '2026-02' order by manager_id`);
    expect(body.rows.map((r: Record<string, unknown>) => ({ manager_id: r.manager_id, visits: r.visits, development_visits: r.development_visits }))).toEqual(expected);
    // Hand count from the visit log: Feb 2026 — M1: V2 (development); M3: V3 (development); M4: V4 (collection).
    expect(body.rows.map((r: { visits: unknown }) => Number(r.visits))).toEqual([1, 0, 1, 1]);
  });
});

describe('loads and rejects (admin)', () => {
  it('the load log and the rejected row with file, line, column and reason', async () => {
    const admin = await login(ctx.app, 'admin');
    const loads = await (await get('/api/loads', admin)).json();
    expect(loads.rows).toHaveLength(1);
    expect(loads.rows[0]).toMatchObject({ load_id: 1, status: 'loaded', rows_rejected: '1' });
    const rejects = await (await get('/api/loads/1/rejects', admin)).json();
    expect(rejects.rows).toEqual([{ load_id: 1, file_name: 'deposits_2026.csv', line_no: '7', column_name: 'balance', value: '12,3x', reason: 'not a number' }]);
  });
});

describe('health', () => {
  it('tells an anonymous caller only that it is up and when the results were built', async () => {
    const body = await (await ctx.app.request('/api/health')).json();
    expect(Object.keys(body).sort()).toEqual(['built_at', 'status']);
    expect(body.status).toBe('ok');
    expect(body.built_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    // A signed-in user of another role learns no more.
    const asHead = await (await get('/api/health')).json();
    expect(Object.keys(asHead).sort()).toEqual(['built_at', 'status']);
  });

  it('shows an admin the build, the last load and the marts', async () => {
    const admin = await login(ctx.app, 'admin');
    const body = await (await get('/api/health', admin)).json();
    expect(body).toMatchObject({ status: 'ok', build_id: 1 });
    expect(body.built_at).toBe(body.last_build.finished_at);
    expect(body.last_load).toMatchObject({ load_id: 1, status: 'loaded' });
    expect(body.last_build).toMatchObject({ status: 'built', build_id: 1 });
    expect(body.marts.mart_manager_period).toBe(true);
  });
});
