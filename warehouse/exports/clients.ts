// `jixiao export clients`: every client with business in the period — its own figures
// (mart_client_period, whoever held it), with its name, type and home org, read as the API's client
// lists read them (clientRows); ordered by profit contribution. --org keeps the clients whose home
// org lies in the subtree.
import { columnsOf } from '../../report/table.ts';
import type { Catalog } from '../queries/catalog.ts';
import { clientMetricColumns } from '../queries/client-sales.ts';
import { clientRows } from '../queries/clients.ts';
import { ident, readingColumns } from './_common.ts';
import { martExport } from './_mart.ts';

const leading = ['period', 'org_id', 'org_name', 'client_id', 'client_name', 'client_type'];

function keys(catalog: Catalog): string[] {
  return [...leading, ...readingColumns(clientMetricColumns(catalog).filter((m) => !leading.includes(m)).map(ident))];
}

export default martExport({
  kind: 'clients',
  summary: 'one row per client with business in the period: its contribution and balances',
  idColumn: 'client_id',
  sheet: 'clients',
  columns: (catalog) => columnsOf(keys(catalog)),
  rows: (catalog) => clientRows(catalog, keys(catalog)),
  order: 'profit_contribution desc, client_id',
});
