// `jixiao export orgs`: every org node of the (sub)tree for a period (mart_org_league) — every
// metric of mart_org_period at every level, plus base, target, achievement and growth of the
// headline metrics, in tree order (depth first by id).
import { columnsOf } from '../../report/table.ts';
import type { Catalog } from '../queries/catalog.ts';
import { martColumnsExcept, measuredMetrics, readingColumns } from './_common.ts';
import { martExport } from './_mart.ts';

const leading = ['period', 'org_id', 'org_name', 'parent_id', 'level'];

function keys(catalog: Catalog): string[] {
  const metrics = martColumnsExcept(catalog, 'mart_org_period', leading);
  return [...leading, ...readingColumns(metrics, measuredMetrics(catalog, 'mart_org_league'))];
}

export default martExport({
  kind: 'orgs',
  summary: 'one row per org node (every level): the institutions side by side',
  idColumn: 'org_id',
  sheet: 'orgs',
  columns: (catalog) => columnsOf(keys(catalog)),
  // tree_path orders the rows; it is not a column of the export
  rows: (catalog) => ({ table: 'mart_org_league', columns: [...keys(catalog), 'tree_path'], managerColumn: null, where: 'm.period = $period', params: {} }),
  order: 'tree_path, org_id',
});
