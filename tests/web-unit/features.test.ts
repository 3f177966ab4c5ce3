// Pure shaping helpers of the dashboard's features: percentile colours, waterfall geometry, the
// loan class grid, the migration matrix, risk drill-down in the URL, comparison selection, tiles,
// table columns, breadcrumbs, role navigation, the sign-in return path.
import { describe, expect, it } from 'vitest';
import { heatCells, percentileRanks } from '../../web/src/features/institution/charts.ts';
import { waterfallSteps } from '../../web/src/features/manager/charts.ts';
import { figuresOf, segmentsOf, visitLevels } from '../../web/src/features/manager/groups.ts';
import { classGrid, latestSnapshot } from '../../web/src/features/client/history.ts';
import { migrationCells, migrationOption, migrationPick, vintageOption, vintagePick } from '../../web/src/features/risk/charts.ts';
import { cellDrillParam, drillParam, loanCellTarget, parseCellDrill, parseDrill } from '../../web/src/features/risk/drill.ts';
import { parseSelection, toggleSelection } from '../../web/src/features/managers/league.ts';
import { homeOf, navFor } from '../../web/src/features/shell/nav.ts';
import { safeNext } from '../../web/src/features/login/next.ts';
import { tileView } from '../../web/src/lib/figures.ts';
import { headlineTiles } from '../../web/src/features/manager/headline.ts';
import { columnsFrom } from '../../web/src/lib/columns.ts';
import { orgPath } from '../../web/src/lib/orgs.ts';
import type { OrgNode, Scorecard } from '../../web/src/lib/api.ts';

describe('institution heat map', () => {
  it('ranks values into percentiles, ties sharing the mean rank', () => {
    // 5 values: 10 → rank 0, 20 and 20 → mean rank 1.5, 40 → 3, 50 → 4; percentile = rank / 4 × 100.
    expect(percentileRanks([20, 10, 40, 20, 50])).toEqual([37.5, 0, 75, 37.5, 100]);
    expect(percentileRanks([null, 5])).toEqual([null, 50]);
  });
  it("uses the API's percentile when given (0–1), and flips lower-is-better metrics", () => {
    const rows = [
      { org_name: 'A', profit_contribution: '100', profit_contribution_percentile: '1.000000', npl_ratio: '0.02', npl_ratio_percentile: '1.000000' },
      { org_name: 'B', profit_contribution: '50', profit_contribution_percentile: '0.500000', npl_ratio: '0.01', npl_ratio_percentile: '0.500000' },
    ];
    const cells = heatCells(rows, ['profit_contribution', 'npl_ratio'], 'zh');
    expect(cells.map((c) => c.percentile)).toEqual([100, 50, 0, 50]);
    expect(cells[2]!.text).toBe('2.00%');
  });
  it('colours size counts, missing values and a column of one value neutral (null), at every level', () => {
    // managers: a size count, neither good nor bad; fee_income: all equal (0 and 0), nothing to tell
    // apart, whether the API ranks it (cume_dist gives both 1) or the page does; npl_ratio of B missing,
    // so A's stands alone: nothing to compare it with.
    const rows = [
      { org_name: 'A', managers: 12, clients: 300, fee_income: '0.00', fee_income_percentile: '1.000000', npl_ratio: '0.02', profit_contribution: '5' },
      { org_name: 'B', managers: 3, clients: 40, fee_income: '0.00', fee_income_percentile: '1.000000', npl_ratio: null, profit_contribution: '9' },
    ];
    const cells = heatCells(rows, ['managers', 'clients', 'fee_income', 'npl_ratio', 'profit_contribution'], 'zh');
    // order: metric by metric, row by row; profit 5 < 9 ranked here: P0 and P100
    expect(cells.map((c) => c.percentile)).toEqual([null, null, null, null, null, null, null, null, 0, 100]);
  });
});

describe('scorecard waterfall', () => {
  const card: Scorecard = {
    period: '2026-03-ytd',
    card: { bonus_points: '4.00', deduction_points: '-5.00', total_score: '84.50', grade: 'good' },
    indicators: [
      { indicator_id: 'a', label_zh: '甲', label_en: 'A', metric: 'fee_income', formula: 'ratio_to_target', weight: '60', actual: null, base: null, target: null, achievement: null, points: '55.50' },
      { indicator_id: 'b', label_zh: '乙', label_en: 'B', metric: 'clients', formula: 'ratio_to_target', weight: '40', actual: null, base: null, target: null, achievement: null, points: '30.00' },
    ],
    items: [],
    pay: null,
  };
  it('floats each step on the running total and ends on the card total', () => {
    // 0 → +55.5 → 85.5 → +4 → 89.5 → −5 → 84.5 (the card's total).
    expect(waterfallSteps(card, 'en')).toEqual([
      { name: 'A', start: 0, value: 55.5, total: false },
      { name: 'B', start: 55.5, value: 30, total: false },
      { name: 'Bonus', start: 85.5, value: 4, total: false },
      { name: 'Deduction', start: 84.5, value: -5, total: false },
      { name: 'Total', start: 0, value: 84.5, total: true },
    ]);
  });
});

