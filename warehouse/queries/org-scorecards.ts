// Institution cards (mart_org_scorecards and their explained points) and the target cascade
// (mart_target_cascade): one read function each for the API's lists and `jixiao export
// org-scorecards | target-cascade`, plus the one node's card for the institution page.
import type { Catalog } from './catalog.ts';
import type { MartRows } from './mart-rows.ts';
import type { Reader } from './reader.ts';
import { nodeInScope, scopeParams, type Scope } from './scope.ts';
import { scoringPeriodOf } from '../../contract/periods.ts';
import type { SchemeStatus } from '../../contract/api.ts';
import { listValue } from '@duckdb/node-api';
import type { PeriodRow } from './orgs.ts';
import { periodsUpTo } from './managers.ts';

export const orgScorecardTable = 'mart_org_scorecards';
export const cascadeTable = 'mart_target_cascade';

/** The columns of a mart as the code builds it. */
export function columnsOf(catalog: Catalog, table: string): string[] {
  return catalog.columns(table).map((c) => c.name);
}

/** The cards of a scoring period (a quarter or year means its year to date), of one level when given. */
export function orgScorecardRows(columns: readonly string[], f: { level?: string } = {}): MartRows {
  return {
    table: orgScorecardTable,
    columns,
    managerColumn: null,
    where: `m.period = $period and ($level::varchar is null or m.level = $level::varchar)`,
    params: { level: f.level ?? null },
  };
}

/** The cascade rows of a period of the targets file (2026, 2026-H1, 2026-Q2), of one metric when given. */
export function cascadeRows(columns: readonly string[], f: { metric?: string } = {}): MartRows {
  return {
    table: cascadeTable,
    columns,
    managerColumn: null,
    where: `m.period = $period and ($metric::varchar is null or m.metric = $metric::varchar)`,
    params: { metric: f.metric ?? null },
  };
}

/**
 * The institution cards that apply to a period: the latest scoring period of the same year ending
 * on or before its end (a quarter or a month shows the card of its year to date so far, as a
 * manager's page does); a year not yet loaded means its year-end. Null when there is none.
 */
export async function scoredOrgPeriod(reader: Reader, asked: string): Promise<string | null> {
  const [found] = await reader.query<{ period: string }>(
    `select c.period
     from (select distinct period from ${orgScorecardTable}) as c
     join mart_periods as p on p.period = c.period
     join mart_periods as a on a.period = $asked
     where p.year = a.year and p.end_date <= a.end_date
     union all
     select period from ${orgScorecardTable} where period = $ytd
     order by period desc
     limit 1`,
    { asked, ytd: scoringPeriodOf(asked) ?? '' },
  );
  return found?.period ?? null;
}

/** The scoring periods with institution cards, latest first. */
export async function orgScoredPeriods(reader: Reader): Promise<string[]> {
  const rows = await reader.query<{ period: string }>(`select distinct period from ${orgScorecardTable} order by period desc`);
  return rows.map((r) => r.period);
}

/** The periods of the targets file in the cascade, latest year first. */
export async function cascadePeriods(reader: Reader): Promise<string[]> {
  const rows = await reader.query<{ period: string }>(`select distinct period from ${cascadeTable} order by period desc`);
  return rows.map((r) => r.period);
}

export interface OrgCard {
  period: string;
  card: Record<string, unknown>;
  indicators: Record<string, unknown>[];
  items: Record<string, unknown>[];
}

/**
 * Whether an institution scheme was in force for the node at the latest scoring period of the year
 * up to `period` (mart_org_scorecard_schemes), and why; null when the year has no scoring period yet.
 */
export async function orgSchemeStatus(reader: Reader, periods: readonly PeriodRow[], orgId: string, period: string): Promise<SchemeStatus | null> {
  const candidates = periodsUpTo(periods, period);
  if (candidates.length === 0) return null;
  const [row] = await reader.query<SchemeStatus>(
    `select period, scheme_id is not null as in_force, reason
     from mart_org_scorecard_schemes
     where org_id = $org_id and list_contains($candidates::varchar[], period)
     order by list_position($candidates::varchar[], period) limit 1`,
    { org_id: orgId, candidates: listValue(candidates) },
  );
  return row ?? null;
}

/** One node's card that applies to a period (scoredOrgPeriod), every indicator and item; null without one. */
export async function orgCard(reader: Reader, scope: Scope, orgId: string, period: string): Promise<OrgCard | null> {
  const scored = await scoredOrgPeriod(reader, period);
  if (!scored) return null;
  const at = { ...scopeParams(scope), org_id: orgId, period: scored };
  // the node inside the caller's scope (the routes check it too), and no manager's own
  const [card] = await reader.query<Record<string, unknown>>(
    `select * from ${orgScorecardTable} where org_id = $org_id and period = $period and ${nodeInScope} and $scope_manager::varchar is null`,
    at,
  );
  if (!card) return null;
  const indicators = await reader.query<Record<string, unknown>>(
    `select indicator_id, label_zh, label_en, metric, per_manager, formula, weight, applied_weight, cap, floor, managers, actual, base, target,
       target_source, achievement, capped_achievement, points, note, mapping
     from mart_org_scorecard_indicators where org_id = $org_id and period = $period order by ordinal`,
    { org_id: orgId, period: scored },
  );
  const items = await reader.query<Record<string, unknown>>(
    // every column of the mart but its keys (the points before the item's max among them)
    `select * exclude (period, org_id, scheme_id, ordinal)
     from mart_org_scorecard_items where org_id = $org_id and period = $period order by section, ordinal`,
    { org_id: orgId, period: scored },
  );
  return { period: scored, card, indicators, items };
}
