// `jixiao export managers`: the league table of managers for a period — every metric of
// mart_manager_period, plus base, target, achievement and growth of the headline metrics
// (mart_manager_metrics), ordered by profit contribution.
import type { Warehouse } from '../db.ts';
import { columnsOf as tableColumns, ident, measureColumns, measurePivot, readingColumns } from './_common.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';

const leading = ['period', 'org_id', 'org_name', 'manager_id', 'manager_name', 'line', 'grade'];

const managers: ExportKind = {
  kind: 'managers',
  summary: 'one row per manager: profit contribution and every metric, with base, target, achievement',
  idColumn: 'manager_id',
  sheet: 'managers',
  async table(wh: Warehouse, req: ExportRequest) {
    const metrics = (await tableColumns(wh, 'mart_manager_period', leading)).map(ident);
    const rows = await wh.query(
      `with subtree as (
         select org_id from mart_org_ancestors where ancestor_id = $org
       ),
       measured as (
         select x.manager_id,
           ${measurePivot()}
         from mart_manager_metrics as x
         where x.period = $period
         group by x.manager_id
       )
       select m.period, m.org_id, o.org_name, m.manager_id, m.manager_name, m.line, m.grade,
         ${metrics.map((c) => `m.${c}`).join(', ')},
         ${measureColumns().map((c) => `measured.${c}`).join(', ')}
       from mart_manager_period as m
       left join stg_extract__orgs as o on o.org_id = m.org_id
       left join measured on measured.manager_id = m.manager_id
       where m.period = $period and ($org::varchar is null or m.org_id in (select org_id from subtree))
       order by m.profit_contribution desc, m.manager_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns: columnsOf([...leading, ...readingColumns(metrics, true)]), rows };
  },
};
export default managers;