describe('manager groups', () => {
  it('picks the shown figures of a group with base and target where the metrics have them', () => {
    const f = figuresOf({ visits: '14', months: 1, conversion_rate: '0.6' }, [{ metric: 'visits', actual: '14', base: '10', target: '15', achievement: '0.933333', growth: '4' }], ['visits', 'conversion_rate', 'absent']);
    expect(f.map((x) => [x.metric, x.actual, x.target])).toEqual([
      ['visits', '14', '15'],
      ['conversion_rate', '0.6', null],
    ]);
    expect(visitLevels({ visit_good_level: 15, visit_ceiling: 44 })).toEqual({ good: 15, ceiling: 44 });
    // A quarter states 45 good and 132 at most: 45 / 3 = 15 and 132 / 3 = 44 a month.
    expect(visitLevels({ months: 3, visit_good_level: 45, visit_ceiling: 132 })).toEqual({ good: 15, ceiling: 44 });
    expect(visitLevels(null)).toEqual({ good: 15, ceiling: 44 });
  });
});

describe('portfolio segments', () => {
  it("reads the segment mix from the concentration row's counts", () => {
    const row = { portfolio_clients: '27', hhi: '0.13', high_value_stable_clients: '1', low_value_falling_clients: '4', new_segment_clients: '2', dormant_clients: '0' };
    expect(segmentsOf(row)).toEqual([
      { segment: 'high_value_stable', clients: '1' },
      { segment: 'low_value_falling', clients: '4' },
      { segment: 'new', clients: '2' },
      { segment: 'dormant', clients: '0' },
    ]);
    expect(segmentsOf(null)).toEqual([]);
  });
});

describe('client history', () => {
  it("pivots loans × month-ends with each month's class, the latest month first", () => {
    const rows = [
      { loan_id: 'L2', as_of_date: '2026-02-28', five_class: 'substandard' },
      { loan_id: 'L1', as_of_date: '2026-01-31', five_class: 'normal' },
      { loan_id: 'L1', as_of_date: '2026-02-28', five_class: 'special_mention' },
    ];
    expect(classGrid(rows, 'as_of_date')).toEqual({
      months: ['2026-02-28', '2026-01-31'],
      loans: [
        { loan_id: 'L1', cells: ['special_mention', 'normal'] },
        { loan_id: 'L2', cells: ['substandard', null] },
      ],
    });
    expect(latestSnapshot(rows).map((r) => r.loan_id)).toEqual(['L2', 'L1']);
  });
});

