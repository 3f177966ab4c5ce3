// `jixiao export managers`: the league table of managers for a period (mart_manager_league, read as
// GET /api/orgs/{org_id}/managers reads it) — every metric of mart_manager_period, plus base,
// target, achievement and growth of the headline metrics, ordered by profit contribution.
import { columnsOf } from '../../report/table.ts';
import { leagueRows } from '../queries/managers.ts';
import type { Catalog } from '../queries/catalog.ts';
import { martColumnsExcept, measuredMetrics, readingColumns } from './_common.ts';
import { martExport } from './_mart.ts';

const leading = ['period', 'org_id', 'org_name', 'manager_id', 'manager_name', 'line', 'grade'];

function keys(catalog: Catalog): string[] {
  const metrics = martColumnsExcept(catalog, 'mart_manager_period', leading);
  // for a month, profit contribution is measured by elapsed time (序时进度): the year-to-date figure
  // and the share of the year it is measured on close the row, and head its columns so (report/table.ts)
  return [...leading, ...readingColumns(metrics, measuredMetrics(catalog, 'mart_manager_league')), 'profit_contribution_ytd', 'elapsed_share'];
}

export default martExport({
  kind: 'managers',
  summary: 'one row per manager: profit contribution and every metric, with base, target, achievement',
  idColumn: 'manager_id',
  sheet: 'managers',
  columns: (catalog) => columnsOf(keys(catalog)),
  rows: (catalog) => leagueRows(keys(catalog)),
  order: 'profit_contribution desc, manager_id',
});
