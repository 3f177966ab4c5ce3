// `jixiao export clients`: every client with business in the period — its own figures
// (mart_client_period, whoever held it), with its home org; ordered by profit contribution.
// --org keeps the clients whose home org lies in the subtree.
import type { Warehouse } from '../db.ts';
import { columnsOf as tableColumns, ident, readingColumns } from './_common.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';

const leading = ['period', 'org_id', 'org_name', 'client_id', 'client_name', 'client_type'];

const clients: ExportKind = {
  kind: 'clients',
  summary: 'one row per client with business in the period: its contribution and balances',
  idColumn: 'client_id',
  sheet: 'clients',
  async table(wh: Warehouse, req: ExportRequest) {
    const metrics = (await tableColumns(wh, 'mart_client_period', leading)).map(ident);
    const rows = await wh.query(
      `with subtree as (
         select org_id from int_org_ancestors where ancestor_id = $org
       )
       select c.period, c.org_id, o.org_name, c.client_id, c.client_name, c.client_type,
         ${metrics.map((m) => `c.${m}`).join(', ')}
       from mart_client_period as c
       left join stg_extract__orgs as o on o.org_id = c.org_id
       where c.period = $period and ($org::varchar is null or c.org_id in (select org_id from subtree))
       order by c.profit_contribution desc, c.client_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns: columnsOf([...leading, ...readingColumns(metrics, false)]), rows };
  },
};
export default clients;
