// `jixiao export managers`: the league table of managers for a period (mart_manager_league, read as
// GET /api/orgs/{org_id}/managers reads it) — every metric of mart_manager_period, plus base,
// target, achievement and growth of the headline metrics, then, as the league shows them, the
// achievement of the main indicators of the schemes in force under the --org node (the whole bank:
// the root), ordered by profit contribution.
import { columnsOf } from '../../report/table.ts';
import { indicatorAchievement } from '../../contract/metrics.ts';
import { leagueRows } from '../queries/managers.ts';
import { leagueIndicators } from '../queries/main-indicators.ts';
import { rootOrgId } from '../queries/orgs.ts';
import { metricColumns } from '../queries/columns.ts';
import type { Catalog } from '../queries/catalog.ts';
import { martColumnsExcept, measuredMetrics, readingColumns } from './_common.ts';
import { martExport, type ExportAt } from './_mart.ts';

const leading = ['period', 'org_id', 'org_name', 'manager_id', 'manager_name', 'line', 'grade'];

function keys(catalog: Catalog): string[] {
  const metrics = martColumnsExcept(catalog, 'mart_manager_period', leading);
  // for a month, profit contribution is measured by elapsed time (序时进度): the year-to-date figure
  // and the share of the year it is measured on close the row, and head its columns so (report/table.ts)
  return [...leading, ...readingColumns(metrics, measuredMetrics(catalog, 'mart_manager_league')), 'profit_contribution_ytd', 'elapsed_share'];
}

/** The metrics of the main indicators the league of the node shows (GET /api/orgs/{id}/managers' meta.indicators), read once per request. */
const chosen = new WeakMap<ExportAt, Promise<string[]>>();
function indicators(catalog: Catalog, at: ExportAt): Promise<string[]> {
  let found = chosen.get(at);
  if (!found) {
    found = (async () => {
      const orgId = at.org ?? (await rootOrgId(at.reader));
      if (orgId === null) return [];
      return (await leagueIndicators(at.reader, metricColumns(catalog, 'mart_manager_period'), at.period, { orgId })).map((i) => i.metric);
    })();
    chosen.set(at, found);
  }
  return found;
}

export default martExport({
  kind: 'managers',
  summary: 'one row per manager: profit contribution and every metric, with base, target, achievement',
  idColumn: 'manager_id',
  sheet: 'managers',
  columns: async (catalog, at) => columnsOf([...keys(catalog), ...(await indicators(catalog, at)).map(indicatorAchievement)]),
  rows: async (catalog, at) => leagueRows(keys(catalog), { indicators: await indicators(catalog, at) }),
  order: 'profit_contribution desc, manager_id',
});
