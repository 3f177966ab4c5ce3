// The evaluation schemes in force under an org node and their main indicators: the league's
// indicator columns (GET /api/orgs/{id}/managers) and the institution page's tiles
// (GET /api/orgs/{id}). Which schemes are in force is the build's resolution (mart_scorecard_schemes,
// mart_org_scorecard_indicators); which of their indicators are shown is the one rule of
// contract/main-indicators.ts. No figure is computed here.
import { mainIndicators, mainIndicatorsOfSchemes, PROFIT_SPLIT } from '../../contract/main-indicators.ts';
import type { MainIndicator } from '../../contract/api.ts';
import type { Reader } from './reader.ts';

/** Main indicators each managers' scheme in force in a league gives it (two per scheme: with two lines, four metrics and their achievement). */
export const LEAGUE_INDICATORS_PER_SCHEME = 2;
/** Tiles after profit contribution on the institution page. */
export const ORG_INDICATOR_TILES = 4;

interface SchemeIndicatorRow extends MainIndicator {
  scheme_id: string;
}

/**
 * The indicators of the managers' schemes in force under a node for the period, scheme by scheme,
 * the scheme scoring the most managers there first: the schemes that resolved for the managers of
 * the node's subtree (of one line, when given) at the latest scoring period ending on or before
 * the period's end (a scheme is in force over months; a month before the year's first scoring
 * period takes the resolution of the last one before it).
 */
export async function managerSchemeIndicators(reader: Reader, period: string, f: { orgId: string; line?: string | null }): Promise<SchemeIndicatorRow[][]> {
  const rows = await reader.query<SchemeIndicatorRow & { managers: string }>(
    `with node_orgs as (
       select org_id from mart_org_ancestors where ancestor_id = $org_id
     ),
     resolved as (
       select s.period, s.manager_id, s.scheme_id
       from mart_scorecard_schemes s
       where s.scheme_id is not null
         and s.org_id in (select org_id from node_orgs)
         and ($line::varchar is null or s.line = $line::varchar)
     ),
     scored as (
       select r.period
       from (select distinct period from resolved) r
       join mart_periods p on p.period = r.period
       where p.end_date <= (select end_date from mart_periods where period = $period)
       order by p.end_date desc
       limit 1
     ),
     schemes as (
       select scheme_id, count(*) as managers from resolved where period = (select period from scored) group by scheme_id
     )
     select s.scheme_id, s.managers::varchar as managers, i.metric, i.label_zh, i.label_en, i.weight::varchar as weight
     from schemes s
     join cfg_scheme_indicators i on i.scheme_id = s.scheme_id
     order by s.managers desc, s.scheme_id, i.ordinal, i.indicator_id`,
    { org_id: f.orgId, period, line: f.line ?? null },
  );
  const bySchemes = new Map<string, SchemeIndicatorRow[]>();
  for (const { managers: _managers, ...r } of rows) bySchemes.set(r.scheme_id, [...(bySchemes.get(r.scheme_id) ?? []), r]);
  return [...bySchemes.values()];
}

const head = ({ metric, label_zh, label_en, weight }: MainIndicator): MainIndicator => ({ metric, label_zh, label_en, weight });

/**
 * The league's indicator columns: the union of the main indicators of the managers' schemes in
 * force under the node (each scheme's by weight, beside the profit split the league already
 * shows), the scheme scoring the most managers first. A league of both lines shows both lines'
 * indicators: a president compares every manager on each. Like the manager page's tiles, only
 * metrics with a figure count: here, a figure for some manager of the league (a net deposit
 * increase in the first year of data, without a base-date snapshot, has none, and the scheme's
 * next indicator takes its place).
 */
export async function leagueIndicators(reader: Reader, leagueMetrics: readonly string[], period: string, f: { orgId: string; line?: string | null }): Promise<MainIndicator[]> {
  const schemes = await managerSchemeIndicators(reader, period, f);
  const named = [...new Set(schemes.flat().map((i) => i.metric).filter((m): m is string => m !== null && leagueMetrics.includes(m)))];
  if (named.length === 0) return [];
  // column names from the catalog's metric list (leagueMetrics), never from the request
  const [counts] = await reader.query<Record<string, string>>(
    `select ${named.map((m) => `count(m."${m}")::varchar as "${m}"`).join(', ')}
     from mart_manager_league m
     where m.period = $period and m.ancestor_id = $org_id and ($line::varchar is null or m.line = $line::varchar)`,
    { period, org_id: f.orgId, line: f.line ?? null },
  );
  const figured = new Set(named.filter((m) => Number(counts?.[m] ?? 0) > 0));
  return mainIndicatorsOfSchemes(schemes, { shown: PROFIT_SPLIT, has: (m) => figured.has(m), limit: LEAGUE_INDICATORS_PER_SCHEME }).map(head);
}

/**
 * The institution page's tiles after profit contribution: the main indicators of the node's own
 * institution card for the period (mart_org_scorecard_indicators at the latest scoring period of
 * the year ending on or before the period's end), else — a node no institution scheme scores —
 * those of the managers' schemes in force under it (the league's), among the metrics with a
 * figure (`has`); at most ORG_INDICATOR_TILES.
 */
export async function orgIndicators(reader: Reader, period: string, orgId: string, has: (metric: string) => boolean): Promise<MainIndicator[]> {
  const own = await reader.query<MainIndicator>(
    `with scored as (
       select i.period
       from (select distinct period from mart_org_scorecard_indicators where org_id = $org_id) i
       join mart_periods p on p.period = i.period
       join mart_periods q on q.period = $period
       where p.year = q.year and p.end_date <= q.end_date
       order by p.end_date desc
       limit 1
     )
     select metric, label_zh, label_en, weight::varchar as weight
     from mart_org_scorecard_indicators
     where org_id = $org_id and period = (select period from scored)
     order by ordinal, indicator_id`,
    { org_id: orgId, period },
  );
  if (own.length > 0) return mainIndicators(own, { shown: ['profit_contribution'], has, limit: ORG_INDICATOR_TILES }).map(head);
  const schemes = await managerSchemeIndicators(reader, period, { orgId });
  return mainIndicatorsOfSchemes(schemes, { shown: PROFIT_SPLIT, has, limit: LEAGUE_INDICATORS_PER_SCHEME }).map(head).slice(0, ORG_INDICATOR_TILES);
}
