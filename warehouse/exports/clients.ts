// `jixiao export clients`: every client with business in the period — its own figures
// (mart_client_period, whoever held it), with its name, type and home org; ordered by profit contribution.
// --org keeps the clients whose home org lies in the subtree.
import type { Warehouse } from '../db.ts';
import { ident, readingColumns } from './_common.ts';
import { codeSchema } from '../schema-version.ts';
import { clientFiguresSelect, clientMetricColumns, clientSalesCte } from '../queries/client-sales.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf } from '../../report/table.ts';

const leading = ['period', 'org_id', 'org_name', 'client_id', 'client_name', 'client_type'];

const clients: ExportKind = {
  kind: 'clients',
  summary: 'one row per client with business in the period: its contribution and balances',
  idColumn: 'client_id',
  sheet: 'clients',
  async table(wh: Warehouse, req: ExportRequest) {
    const { catalog } = await codeSchema();
    const metrics = clientMetricColumns(catalog).filter((m) => !leading.includes(m)).map(ident);
    const rows = await wh.query(
      `with subtree as (
         select org_id from mart_org_ancestors where ancestor_id = $org
       ),
       ${clientSalesCte(catalog, 'sales', 's.period = $period')}
       select c.period, k.home_org_id as org_id, o.org_name, c.client_id, k.client_name, k.client_type,
         ${clientFiguresSelect(catalog, 'c', 'x')}
       from mart_client_period as c
       join mart_clients as k on k.client_id = c.client_id and k.home_org_id is not null
       left join stg_extract__orgs as o on o.org_id = k.home_org_id
       left join sales as x on x.client_id = c.client_id
       where c.period = $period and ($org::varchar is null or k.home_org_id in (select org_id from subtree))
       order by c.profit_contribution desc, c.client_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns: columnsOf([...leading, ...readingColumns(metrics)]), rows };
  },
};
export default clients;

