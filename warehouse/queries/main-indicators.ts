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
  /** The node has a figure of the metric for the period (mart_league_indicators.figured). */
  figured: boolean;
}

/** Indicator rows in scheme order, grouped scheme by scheme. */
function bySchemes(rows: readonly SchemeIndicatorRow[]): SchemeIndicatorRow[][] {
  const schemes = new Map<string, SchemeIndicatorRow[]>();
  for (const r of rows) schemes.set(r.scheme_id, [...(schemes.get(r.scheme_id) ?? []), r]);
  return [...schemes.values()];
}

/**
 * The indicators of the managers' schemes in force under a node for the period (of one line, when
 * given), scheme by scheme, the scheme scoring the most managers there first, each saying whether
 * the node has a figure of its metric: the node's rows of mart_league_indicators.
 */
export async function managerSchemeIndicators(reader: Reader, period: string, f: { orgId: string; line?: string | null }): Promise<SchemeIndicatorRow[][]> {
  const key = `${period}|${f.orgId}|${f.line ?? ''}`;
  let kept = readerCache.get(reader);
  const hit = kept?.get(key);
  if (hit) return hit;
  const rows = await reader.query<SchemeIndicatorRow>(
    `select scheme_id, metric, label_zh, label_en, weight::varchar as weight, figured
     from mart_league_indicators
     where period = $period and ancestor_id = $org_id and ($line::varchar is null or line = $line::varchar)
     order by managers desc, scheme_id, ordinal, indicator_id`,
    { org_id: f.orgId, period, line: f.line ?? null },
  );
  const schemes = bySchemes(rows);
  if (!kept) readerCache.set(reader, (kept = new Map()));
  if (kept.size >= CACHED_NODES) kept.clear();
  kept.set(key, schemes);
  return schemes;
}

/**
 * The schemes' indicators per node, period and line, kept per reader: a reader serves one
 * published results file, which never changes, and a new build comes with a new reader. The
 * league asks before its own query (its columns depend on them), so a repeated league is not one
 * query longer.
 */
const readerCache = new WeakMap<Reader, Map<string, SchemeIndicatorRow[][]>>();
const CACHED_NODES = 10_000;

const head = ({ metric, label_zh, label_en, weight }: MainIndicator): MainIndicator => ({ metric, label_zh, label_en, weight });

/**
 * The league's indicator columns: the union of the main indicators of the managers' schemes in
 * force under the node (each scheme's by weight, beside the profit split the league already
 * shows), the scheme scoring the most managers first. A league of both lines shows both lines'
 * indicators: a president compares every manager on each. Like the manager page's tiles, only
 * metrics with a figure count: here, the node's (a net deposit increase in the first year of data,
 * without a base-date snapshot, has none, and the scheme's next indicator takes its place).
 */
export async function leagueIndicators(reader: Reader, leagueMetrics: readonly string[], period: string, f: { orgId: string; line?: string | null }): Promise<MainIndicator[]> {
  const schemes = await managerSchemeIndicators(reader, period, f);
  return managersMain(schemes, (m) => leagueMetrics.includes(m) && schemes.some((s) => s.some((i) => i.metric === m && i.figured)));
}

function managersMain(schemes: readonly SchemeIndicatorRow[][], has: (metric: string) => boolean): MainIndicator[] {
  return mainIndicatorsOfSchemes(schemes, { shown: PROFIT_SPLIT, has, limit: LEAGUE_INDICATORS_PER_SCHEME }).map(head);
}

/** What the institution page's tiles are chosen from: the node's own card's indicators, and its managers' schemes'. */
export interface OrgIndicatorCandidates {
  own: MainIndicator[];
  managers: SchemeIndicatorRow[][];
}

/**
 * The indicators of the node's own institution card for the period (mart_org_scorecard_indicators
 * at the latest scoring period of the year ending on or before the period's end) and those of the
 * managers' schemes in force under it (mart_league_indicators).
 */
export async function orgIndicatorCandidates(reader: Reader, period: string, orgId: string): Promise<OrgIndicatorCandidates> {
  const [own, managers] = await Promise.all([
    reader.query<MainIndicator>(
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
    ),
    managerSchemeIndicators(reader, period, { orgId }),
  ]);
  return { own, managers };
}

/**
 * The institution page's tiles after profit contribution: the main indicators of the node's own
 * institution card, else — a node no institution scheme scores — those of the managers' schemes in
 * force under it (the league's), among the metrics with a figure (`has`); at most
 * ORG_INDICATOR_TILES.
 */
export function orgIndicators(c: OrgIndicatorCandidates, has: (metric: string) => boolean): MainIndicator[] {
  if (c.own.length > 0) return mainIndicators(c.own, { shown: ['profit_contribution'], has, limit: ORG_INDICATOR_TILES }).map(head);
  return managersMain(c.managers, has).slice(0, ORG_INDICATOR_TILES);
}