describe('risk', () => {
  it('lays the migration matrix out with new loans as a row and closed ones as a column', () => {
    const { cells, unit } = migrationCells([
      { from_class: 'normal', to_class: 'substandard', opening_balance: '2000000.00', closing_balance: '1900000.00' },
      { from_class: 'new', to_class: 'normal', opening_balance: '0.00', closing_balance: '500000.00' },
    ]);
    expect(unit).toBe('wan');
    const moved = cells.find((c) => c.from === 'normal' && c.to === 'substandard')!;
    expect(moved).toMatchObject({ x: 2, y: 1, value: 200, text: '200.00' }); // 2,000,000 yuan at the start = 200 万元
    expect(cells.find((c) => c.from === 'new' && c.to === 'normal')).toMatchObject({ value: 50, text: '50.00' }); // new loans: their end balance
    expect(cells.filter((c) => c.value !== null)).toHaveLength(2);
    expect(cells).toHaveLength(6 * 6);
  });
  it('keeps the drill-down in the URL', () => {
    expect(parseDrill(drillParam('M7'), 'originating')).toEqual({ by: 'originating', manager_id: 'M7' });
    expect(parseDrill('all', 'current')).toEqual({ by: 'current' });
    expect(parseDrill('bogus', 'current')).toBeNull();
    // Chart cells: a migration cell and a vintage point round-trip through the URL; anything else is refused.
    expect(parseCellDrill(cellDrillParam({ kind: 'migration', from_class: 'new', to_class: 'special_mention' }))).toEqual({ kind: 'migration', from_class: 'new', to_class: 'special_mention' });
    expect(parseCellDrill(cellDrillParam({ kind: 'vintage', origination_quarter: '2025-Q2', months_on_book: 8 }))).toEqual({ kind: 'vintage', origination_quarter: '2025-Q2', months_on_book: 8 });
    expect(parseCellDrill('migration:normal:npl')).toBeNull();
    expect(parseCellDrill('vintage:2025-Q5:3')).toBeNull();
    expect(parseCellDrill('manager:M7')).toBeNull();
    expect(parseDrill('migration:normal:loss', 'current')).toBeNull();
  });
  it('links a loan row’s client, holder and originator by name, and nothing else', () => {
    const row = { loan_id: 'L3', client_id: 'C3', client_name: '甲公司', manager_id: 'M2', manager_name: '李四', originating_manager_id: 'M1', originating_manager_name: '张三', holder_org_id: 'S11' };
    expect(loanCellTarget(row, 'client_name')).toEqual({ page: 'client', id: 'C3' });
    expect(loanCellTarget(row, 'manager_name')).toEqual({ page: 'manager', id: 'M2' });
    expect(loanCellTarget(row, 'originating_manager_name')).toEqual({ page: 'manager', id: 'M1' });
    expect(loanCellTarget(row, 'loan_id')).toBeNull();
    expect(loanCellTarget(row, 'holder_org_id')).toBeNull();
    // The unassigned bucket has no manager to open.
    expect(loanCellTarget({ ...row, manager_id: null, manager_name: null }, 'manager_name')).toBeNull();
  });
});

describe('risk chart clicks', () => {
  it('a click on any matrix cell drills to that cell’s classes; a vintage point to its quarter and age', () => {
    const rows = [
      { from_class: 'normal', to_class: 'substandard', loans: '1.000000', opening_balance: '2000000.00', closing_balance: '2000000.00' },
      { from_class: 'new', to_class: 'closed', loans: '2.000000', opening_balance: '0.00', closing_balance: '0.00' },
    ];
    const option = migrationOption(rows, 'zh') as { series: { data: [number, number, number | null, string][] }[]; visualMap: { seriesIndex: number; max: number }[] };
    // two series: the moves between classes of existing loans on the red scale (normal → substandard),
    // the rest (stayed, new, closed: new → closed here) shaded neutral
    expect(option.series[0]!.data.filter((d) => d[2] !== null)).toHaveLength(1);
    expect(option.visualMap.map((v) => v.seriesIndex)).toEqual([0, 1]);
    expect(option.visualMap[0]!.max).toBe(200); // the one move, 2,000,000 yuan = 200 万元
    const data = option.series.flatMap((s) => s.data);
    // Each cell's own (x, y) names its classes: the filled ones are the rows above.
    const picked = data.filter((d) => d[2] !== null).map((d) => migrationPick(d));
    expect(picked).toEqual(expect.arrayContaining([
      { kind: 'migration', from_class: 'normal', to_class: 'substandard' },
      { kind: 'migration', from_class: 'new', to_class: 'closed' },
    ]));
    expect(picked.length).toBe(2);
    expect(migrationPick([99, 0, 1, ''])).toBeNull();
    expect(vintagePick({ name: '8', seriesName: '2025-Q2' })).toEqual({ kind: 'vintage', origination_quarter: '2025-Q2', months_on_book: 8 });
    expect(vintagePick({ name: 'x', seriesName: '2025-Q2' })).toBeNull();
    // the vintage chart's ages are a value axis: a point is [age, share]
    expect(vintagePick({ name: '', seriesName: '2025-Q2', value: [8, 12.5] })).toEqual({ kind: 'vintage', origination_quarter: '2025-Q2', months_on_book: 8 });
  });

  it('vintage: every cohort in the legend, the latest eight shown, thin cohorts starred and dashed, points [age, %]', () => {
    const row = (q: string, age: number, share: string, n: number) => ({ origination_quarter: q, months_on_book: age, cumulative_npl_principal_share: share, cohort_loans: String(n), thin_cohort: n < 10 });
    const rows = [
      ...Array.from({ length: 9 }, (_, i) => row(`2024-Q${(i % 4) + 1}`.replace('2024', String(2024 + Math.floor(i / 4))), 0, '0.000000', 20)),
      row('2026-Q2', 0, '0.000000', 3),
      row('2026-Q2', 1, '0.333333', 3),
    ];
    const o = vintageOption(rows as never, 'en') as { legend: { selected: Record<string, boolean>; formatter: (n: string) => string }; series: { name: string; data: number[][]; lineStyle?: { type: string } }[] };
    expect(Object.values(o.legend.selected).filter(Boolean)).toHaveLength(8);
    expect(o.legend.selected['2024-Q1']).toBe(false); // the oldest, selectable
    expect(o.legend.formatter('2026-Q2')).toBe('2026-Q2*');
    const thin = o.series.find((s) => s.name === '2026-Q2')!;
    expect(thin.lineStyle).toEqual({ type: 'dashed' });
    expect(thin.data).toEqual([[0, 0], [1, 33.3333]]);
  });
});

