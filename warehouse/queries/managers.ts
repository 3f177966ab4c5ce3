// Managers: the league table under an org node, and one manager's figures, metrics, trend,
// scorecard and pay. Figures are mart columns as built; identity (name, org, line, grade) comes
// from the managers reference table.
import { listValue } from '@duckdb/node-api';
import type { Catalog } from './catalog.ts';
import { metricColumns, qualified } from './columns.ts';
import type { Listed, Paging } from './listing.ts';
import { martList, type MartRows } from './mart-rows.ts';
import type { Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, type Scope } from './scope.ts';
import type { PeriodRow } from './orgs.ts';
import { indicatorAchievement } from '../../contract/metrics.ts';
import { metricFigures } from './metric-figures.ts';
import type { ManagerInfo, ManagerOrgSpan, MetricFigure, Row, Scorecard, ScorecardIndicator, ScorecardItem, ScorecardTotals } from '../../contract/api.ts';

export const managerIdentity = ['manager_id', 'manager_name', 'org_id', 'org_name', 'line', 'grade'] as const;
export const scoreColumns = ['total_score', 'score_grade', 'peer_rank', 'percentile', 'score_period', 'score_locked'] as const;
/** Profit contribution against base and target (for a month: the year to date against the annual target by elapsed time, and the year-to-date figure and share of the year it is measured on), as mart_manager_league carries them. */
export const targetColumns = ['profit_contribution_base', 'profit_contribution_target', 'profit_contribution_achievement', 'profit_contribution_growth', 'profit_contribution_ytd', 'elapsed_share'] as const;

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
  /** The main indicators' metrics whose achievement the league shows (leagueIndicators). */
  indicators?: readonly string[];
}


/** Columns of the league table: identity, scorecard, every metric, then profit contribution
 * against base and target (the full league only). */
export function leagueColumns(catalog: Catalog, only?: readonly string[], noScores = false): string[] {
  // moved (the full league): in the node's subtree at the period's end, left it since (已调离)
  return [...managerIdentity, ...(only ? [] : ['moved']), ...(noScores ? [] : scoreColumns), ...leagueMetrics(catalog, only), ...(only ? [] : targetColumns)];
}

function leagueMetrics(catalog: Catalog, only?: readonly string[]): string[] {
  const all = metricColumns(catalog, 'mart_manager_period');
  return only ? all.filter((m) => only.includes(m)) : all;
}

/**
 * The server's own files a league reads when its cards may differ from the build: what people
 * entered (`<db>.entries.jsonl`) and the locked cards (`<db>.reviews.jsonl`).
 */
export interface StandingFiles {
  entriesFile: string;
  reviewsFile: string;
}

/**
 * The league's rows (mart_manager_league: each row once under every node above the manager). With
 * `standing`, each card as it stands (sql/live/scorecards_standing.sql, league_standing: the
 * entered points added, a locked card as locked); without, as built, where no card is locked.
 */
export function leagueRows(columns: readonly string[], f: { line?: string; grade?: string; q?: string; indicators?: readonly string[] } = {}, standing?: StandingFiles): MartRows {
  // each main indicator's achievement: the mart's achievement__<metric>
  return {
    table: 'mart_manager_league',
    added: { score_locked: standing ? 'm.score_locked' : 'false' },
    ...(standing ? { relation: `league_standing('mart_manager_league', $entries_file, $reviews_file, $period)` } : {}),
    columns: [...columns, ...(f.indicators ?? []).map(indicatorAchievement)],
    nodeColumn: 'ancestor_id',
    where: `m.period = $period
        and ($line::varchar is null or m.line = $line::varchar)
        and ($grade::varchar is null or m.grade = $grade::varchar)
        and ($q::varchar is null or contains(lower(m.manager_name), lower($q::varchar)) or contains(lower(m.manager_id), lower($q::varchar)))`,
    params: { line: f.line ?? null, grade: f.grade ?? null, q: f.q ?? null, ...(standing ? { entries_file: standing.entriesFile, reviews_file: standing.reviewsFile } : {}) },
  };
}

/**
 * The league of a node (sql/marts/mart_manager_league.sql): each row already carries the card that
 * applies and profit contribution against target, filed under every node above the manager, so a
 * node's league is one contiguous run of rows. `standing`: the cards as they stand (leagueRows).
 */
