// Managers: the league table under an org node, and one manager's figures, metrics, trend,
// scorecard and pay. Figures are mart columns as built; identity (name, org, line, grade) comes
// from the managers reference table.
import { listValue } from '@duckdb/node-api';
import type { Catalog } from './catalog.ts';
import { metricColumns, qualified } from './columns.ts';
import { runList, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';
import { inSubtree, nodeInScope, scopeOrgsCte, scopeParams, type Scope } from './scope.ts';
import type { PeriodRow } from './orgs.ts';
import { managerMartRow } from './risk.ts';
import type { ManagerInfo, MetricFigure } from '../../contract/api.ts';

export const managerIdentity = ['manager_id', 'manager_name', 'org_id', 'org_name', 'line', 'grade'] as const;
export const scoreColumns = ['total_score', 'score_grade', 'peer_rank', 'percentile', 'score_period'] as const;
/** Profit contribution against base and target: mart_manager_metrics' row for the metric, as built. */
export const targetColumns = ['profit_contribution_base', 'profit_contribution_target', 'profit_contribution_achievement', 'profit_contribution_growth'] as const;

export interface LeagueFilter {
  orgId: string;
  period: string;
  line?: string;
  grade?: string;
  q?: string;
  /** Only these metric columns of mart_manager_period (process, risk views); default every one. */
  metrics?: readonly string[];
  /** Leave the scorecard columns out. */
  noScores?: boolean;
  /**
   * The scored periods that may apply, latest first (periodsUpTo): the league shows the card of the
   * first one scored, as the manager page does — scoring runs quarterly on year-to-date figures, so a
   * quarter or a month shows the latest card of its year up to its end. Default: the period itself.
   * Only read on a warehouse built before mart_manager_league, which carries that card in each row.
   */
  scoreCandidates?: readonly string[];
}

/** Whether the league carries profit contribution against target (the full league only). */
function withTargets(catalog: Catalog, only?: readonly string[]): boolean {
  return !only && catalog.has('mart_manager_metrics');
}

/** Columns of the league table: identity, scorecard (when the mart exists), every metric, then
 * profit contribution against base and target (when mart_manager_metrics exists). */
export function leagueColumns(catalog: Catalog, only?: readonly string[], noScores = false): string[] {
  return [
    ...managerIdentity,
    ...(catalog.has('mart_scorecards') && !noScores ? scoreColumns : []),
    ...leagueMetrics(catalog, only),
    ...(withTargets(catalog, only) ? targetColumns : []),
  ];
}

function leagueMetrics(catalog: Catalog, only?: readonly string[]): string[] {
  const all = metricColumns(catalog, 'mart_manager_period');
  return only ? all.filter((m) => only.includes(m)) : all;
}

export async function leagueTable(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: LeagueFilter,
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const metrics = leagueMetrics(catalog, f.metrics);
  const scored = catalog.has('mart_scorecards') && !f.noScores;
  const targeted = withTargets(catalog, f.metrics);
  // Scope as an uncorrelated predicate and one join on the flattened tree; the filters bound.
  const where = `
      where m.period = $period
        and ${nodeInScope}
        and ($scope_manager::varchar is null or m.manager_id = $scope_manager::varchar)
        and ($line::varchar is null or m.line = $line::varchar)
        and ($grade::varchar is null or m.grade = $grade::varchar)
        and ($q::varchar is null or contains(lower(m.manager_name), lower($q::varchar)) or contains(lower(m.manager_id), lower($q::varchar)))`;
  const params = {
    ...scopeParams(scope),
    org_id: f.orgId,
    period: f.period,
    line: f.line ?? null,
    grade: f.grade ?? null,
    q: f.q ?? null,
  };
  const list = { paging, sortable: leagueColumns(catalog, f.metrics, f.noScores), tiebreak: ['manager_id'] };
  if (catalog.has('mart_manager_league')) {
    // One table (sql/marts/mart_manager_league.sql): each row already carries the card that
    // applies and profit contribution against target, once under every node above the manager,
    // so a node's league is one contiguous run of rows (about half the CPU of the joins below).
    return runList(reader, {
      select: `
      select m.manager_id, m.manager_name, m.org_id, m.org_name, m.line, m.grade,
        ${scored ? 'm.total_score, m.score_grade, m.peer_rank, m.percentile, m.score_period,' : ''}
        ${qualified('m', metrics)}
        ${targeted ? `, ${qualified('m', targetColumns)}` : ''}
      from mart_manager_league m
      ${where}
        and m.ancestor_id = $org_id::varchar`,
      params,
      ...list,
    });
  }
  // A warehouse built before mart_manager_league: the same row from the marts it reshapes. Identity
  // from the mart's own columns; the fewest joins a wide row passes through (each costs DuckDB time
  // per column).
  return runList(reader, {
    select: `
      select m.manager_id, m.manager_name, m.org_id, o.org_name, m.line, m.grade,
        ${scored ? 'sc.total_score, sc.grade as score_grade, sc.peer_rank, sc.percentile, sc.period as score_period,' : ''}
        ${qualified('m', metrics)}
        ${targeted ? `, mm.base as profit_contribution_base, mm.target as profit_contribution_target,
          mm.achievement as profit_contribution_achievement, mm.growth as profit_contribution_growth` : ''}
      from mart_manager_period m
      ${inSubtree('m')}
      join raw_orgs o on o.org_id = m.org_id
      ${scored ? `left join mart_scorecards sc on sc.manager_id = m.manager_id and sc.period = (
        select s.period from mart_scorecards s where list_contains($score_candidates::varchar[], s.period)
        order by list_position($score_candidates::varchar[], s.period) limit 1)` : ''}
      ${targeted ? `left join mart_manager_metrics mm on mm.manager_id = m.manager_id and mm.period = m.period and mm.metric = 'profit_contribution'` : ''}
      ${where}`,
    params: {
      ...params,
      ...(scored ? { score_candidates: listValue(f.scoreCandidates?.length ? [...f.scoreCandidates] : [f.period]) } : {}),
    },
    ...list,
  });
}

/** The manager if the caller may see them (out of scope and unknown look the same: undefined). */
export async function managerInScope(reader: Reader, scope: Scope, managerId: string): Promise<ManagerInfo | undefined> {
  const rows = await reader.query<ManagerInfo>(
    `with ${scopeOrgsCte}
     select mg.manager_id, mg.manager_name, mg.org_id, o.org_name, mg.line, mg.grade,
       mg.hire_date::varchar as hire_date, mg.leave_date::varchar as leave_date
     from raw_managers mg join raw_orgs o on o.org_id = mg.org_id
     where mg.manager_id = $manager_id
       and mg.org_id in (select org_id from scope_orgs)
       and ($scope_manager::varchar is null or mg.manager_id = $scope_manager::varchar)`,
    { ...scopeParams(scope), manager_id: managerId },
  );
  return rows[0];
}

/** One manager's row of mart_manager_period for a period (metrics only). */
export async function managerFigures(reader: Reader, catalog: Catalog, managerId: string, period: string) {
  const metrics = metricColumns(catalog, 'mart_manager_period');
  const rows = await reader.query(
    `select ${qualified('m', metrics)} from mart_manager_period m where m.manager_id = $id and m.period = $period`,
    { id: managerId, period },
  );
  return rows[0] ?? null;
}

/**
 * The periods of `period`'s year that end on or before it (of one type, when given), latest first:
 * picked from int_periods as read at start (`periods`), so the queries below take them as a bound
 * list instead of joining int_periods twice (−1.4 ms CPU for the trend on the demo bank).
 */
export function periodsUpTo(periods: readonly PeriodRow[], period: string, type?: string): string[] {
  const target = periods.find((p) => p.period === period);
  if (!target) return [];
  return periods
    .filter((p) => p.year === target.year && p.end_date <= target.end_date && (!type || p.period_type === type))
    .sort((a, b) => (a.end_date < b.end_date ? 1 : a.end_date > b.end_date ? -1 : 0))
    .map((p) => p.period);
}

/** Monthly figures of the manager over the months of the period's year up to its end. */
export async function managerTrend(reader: Reader, catalog: Catalog, managerId: string, period: string, periods: readonly PeriodRow[]) {
  const metrics = metricColumns(catalog, 'mart_manager_period');
  const months = periodsUpTo(periods, period, 'month');
  if (months.length === 0) return [];
  return reader.query(
    `select m.period, ${qualified('m', metrics)}
     from mart_manager_period m
     where m.manager_id = $id and list_contains($months::varchar[], m.period)
     order by m.period`,
    { id: managerId, months: listValue(months) }, // never empty: an empty list has no type to bind
  );
}

/** Actual, base, target, achievement and growth of every metric (mart_manager_metrics). */
export async function managerMetrics(reader: Reader, catalog: Catalog, managerId: string, period: string): Promise<MetricFigure[]> {
  if (!catalog.has('mart_manager_metrics')) return [];
  return reader.query<MetricFigure>(
    `select metric, actual, base, target, achievement, growth from mart_manager_metrics
     where manager_id = $id and period = $period order by metric`,
    { id: managerId, period },
  );
}

const plainName = /^[a-z][a-z0-9_]*$/;

/** Columns of a scorecard mart shown on the manager page, in the mart's order. */
function cardColumns(catalog: Catalog, table: string, drop: string[] = []): string[] {
  return catalog.columns(table).map((c) => c.name).filter((n) => !['period', 'manager_id', ...drop].includes(n) && plainName.test(n));
}

/** A manager's scorecard indicators (the per-indicator explanation) and items for a scored period. */
async function scorecardRows(reader: Reader, catalog: Catalog, managerId: string, scored: string) {
  const p = { id: managerId, period: scored };
  return Promise.all([
    catalog.has('mart_scorecard_indicators')
      ? reader.query(`select ${qualified('i', cardColumns(catalog, 'mart_scorecard_indicators'))} from mart_scorecard_indicators i where manager_id = $id and period = $period order by ${catalog.hasColumn('mart_scorecard_indicators', 'ordinal') ? 'ordinal, ' : ''}indicator_id`, p)
      : [],
    catalog.has('mart_scorecard_items')
      ? reader.query(`select ${qualified('i', cardColumns(catalog, 'mart_scorecard_items'))} from mart_scorecard_items i where manager_id = $id and period = $period`, p)
      : [],
  ]);
}

export async function managerScorecard(reader: Reader, catalog: Catalog, managerId: string, period: string, periods: readonly PeriodRow[]) {
  if (!catalog.has('mart_scorecards')) return null;
  // The card that applies to a period: the latest scored period of the same year ending on or
  // before it (scoring runs quarterly on year-to-date figures). The candidates come latest first.
  const candidates = periodsUpTo(periods, period);
  if (candidates.length === 0) return null;
  const [card] = await reader.query<Record<string, unknown>>(
    `select s.period as scored_period, ${qualified('s', cardColumns(catalog, 'mart_scorecards', ['manager_name', 'org_id', 'line']))}
     from mart_scorecards s
     where s.manager_id = $id and list_contains($candidates::varchar[], s.period)
     order by list_position($candidates::varchar[], s.period) limit 1`,
    { id: managerId, candidates: listValue(candidates) }, // never empty: an empty list has no type to bind
  );
  if (!card) return null;
  const { scored_period: scored, ...cardFields } = card;
  const p = { id: managerId, period: scored as string };
  const [[indicators, items], payRows] = await Promise.all([
    scorecardRows(reader, catalog, managerId, scored as string),
    catalog.has('mart_pay')
      ? reader.query(`select ${qualified('y', cardColumns(catalog, 'mart_pay', ['manager_name', 'org_id', 'line']))} from mart_pay y where manager_id = $id and period = $period`, p)
      : [],
  ]);
  return { period: scored as string, card: cardFields, indicators, items, pay: payRows[0] ?? null };
}

/** The one-row parts of the manager page: each a mart (columns shown, in its order) and its prefix in mart_manager_page. */
const pageParts = [
  { part: 'card', table: 'mart_scorecards', drop: ['period', 'manager_id', 'manager_name', 'org_id', 'line'] },
  { part: 'pay', table: 'mart_pay', drop: ['period', 'manager_id', 'manager_name', 'org_id', 'line'] },
  { part: 'process', table: 'mart_manager_process_period', drop: ['period', 'manager_id', 'manager_name', 'org_id', 'line', 'grade'] },
  { part: 'risk', table: 'mart_manager_risk_period', drop: ['period', 'manager_id', 'manager_name', 'org_id', 'line', 'grade'] },
  { part: 'concentration', table: 'mart_manager_client_concentration', drop: ['period', 'manager_id', 'manager_name', 'org_id', 'line', 'grade'] },
] as const;
type PagePart = (typeof pageParts)[number]['part'];

/**
 * The manager page's scorecard (card, indicators, items, pay) and its process, risk and
 * concentration rows. From mart_manager_page when it is built (one row holding the card that
 * applies, the pay and the three period rows, so three queries instead of seven), else from each
 * mart (managerScorecard, managerMartRow). The same values and key order either way.
 */
export async function managerPageParts(reader: Reader, catalog: Catalog, managerId: string, period: string, periods: readonly PeriodRow[]) {
  const page = await managerPageRow(reader, catalog, managerId, period);
  if (page) {
    const scored = page.scored;
    const [indicators, items] = page.card && scored ? await scorecardRows(reader, catalog, managerId, scored) : [[], []];
    return {
      scorecard: page.card && scored ? { period: scored, card: page.card, indicators, items, pay: page.pay } : null,
      process: page.process,
      risk: page.risk,
      concentration: page.concentration,
    };
  }
  const [scorecard, process, risk, concentration] = await Promise.all([
    managerScorecard(reader, catalog, managerId, period, periods),
    managerMartRow(reader, catalog, 'mart_manager_process_period', managerId, period),
    managerMartRow(reader, catalog, 'mart_manager_risk_period', managerId, period),
    managerMartRow(reader, catalog, 'mart_manager_client_concentration', managerId, period),
  ]);
  return { scorecard, process, risk, concentration };
}

/**
 * The manager's row of mart_manager_page split into its parts (null where that mart has no row);
 * undefined when the page cannot stand in for the marts (not built, a part's mart or column
 * missing, a date column that the marts' readers show as text, or no row).
 */
async function managerPageRow(reader: Reader, catalog: Catalog, managerId: string, period: string) {
  if (!catalog.has('mart_manager_page')) return undefined;
  const cols = new Map<PagePart, string[]>();
  for (const p of pageParts) {
    if (!catalog.has(p.table)) return undefined;
    const names = catalog.columns(p.table).filter((c) => !(p.drop as readonly string[]).includes(c.name) && plainName.test(c.name));
    if (names.some((c) => /DATE|TIME/.test(c.type))) return undefined;
    if (![...names.map((c) => c.name), 'manager_id'].every((n) => catalog.hasColumn('mart_manager_page', `${p.part}__${n}`))) return undefined;
    cols.set(p.part, names.map((c) => c.name));
  }
  const select = pageParts.flatMap((p) => [`g."${p.part}__manager_id" is not null as "${p.part}__present"`, ...cols.get(p.part)!.map((n) => `g."${p.part}__${n}"`)]);
  const [row] = await reader.query<Record<string, unknown>>(
    `select g.scored_period, ${select.join(', ')} from mart_manager_page g where g.manager_id = $id and g.period = $period`,
    { id: managerId, period },
  );
  if (!row) return undefined;
  const part = (p: PagePart) => (row[`${p}__present`] ? Object.fromEntries(cols.get(p)!.map((n) => [n, row[`${p}__${n}`]])) : null);
  return {
    scored: (row.scored_period as string | null) ?? null,
    card: part('card'),
    pay: part('pay'),
    process: part('process'),
    risk: part('risk'),
    concentration: part('concentration'),
  };
}