describe('league selection and tiles', () => {
  it('toggles managers in and out of the comparison', () => {
    expect(parseSelection('M1,M2,M1,')).toEqual(['M1', 'M2']);
    expect(toggleSelection(['M1', 'M2'], 'M1')).toEqual(['M2']);
    expect(toggleSelection(['M2'], 'M3')).toEqual(['M2', 'M3']);
  });
  it('shows a figure against base and target in one unit, with tones', () => {
    // 12,000,000 actual, 10,000,000 base, 11,000,000 target (all in 万元); growth +2,000,000 = +200 万元.
    const v = tileView({ metric: 'profit_contribution', actual: '12000000.00', base: '10000000.00', target: '11000000.00', achievement: '1.090909', growth: '2000000.00' }, 'zh');
    expect(v).toMatchObject({ actual: '1,200.00 万元', base: '1,000.00 万元', target: '1,100.00 万元', achievement: '109.1%', growth: '+200.00 万元', achievementTone: 'pos', growthTone: 'pos', compared: true });
    // For the NPL ratio a rise is bad news.
    const npl = tileView({ metric: 'npl_ratio', actual: '0.020000', base: '0.015000', target: null, achievement: null, growth: '0.005000' }, 'zh');
    // 2.00 % − 1.50 %: half a percentage point, not "+0.50%" (which would read as a relative change)
    expect(npl).toMatchObject({ actual: '2.00%', growth: '+0.50 个百分点', growthTone: 'neg' });
    expect(tileView({ metric: 'npl_ratio', actual: '0.010000', base: '0.012500', target: null, achievement: null, growth: '-0.002500' }, 'en').growth).toBe('-0.25 pp');
  });
  it('in a month, shows the year to date against the annual target by elapsed time', () => {
    // September: 1,500,000 this month; year to date 9,000,000 against a paced target of
    // 12,000,000 × 273/365 = 8,975,342.47 → 9,000,000 / 8,975,342.47 = 100.27 %, shown 100.3%.
    const v = tileView({ metric: 'profit_contribution', actual: '1500000.00', base: '1200000.00', target: null, achievement: null, growth: '300000.00', ytd_actual: '9000000.000000', pace_target: '8975342.470000', pace_achievement: '1.002747', elapsed_share: '0.747945' }, 'zh');
    expect(v).toMatchObject({ paced: true, actual: '150.00 万元', ytd: '900.00 万元', target: '897.53 万元', achievement: '100.3%', achievementTone: 'pos', compared: true });
    // A quarter keeps its own target; a month without an annual target shows none.
    expect(tileView({ metric: 'profit_contribution', actual: '1.00', base: null, target: '2.00', achievement: '0.500000', growth: null, pace_target: null }, 'zh')).toMatchObject({ paced: false, ytd: '', achievement: '50.0%' });
    expect(tileView({ metric: 'profit_contribution', actual: '1.00', base: null, target: null, achievement: null, growth: null, pace_target: null }, 'zh')).toMatchObject({ paced: false, target: '—', compared: false });
  });
});

