// The scorecards on a generated bank, through the real pipeline (generate → ingest → build):
// every manager gets a scorecard and pay for every scoring quarter, the card's identities hold,
// and the cohorts the generator planted (truth.json) show: the top sellers grade better than the
// rest, the lagging sub-branch worse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { build } from '../../warehouse/build.ts';
import { configScoring, coverageIndicator, failedChecks } from './fixture.ts';

interface Truth {
  cohorts: {
    top_sellers: { manager_ids: string[] };
    lagging_sub_branch: { org_id: string };
  };
}

let dir: string;
let wh: Warehouse;
let truth: Truth;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-scorecards-demo-'));
  const out = join(dir, 'bank');
  // 2,000 clients shaped like the demo bank (2025-01 … 2026-06, ~56 managers): small enough to stay quick.
  await generateBank({ scale: 2000, seed: 42, out });
  truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
  wh = await Warehouse.open(join(dir, 'w.duckdb'));
  const loads = await ingestPath(wh, out);
  expect(loads.map((l) => l.status).filter((s) => s === 'refused')).toEqual([]);
  await build(wh);
}, 600_000);

afterAll(() => {
  wh?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const one = async (sql: string, params?: Record<string, string>) => (await wh.query(sql, params))[0] as Record<string, string>;

describe('scorecards on the generated bank', () => {
  it('scores and pays every employed manager for every quarter-end year-to-date period', async () => {
    // Schemes are chosen by line: every manager must arrive with one.
    const lines = await wh.query<{ line: string }>(`select distinct line from raw_managers order by line`);
    expect(lines.map((l) => l.line), 'raw_managers.line as loaded by the ingest').toEqual(['corporate', 'retail']);
    const periods = await wh.query<{ period: string }>(`select distinct period from mart_scorecards order by period`);
    expect(periods.map((p) => p.period)).toEqual(['2025-03-ytd', '2025-06-ytd', '2025-09-ytd', '2025-12-ytd', '2026-03-ytd', '2026-06-ytd']);
    const counts = await one(`select
        (select count(*) from int_scorecard_schemes_resolved)::varchar as employed,
        (select count(*) from int_scorecard_schemes_resolved where scheme_id is null)::varchar as unscored,
        (select count(*) from mart_scorecards)::varchar as cards,
        (select count(*) from mart_pay)::varchar as pays,
        (select count(distinct manager_id) from mart_scorecards)::varchar as managers,
        (select count(*) from raw_managers)::varchar as all_managers`);
    expect(counts.unscored).toBe('0');
    expect(counts.cards).toBe(counts.employed);
    expect(counts.pays).toBe(counts.employed);
    expect(Number(counts.managers)).toBe(Number(counts.all_managers));
  });

  it('keeps the card identities: indicator lines add up, sections add up, caps hold', async () => {
    expect(Number((await one(`select count(*)::varchar as n from mart_scorecard_indicators`)).n)).toBeGreaterThan(0);
    const broken = await one(`select count(*)::varchar as n from mart_scorecards s
      left join (select period, manager_id, sum(points) as p from mart_scorecard_indicators group by all) i using (period, manager_id)
      where s.total_score <> s.indicator_points + s.bonus_points + s.deduction_points
         or s.indicator_points <> coalesce(i.p, 0)
         or s.bonus_points > 10 or s.deduction_points > 0`);
    expect(broken.n).toBe('0');
    // every indicator of the card is there for every manager (no row silently dropped)
    const lines = await one(`select count(*)::varchar as n from mart_scorecards s
      join cfg_scheme_indicators c on c.scheme_id = s.scheme_id
      left join mart_scorecard_indicators i on i.period = s.period and i.manager_id = s.manager_id and i.indicator_id = c.indicator_id
      where i.indicator_id is null`);
    expect(lines.n).toBe('0');
    // the head office's pool is every manager's contribution
    const pool = await one(`select
        (select sum(pool_contribution) from mart_pay where period = '2026-06-ytd')::varchar as managers,
        (select pool_total from mart_pay_pool_org p join raw_orgs o using (org_id) where o.parent_id is null and p.period = '2026-06-ytd')::varchar as head_office`);
    expect(pool.head_office).toBe(pool.managers);
  });

  it('passes the scorecard checks (keys, card and pay identities, pool tree)', async () => {
    expect(await failedChecks(wh)).toEqual({});
  });

  it('grades the planted top sellers better than the rest, and the lagging sub-branch worse', async () => {
    const top = truth.cohorts.top_sellers.manager_ids;
    const lagging = truth.cohorts.lagging_sub_branch.org_id;
    expect(top.length).toBeGreaterThan(0);
    // grade rank: 1 excellent … 4 unsatisfactory, averaged over every manager × scoring period
    const rows = await wh.query<{ cohort: string; cards: string; grade_rank: string; score: string }>(
      `with cards as (
         select case when list_contains($top::varchar[], manager_id) then 'top'
                     when org_id = $lagging then 'lagging' else 'rest' end as cohort,
           total_score,
           case grade when 'excellent' then 1 when 'good' then 2 when 'competent' then 3 else 4 end as grade_rank,
         from mart_scorecards
       )
       select cohort, count(*)::varchar as cards, round(avg(grade_rank), 3)::varchar as grade_rank, round(avg(total_score), 2)::varchar as score
       from cards group by cohort order by cohort`,
      { top: `[${top.join(',')}]`, lagging },
    );
    const by = Object.fromEntries(rows.map((r) => [r.cohort, { rank: Number(r.grade_rank), score: Number(r.score), cards: Number(r.cards) }]));
    expect(by.top!.cards).toBeGreaterThan(0);
    expect(by.lagging!.cards).toBeGreaterThan(0);
    // "visibly": top sellers half a grade and 10 points above the rest on average; the lagging
    // sub-branch a quarter grade and 5 points below (seed 42: 1.08 / 103 vs 2.22 / 80 vs 2.83 / 70)
    expect(by.top!.rank).toBeLessThan(by.rest!.rank - 0.5);
    expect(by.top!.score).toBeGreaterThan(by.rest!.score + 10);
    expect(by.lagging!.rank).toBeGreaterThan(by.rest!.rank + 0.25);
    expect(by.lagging!.score).toBeLessThan(by.rest!.score - 5);
  });
});

describe('institution cards on the generated bank', () => {
  it('scores every sub-branch with the default institution scheme at every scoring period, and the checks pass', async () => {
    const rows = await wh.query<{ period: string; subs: number; cards: number; others: number }>(
      `select r.period, count(*) filter (where r.level = 'sub_branch')::integer as subs,
         count(c.org_id) filter (where r.level = 'sub_branch' and c.scheme_id = 'sub_branch_default')::integer as cards,
         count(c.org_id) filter (where r.level <> 'sub_branch')::integer as others
       from int_org_scorecard_schemes_resolved as r
       left join mart_org_scorecards as c on c.period = r.period and c.org_id = r.org_id
       group by r.period order by r.period`,
    );
    expect(rows.map((r) => r.period)).toEqual(['2025-03-ytd', '2025-06-ytd', '2025-09-ytd', '2025-12-ytd', '2026-03-ytd', '2026-06-ytd']);
    for (const r of rows) {
      expect(r.subs).toBeGreaterThan(3);
      expect(r.cards, r.period).toBe(r.subs);
      expect(r.others, r.period).toBe(0);
    }
    expect(await failedChecks(wh)).toEqual({});
  });

  it('ranks the planted lagging sub-branch in the bottom quarter of its level at every scoring period', async () => {
    const lagging = truth.cohorts.lagging_sub_branch.org_id;
    const rows = await wh.query<{ period: string; level_rank: number; level_count: number }>(
      `select period, level_rank, level_count from mart_org_scorecards where org_id = $lagging order by period`,
      { lagging },
    );
    expect(rows).toHaveLength(6);
    // bottom quarter: rank above three quarters of the level (e.g. 34th or lower of 45)
    for (const r of rows) expect(r.level_rank, `${r.period}: ${r.level_rank} of ${r.level_count}`).toBeGreaterThan(0.75 * r.level_count);
  });
});

describe('the generated bank\'s targets cascade', () => {
  it('has no cascade gap: every node\'s children and own managers carry its target (no build warning)', async () => {
    // generator/targets.ts: a node's target = Σ children's + Σ its own managers' (outlets: 0)
    const gaps = await one(`select count(*) filter (where is_gap)::varchar as gaps, count(*)::varchar as cells,
        count(*) filter (where target > 0 and level = 'sub_branch')::varchar as targeted_subs
      from mart_target_cascade`);
    expect(Number(gaps.cells)).toBeGreaterThan(0);
    expect(Number(gaps.targeted_subs)).toBeGreaterThan(0);
    expect(gaps.gaps).toBe('0');
    const warned = await one(`select count(*)::varchar as n from build_warnings where warning = 'target_cascade_gaps'`);
    expect(warned.n).toBe('0');
  });
});

// Last: rebuilds this warehouse with another retail card, so it runs after the tests above.
describe('a scheme scoring maintenance_coverage on the generated bank', () => {
  it('gives retail managers non-zero points, each = coverage / 0.8 capped at 1.2, × 10', async () => {
    const config = configScoring(coverageIndicator, 'new_debit_cards');
    try {
      await build(wh, { configDir: config });
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
    const rows = await wh.query<{ period: string; actual: string | null; points: string; note: string | null; expected: string | null }>(
      `select i.period, i.actual, i.points, i.note,
         round(least(cast(p.maintenance_coverage / 0.8 as decimal(18,6)), 1.2) * 10, 2)::varchar as expected
       from mart_scorecard_indicators i
       join mart_manager_process_period p on p.period = i.period and p.manager_id = i.manager_id
       where i.indicator_id = 'premium_coverage'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const scored = rows.filter((r) => Number(r.points) > 0);
    // Not the old 0 "no_data" for everyone: most cards earn points for their coverage.
    expect(scored.length).toBeGreaterThan(rows.length / 2);
    // Every manager with premium clients is scored from the process mart's coverage; the others
    // (no premium client: coverage null) say why they score 0.
    for (const r of rows) {
      if (r.actual === null) expect(r.note).not.toBeNull();
      else expect(r.points).toBe(r.expected);
    }
  });
});
