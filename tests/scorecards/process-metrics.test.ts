// Process ratios and originated turned-NPL figures as scheme metrics (issue 21, point 6): they are
// in mart_manager_metrics (long form, from the marts that define them), so a scheme scores them
// like any other metric; `jixiao scheme validate` refuses a metric the build keeps no manager
// figure of, instead of letting it score 0 "no_data".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../cli/main.ts';
import { buildRiskBank, type BuiltRiskBank } from '../fixtures/risk/built.ts';
import { configScoring, coverageIndicator, defaultSchemes } from './fixture.ts';

type Row = Record<string, string | number | null>;

async function validate(file: string): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
  const code = await main(['scheme', 'validate', file], sink as never, sink as never);
  return { code, out };
}

describe('jixiao scheme validate: only metrics the build can score', () => {
  let dir: string;
  const retail = () => JSON.parse(readFileSync(join(defaultSchemes, 'retail_default.json'), 'utf8'));
  const write = (name: string, scheme: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(scheme));
    return file;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-scoreable-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an org-only figure: no manager has one, so every card would score 0', async () => {
    const s = retail();
    s.indicators[5] = { ...s.indicators[5], metric: 'span_of_management' };
    const file = write('org_only.json', s);
    const r = await validate(file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${file}: indicators.5.metric: metric 'span_of_management' cannot be scored: the build keeps no manager figure of it`);
  });

  it('accepts every process ratio and the originated turned-NPL figures', async () => {
    const s = retail();
    const metrics = ['visits_per_month', 'new_or_prospect_share', 'development_to_maintenance', 'conversion_rate', 'development_share', 'originated_turned_npl_count', 'originated_turned_npl_balance', 'maintenance_coverage'];
    s.indicators = metrics.map((metric, k) => ({ id: `i${k}`, label: { zh: metric, en: metric }, metric, weight: 12.5, formula: 'ratio_to_target', target_fallback: { fixed: 1 } }));
    const r = await validate(write('process.json', s));
    expect(r.out).toContain('1 valid, 0 invalid');
    expect(r.code).toBe(0);
  });

  it('refuses maintenance_coverage without the premium_client_upkeep rule that defines a premium client', async () => {
    const s = retail();
    s.indicators[5] = { ...coverageIndicator, weight: s.indicators[5].weight };
    s.bonus.items = s.bonus.items.filter((i: { rule?: string }) => i.rule !== 'premium_client_upkeep');
    const file = write('no_rule.json', s);
    const r = await validate(file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${file}: indicators.5.metric: maintenance_coverage needs the premium_client_upkeep rule among the bonus items`);
  });
});

describe('a scheme scoring maintenance_coverage, by hand (tests/fixtures/risk/bank.ts)', () => {
  let bank: BuiltRiskBank;
  let config: string;
  beforeAll(async () => {
    // The retail card with premium-client coverage (target 80 %, the default cap 1.2) in place of
    // new debit cards (weight 10).
    config = configScoring(coverageIndicator, 'new_debit_cards');
    bank = await buildRiskBank({ configDir: config });
  }, 60_000);
  afterAll(() => {
    bank?.close();
    if (config) rmSync(config, { recursive: true, force: true });
  });

  it('mart_manager_metrics carries the process mart’s coverage and the risk mart’s originated figures', async () => {
    const rows = await bank.rows<Row>(
      `select x.period, x.metric, x.actual, p.maintenance_coverage as process, r.originated_turned_npl_balance as risk
       from mart_manager_metrics x
       left join mart_manager_process_period p on p.period = x.period and p.manager_id = x.manager_id
       left join mart_manager_risk_period r on r.period = x.period and r.manager_id = x.manager_id
       where x.manager_id = $m and x.period in ('2026-03-ytd', '2026-06-ytd') and x.metric in ('maintenance_coverage', 'originated_turned_npl_balance')
       order by x.period, x.metric`,
      { m: 'M3' },
    );
    expect(rows.length).toBe(4);
    for (const r of rows) expect(Number(r.actual)).toBe(Number(r.metric === 'maintenance_coverage' ? r.process : r.risk));
    // L2 (2,000,000.00, booked by M1; C2 moved to M2 on 2026-04-16) turned substandard at 2026-06-30:
    // in Q2 M1 originated one loan of 2,000,000.00 that turned, M2 none (tests/risk/asset-quality.test.ts).
    const q2 = await bank.rows<Row>(
      `select manager_id, metric, actual from mart_manager_metrics
       where period = '2026-Q2' and manager_id in ('M1', 'M2') and metric like 'originated_turned_npl_%' order by manager_id, metric`,
    );
    expect(q2).toEqual([
      { manager_id: 'M1', metric: 'originated_turned_npl_balance', actual: '2000000.000000' },
      { manager_id: 'M1', metric: 'originated_turned_npl_count', actual: '1.000000' },
      { manager_id: 'M2', metric: 'originated_turned_npl_balance', actual: '0.000000' },
      { manager_id: 'M2', metric: 'originated_turned_npl_count', actual: '0.000000' },
    ]);
  });

  it('scores M3’s coverage: 1 of 1 upkept → 12.00 points, 1 of 2 → 6.25', async () => {
    // C4 is M3's one premium client (600,000 ≥ 500,000), upkept in Q1, not in Q2 (see
    // tests/risk/warnings-process-clients.test.ts). No target in the targets file: the fixed 0.8.
    //   2026-03-ytd: 1.000000 / 0.8 = 1.25, capped at 1.2 → 1.2 × 10 = 12.00
    //   2026-06-ytd: 0.500000 / 0.8 = 0.625              → 0.625 × 10 = 6.25
    const rows = await bank.rows<Row>(
      `select period, actual, target, target_source, achievement, capped_achievement, points, note
       from mart_scorecard_indicators where manager_id = 'M3' and indicator_id = 'premium_coverage' order by period`,
    );
    const byPeriod = Object.fromEntries(rows.map((r) => [r.period, r]));
    expect(byPeriod['2026-03-ytd']).toMatchObject({ actual: '1.000000', target: '0.800000', target_source: 'fixed', achievement: '1.250000', capped_achievement: '1.200000', points: '12.00' });
    expect(byPeriod['2026-06-ytd']).toMatchObject({ actual: '0.500000', target: '0.800000', target_source: 'fixed', achievement: '0.625000', capped_achievement: '0.625000', points: '6.25' });
  });
});
