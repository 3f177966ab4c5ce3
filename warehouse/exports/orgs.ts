// `jixiao export orgs`: every org node of the (sub)tree for a period — every metric of
// mart_org_period at every level, plus base, target, achievement and growth of the headline
// metrics (mart_org_metrics), in tree order (depth first by id).
import type { Warehouse } from '../db.ts';
import { columnsOf as tableColumns, ident, measureColumns, measurePivot, readingColumns } from './_common.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';

const leading = ['period', 'org_id', 'org_name', 'parent_id', 'level'];

const orgs: ExportKind = {
  kind: 'orgs',
  summary: 'one row per org node (every level): the institutions side by side',
  idColumn: 'org_id',
  sheet: 'orgs',
  async table(wh: Warehouse, req: ExportRequest) {
    const metrics = (await tableColumns(wh, 'mart_org_period', leading)).map(ident);
    const rows = await wh.query(
      `with recursive paths(org_id, path) as (
         select org_id, org_id from stg_extract__orgs where parent_id is null
         union all
         select o.org_id, p.path || '/' || o.org_id
         from stg_extract__orgs as o join paths as p on o.parent_id = p.org_id
         where length(p.path) < 4000
       ),
       subtree as (
         select org_id from mart_org_ancestors where ancestor_id = $org
       ),
       measured as (
         select x.org_id,
           ${measurePivot()}
         from mart_org_metrics as x
         where x.period = $period
         group by x.org_id
       )
       select m.period, m.org_id, m.org_name, m.parent_id, m.level,
         ${metrics.map((c) => `m.${c}`).join(', ')},
         ${measureColumns().map((c) => `measured.${c}`).join(', ')}
       from mart_org_period as m
       left join measured on measured.org_id = m.org_id
       left join paths on paths.org_id = m.org_id
       where m.period = $period and ($org::varchar is null or m.org_id in (select org_id from subtree))
       order by paths.path, m.org_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns: columnsOf([...leading, ...readingColumns(metrics, true)]), rows };
  },
};
export default orgs;