export function leagueTable(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: LeagueFilter,
  paging: Paging,
  standing?: StandingFiles,
): Promise<Listed<Record<string, unknown>>> {
  const rows = leagueRows(leagueColumns(catalog, f.metrics, f.noScores), f, standing);
  return martList(reader, catalog, rows, { scope, orgId: f.orgId, period: f.period }, paging, { sortable: rows.columns, tiebreak: ['manager_id'] });
}

/** The manager if the caller may see them (out of scope and unknown look the same: undefined). */
export async function managerInScope(reader: Reader, scope: Scope, managerId: string): Promise<ManagerInfo | undefined> {
  const rows = await reader.query<ManagerInfo>(
    `with ${scopeOrgsCte}
     select mg.manager_id, mg.manager_name, mg.org_id, o.org_name, mg.line, mg.grade,
       mg.hire_date::varchar as hire_date, mg.leave_date::varchar as leave_date
     from stg_extract__managers mg join stg_extract__orgs o on o.org_id = mg.org_id
     where mg.manager_id = $manager_id
       and mg.org_id in (select org_id from scope_orgs)
       and ($scope_manager::varchar is null or mg.manager_id = $scope_manager::varchar)`,
    { ...scopeParams(scope), manager_id: managerId },
  );
  return rows[0];
}