describe('manager tiles', () => {
  const fig = (metric: string) => ({ metric, actual: '1.00', base: null, target: null, achievement: null, growth: null });
  const ind = (metric: string, weight: string, label_zh: string | null = null) => ({ indicator_id: metric, label_zh, label_en: label_zh ? `EN ${label_zh}` : null, metric, formula: 'ratio_to_target', weight, actual: null, base: null, target: null, achievement: null, points: null });
  const metrics = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income', 'net_deposit_increase', 'sales_wealth_units', 'sales_fund_units', 'sales_insurance_amount'].map(fig);
  it('shows the profit split, then the scheme’s indicators by weight (card order among equal weights)', () => {
    // weights 10, 15, 10, 10, 5: net deposit increase (15) first, then the 10s as the card lists them;
    // fee_income is already a tile; a metric with no figure (sales_debit_card_units) is passed over.
    const card = [ind('sales_wealth_units', '10', '新增理财金账户'), ind('net_deposit_increase', '15'), ind('fee_income', '10'), ind('sales_debit_card_units', '10'), ind('sales_insurance_amount', '10'), ind('sales_fund_units', '5')];
    const tiles = headlineTiles(metrics, card, 'zh', 3);
    expect(tiles.map((t) => t.figure.metric)).toEqual(['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income', 'net_deposit_increase', 'sales_wealth_units', 'sales_insurance_amount']);
    // the scheme's own name of its indicator, in the chosen language; else the glossary's
    expect(tiles[5]!.name).toBe('新增理财金账户');
    expect(headlineTiles(metrics, card, 'en', 3)[5]!.name).toBe('EN 新增理财金账户');
    expect(tiles[4]!.name).toBe('存款净增');
  });
  it('shows the profit split alone when no scheme was in force', () => {
    expect(headlineTiles(metrics, null, 'zh').map((t) => t.figure.metric)).toEqual(['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income']);
  });
});

describe('columns, breadcrumbs, navigation', () => {
  it('puts names first and hides ids a name stands for; rates stay plain numbers', () => {
    const cols = columnsFrom([{ client_id: 'C1', client_name: '甲', rate: '4.35', balance: '10', contribution_rank: '1' }]);
    expect(cols.map((c) => [c.key, c.kind])).toEqual([
      ['client_name', 'text'],
      ['rate', 'number'],
      ['balance', 'money'],
      ['contribution_rank', 'count'],
    ]);
    // The code a name stands for stays with the name, as its secondary text (on hover).
    const loans = columnsFrom([{ loan_id: 'L3', holder_org_id: 'S11', holder_org_name: '一支行', manager_id: 'M2', manager_name: '李四', originating_manager_id: 'M1' }]);
    expect(loans.map((c) => [c.key, c.code])).toEqual([
      ['holder_org_name', 'holder_org_id'],
      ['manager_name', 'manager_id'],
      ['loan_id', undefined],
      ['originating_manager_id', undefined],
    ]);
  });
  it('builds the path from the scope root down to a node', () => {
    const nodes: OrgNode[] = [
      { org_id: 'HO', parent_id: null, org_name: '总行', level: 'head_office', depth: 0, managers: '0' },
      { org_id: 'B1', parent_id: 'HO', org_name: '分行', level: 'tier1_branch', depth: 1, managers: '0' },
      { org_id: 'S1', parent_id: 'B1', org_name: '支行', level: 'sub_branch', depth: 2, managers: '3' },
    ];
    expect(orgPath(nodes, 'S1').map((n) => n.org_id)).toEqual(['HO', 'B1', 'S1']);
    expect(orgPath(nodes, 'nowhere')).toEqual([]);
  });
  it('sends each role to its own start and shows it its own areas', () => {
    const base = { org_id: 'S1', manager_id: null, home_org_id: 'S1' };
    expect(homeOf({ ...base, role: 'head_office', org_id: null, home_org_id: 'HO' })).toEqual({ page: 'org', id: 'HO' });
    expect(homeOf({ ...base, role: 'branch_president' })).toEqual({ page: 'managers', id: 'S1' });
    expect(homeOf({ ...base, role: 'risk_officer' })).toEqual({ page: 'risk', id: 'S1' });
    expect(homeOf({ ...base, role: 'manager', manager_id: 'M1' })).toEqual({ page: 'manager', id: 'M1' });
    expect(navFor({ ...base, role: 'risk_officer' }).map((n) => n.page)).toEqual(['risk']);
    expect(navFor({ ...base, role: 'branch_president' }).map((n) => n.page)).toEqual(['org', 'managers', 'risk', 'reviews']);
    // the review queue (issue 22) for every role that takes part in the cycle
    expect(navFor({ ...base, role: 'supervisor' }).map((n) => n.page)).toEqual(['managers', 'reviews']);
    expect(navFor({ ...base, role: 'manager', manager_id: 'M1' }).map((n) => n.page)).toEqual(['manager', 'reviews']);
  });
  it('returns after sign-in only to a page of this app', () => {
    expect(safeNext('/org/B1?period=2026-03')).toBe('/org/B1?period=2026-03');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/api/orgs')).toBeNull();
    expect(safeNext(undefined)).toBeNull();
  });
});