/** The orgs a manager belonged to, oldest first (mart_manager_orgs): valid_from null = from the start, valid_to null = still. */
export function managerOrgHistory(reader: Reader, managerId: string): Promise<ManagerOrgSpan[]> {
  return reader.query<ManagerOrgSpan>(
    `select org_id, org_name, line, grade, valid_from::varchar as valid_from, valid_to::varchar as valid_to, is_current
     from mart_manager_orgs where manager_id = $id order by held_from`,
    { id: managerId },
  );
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
 * picked from mart_periods as read at start (`periods`), so the queries below take them as a bound
 * list instead of joining mart_periods twice (−1.4 ms CPU for the trend on the demo bank).
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

/** Actual, base, target, achievement and growth of every metric (mart_manager_metrics), a month's pace beside. */
export async function managerMetrics(reader: Reader, managerId: string, period: string): Promise<MetricFigure[]> {
  return metricFigures(reader, 'manager', managerId, period);
}

const plainName = /^[a-z][a-z0-9_]*$/;

/** Columns of a scorecard mart shown on the manager page, in the mart's order. */
export function cardColumns(catalog: Catalog, table: string, drop: string[] = []): string[] {
  return catalog.columns(table).map((c) => c.name).filter((n) => !['period', 'manager_id', ...drop].includes(n) && plainName.test(n));
}

/** A manager's scorecard indicators (the per-indicator explanation) and items for a scored period. */
async function scorecardRows(reader: Reader, catalog: Catalog, managerId: string, scored: string): Promise<[Row[], Row[]]> {
  const p = { id: managerId, period: scored };
  return Promise.all([
    reader.query(`select ${qualified('i', cardColumns(catalog, 'mart_scorecard_indicators'))} from mart_scorecard_indicators i where manager_id = $id and period = $period order by ordinal, indicator_id`, p),
    reader.query(`select ${qualified('i', cardColumns(catalog, 'mart_scorecard_items'))} from mart_scorecard_items i where manager_id = $id and period = $period`, p),
  ]);
}

/**
 * The card that applies to a period: the latest scored period of the same year ending on or
 * before it (scoring runs quarterly on year-to-date figures), with the card's row.
 */
async function appliedCard(reader: Reader, catalog: Catalog, managerId: string, period: string, periods: readonly PeriodRow[]) {
  // The candidates come latest first.
  const candidates = periodsUpTo(periods, period);
  if (candidates.length === 0) return undefined;
  const [card] = await reader.query<Record<string, unknown>>(
    `select s.period as scored_period, ${qualified('s', cardColumns(catalog, 'mart_scorecards', ['manager_name', 'org_id', 'line']))}
     from mart_scorecards s
     where s.manager_id = $id and list_contains($candidates::varchar[], s.period)
     order by list_position($candidates::varchar[], s.period) limit 1`,
    { id: managerId, candidates: listValue(candidates) }, // never empty: an empty list has no type to bind
  );
  return card;
}

/** The scoring period of the card that applies to a period (undefined: no card yet that year). */
export async function scoredPeriodOf(reader: Reader, catalog: Catalog, managerId: string, period: string, periods: readonly PeriodRow[]): Promise<string | undefined> {
  return (await appliedCard(reader, catalog, managerId, period, periods))?.scored_period as string | undefined;
}

export async function managerScorecard(reader: Reader, catalog: Catalog, managerId: string, period: string, periods: readonly PeriodRow[]) {
  const card = await appliedCard(reader, catalog, managerId, period, periods);
  if (!card) return null;
  const { scored_period: scored, ...cardFields } = card;
  const p = { id: managerId, period: scored as string };
  const [[indicators, items], payRows] = await Promise.all([
    scorecardRows(reader, catalog, managerId, scored as string),
    reader.query(`select ${qualified('y', cardColumns(catalog, 'mart_pay', ['manager_name', 'org_id', 'line']))} from mart_pay y where manager_id = $id and period = $period`, p),
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
 * concentration rows, from the manager's row of mart_manager_page (the card that applies, the pay
 * and the three period rows in one row: three queries instead of seven). Null parts where that
 * mart has no row for the manager (all of them without a page row).
 */
export async function managerPageParts(
  reader: Reader,
  catalog: Catalog,
  managerId: string,
  period: string,
): Promise<{ scorecard: Scorecard | null; process: Row | null; risk: Row | null; concentration: Row | null }> {
  const page = await managerPageRow(reader, catalog, managerId, period);
  const scored = page?.scored;
  const [indicators, items] = page?.card && scored ? await scorecardRows(reader, catalog, managerId, scored) : [[], []];
  return {
    // the rows carry the marts' columns (contract/api.ts names those the web reads)
    scorecard: page?.card && scored
      ? { period: scored, card: page.card as unknown as ScorecardTotals, indicators: indicators as unknown as ScorecardIndicator[], items: items as unknown as ScorecardItem[], pay: page.pay }
      : null,
    process: page?.process ?? null,
    risk: page?.risk ?? null,
    concentration: page?.concentration ?? null,
  };
}

/** The columns of each part of mart_manager_page: its mart's columns shown, in that mart's order. */
function pageColumns(catalog: Catalog): Map<PagePart, string[]> {
  const cols = new Map<PagePart, string[]>();
  for (const p of pageParts) {
    const names = catalog.columns(p.table).filter((c) => !(p.drop as readonly string[]).includes(c.name) && plainName.test(c.name));
    // The parts' readers show dates as text; the page's columns would come back as dates.
    if (names.some((c) => /DATE|TIME/.test(c.type))) throw new Error(`${p.table} has a date column: mart_manager_page cannot show it as the page does`);
    cols.set(p.part, names.map((c) => c.name));
  }
  return cols;
}

/** The manager's row of mart_manager_page split into its parts (null where that mart has no row); undefined without a row. */
async function managerPageRow(reader: Reader, catalog: Catalog, managerId: string, period: string) {
  const cols = pageColumns(catalog);
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

/** Whether an evaluation scheme was in force for the scoring period that applies to a period. */
export interface SchemeStatus {
  /** The scoring period (the latest year-to-date quarter end of the year up to the period). */
  period: string;
  /** A scheme scored someone (or, with a manager, that manager) in it. */
  in_force: boolean;
  /** With a manager: why the scheme applies, or that none does (mart_scorecard_schemes.reason). */
  reason: string | null;
}

/**
 * The scheme status of the scoring period that applies to `period` — for the whole bank, one org
 * subtree (a league: in force when a scheme scored any manager under the node) or one manager — so
 * that a card, a print sheet and a league without any scheme say so while the others show their
 * scores. Null when no scoring period precedes it in its year.
 */
export async function schemeStatus(
  reader: Reader,
  periods: readonly PeriodRow[],
  period: string,
  subject: { managerId?: string; orgId?: string } = {},
): Promise<SchemeStatus | null> {
  const candidates = periodsUpTo(periods, period);
  if (candidates.length === 0) return null;
  const [row] = await reader.query<SchemeStatus>(
    `select period, count(scheme_id) > 0 as in_force, case when $id::varchar is null then null else any_value(reason) end as reason
     from mart_scorecard_schemes
     where list_contains($candidates::varchar[], period) and ($id::varchar is null or manager_id = $id::varchar)
       and ($org::varchar is null or org_id in (select org_id from mart_org_ancestors where ancestor_id = $org::varchar))
     group by period
     order by list_position($candidates::varchar[], period) limit 1`,
    { id: subject.managerId ?? null, org: subject.orgId ?? null, candidates: listValue(candidates) },
  );
  return row ?? null;
}
