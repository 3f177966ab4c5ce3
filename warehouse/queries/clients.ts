// Clients: a manager's or an org node's portfolio at a period's end, every client with figures in
// a period (the clients export), and one client's ledger history. The portfolio is who held the
// client at the period's last month-end (mart_portfolio_month); the figures are the client's own
// (mart_client_period), shown beside the holder's share.
import type { Catalog } from './catalog.ts';
import { clientFigures, clientFiguresSelect, clientMetricColumns, clientSalesCte } from './client-sales.ts';
import type { Listed, Paging } from './listing.ts';
import { martList, type MartRows } from './mart-rows.ts';
import type { Params, Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, type Scope } from './scope.ts';

export const clientIdentity = ['client_id', 'client_name', 'client_type', 'industry', 'home_org_id'] as const;

export function portfolioColumns(catalog: Catalog, of: 'manager' | 'org'): string[] {
  return [...clientIdentity, ...(of === 'manager' ? ['share'] : ['holders']), ...clientMetricColumns(catalog)];
}

/** A portfolio: the CTE `held(client_id, share | holders)` over bound parameters, kept to the caller's scope. */
interface Held {
  cte: string;
  params: Params;
}

/**
 * The one read of client rows (the portfolio lists, `jixiao export clients`), as mart rows: each
 * client's identity (mart_clients, `m`), its figures for the period whoever held it
 * (mart_client_period, `f`) and its products sold (mart_client_sales_period reshaped, `x`).
 * Without `held`: the clients with figures in the period, under a node by their home org. With it:
 * the clients `held` picks (`h`), with their figures or none. `q` searches names and ids.
 */
export function clientRows(catalog: Catalog, columns: readonly string[], f: { held?: Held; q?: string } = {}): MartRows {
  const sales = f.held ? 's.period = $period and s.client_id in (select client_id from held)' : 's.period = $period';
  const figures = `mart_client_period f on f.client_id = m.client_id and f.period = $period`;
  return {
    table: 'mart_clients',
    columns,
    orgColumn: 'home_org_id',
    managerColumn: null,
    with: [...(f.held ? [f.held.cte] : []), clientSalesCte(catalog, 'sales', sales)],
    joins: `${f.held ? `join held h on h.client_id = m.client_id left join ${figures}` : `join ${figures}`}
      left join sales x on x.client_id = m.client_id`,
    added: {
      period: 'f.period',
      // org_id: the org the client's figures roll up to; home_org_id: the org the clients file names
      org_id: 'm.home_org_id',
      home_org_id: 'm.org_id',
      share: 'h.share',
      holders: 'h.holders',
      ...Object.fromEntries(clientFigures(catalog, 'f', 'x')),
    },
    ...(f.held ? { scopedBy: 'with' as const } : {}),
    where: `($q::varchar is null or contains(lower(m.client_name), lower($q::varchar)) or contains(lower(m.client_id), lower($q::varchar)))`,
    params: { ...f.held?.params, q: f.q ?? null },
  };
}

/** A portfolio at the period's end, a page of it. */
function portfolio(reader: Reader, catalog: Catalog, scope: Scope, of: 'manager' | 'org', held: Held, f: { orgId: string; period: string; q?: string }, paging: Paging) {
  const columns = portfolioColumns(catalog, of);
  const spec = clientRows(catalog, columns, { held, q: f.q });
  return martList(reader, catalog, spec, { scope, orgId: f.orgId, period: f.period }, paging, { sortable: columns, tiebreak: ['client_id'] });
}

/** Clients held by one manager (in the caller's scope, at org `orgId`) at the period's end, with their share and figures. */
export function managerPortfolio(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: { managerId: string; orgId: string; period: string; q?: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const held = `held as (
        select pm.client_id, pm.share from mart_portfolio_month pm
        where pm.manager_id = $manager_id and pm.month_end = (select end_date from period_span)
          and ($scope_manager::varchar is null or pm.manager_id = $scope_manager::varchar)
          and exists (select 1 from stg_extract__managers mg where mg.manager_id = $manager_id and mg.org_id in (select org_id from scope_orgs))
      )`;
  return portfolio(reader, catalog, scope, 'manager', { cte: held, params: { manager_id: f.managerId } }, f, paging);
}

/** Clients held in an org node's subtree at the period's end (by its managers or unassigned there). */
export function orgPortfolio(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: { orgId: string; period: string; q?: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const held = `held as (
        select pm.client_id, count(pm.manager_id) as holders from mart_portfolio_month pm
        where pm.month_end = (select end_date from period_span)
          and pm.holder_org_id in (select org_id from subtree_orgs)
          and ($scope_manager::varchar is null or pm.manager_id = $scope_manager::varchar)
        group by pm.client_id
      )`;
  return portfolio(reader, catalog, scope, 'org', { cte: held, params: {} }, f, paging);
}

export type ClientIdentity = {
  client_id: string;
  client_name: string;
  client_type: string;
  industry: string | null;
  group_id: string | null;
  open_date: string | null;
  home_org_id: string | null;
};

/**
 * The client if the caller may see it: some assignment, at any time, links it to a manager in the
 * caller's scope (for a `manager` user: to them); or, for org scopes, its home org is in the subtree.
 */
export async function clientInScope(reader: Reader, scope: Scope, clientId: string): Promise<ClientIdentity | undefined> {
  const rows = await reader.query<ClientIdentity>(
    `with ${scopeOrgsCte}
     select c.client_id, c.client_name, c.client_type, c.industry, c.group_id, c.open_date::varchar as open_date, c.org_id as home_org_id
     from mart_clients c
     where c.client_id = $client_id
       and (
         exists (
           select 1 from mart_client_holders a
           where a.client_id = c.client_id
             and a.org_id in (select org_id from scope_orgs)
             and ($scope_manager::varchar is null or a.manager_id = $scope_manager::varchar))
         or ($scope_manager::varchar is null and c.org_id in (select org_id from scope_orgs))
       )`,
    { ...scopeParams(scope), client_id: clientId },
  );
  return rows[0];
}

/** Who held the client, when, and at what share (the assignment history), with the org's name. */
export async function clientHolders(reader: Reader, clientId: string) {
  return reader.query(
    `select a.manager_id, a.manager_name, a.org_id, o.org_name, a.share, a.valid_from::varchar as valid_from, a.valid_to::varchar as valid_to
     from mart_client_holders a left join stg_extract__orgs o on o.org_id = a.org_id
     where a.client_id = $id order by a.valid_from, a.manager_id`,
    { id: clientId },
  );
}

/** The client's figures month by month (mart_client_period, monthly rows). */
export async function clientHistory(reader: Reader, catalog: Catalog, clientId: string) {
  return reader.query(
    `with ${clientSalesCte(catalog, 'sales', 's.client_id = $id')}
     select m.period, ${clientFiguresSelect(catalog, 'm', 'x')}
     from mart_client_period m join mart_periods p on p.period = m.period and p.period_type = 'month'
     left join sales x on x.period = m.period and x.client_id = m.client_id
     where m.client_id = $id order by m.period`,
    { id: clientId },
  );
}

/** The client's ledger rows: deposit and loan snapshots (newest first, at most 24 month-ends), with each product's name. */
export async function clientLedgers(reader: Reader, clientId: string) {
  const p = { id: clientId };
  const deposits = await reader.query(
    `with months as (select distinct as_of_date from mart_client_deposits where client_id = $id order by as_of_date desc limit 24)
     select d.as_of_date::varchar as as_of_date, d.account_id, d.product_id, pr.product_name, d.currency, d.balance, d.avg_balance,
       coalesce(f.balance, d.balance) as balance_cny, coalesce(f.avg_balance, d.avg_balance) as avg_balance_cny, d.rate
     from mart_client_deposits d
     left join stg_extract__products pr on pr.product_id = d.product_id
     left join mart_foreign_currency_rows f on f.ledger = 'deposits' and f.row_id = d.account_id and f.as_of_date = d.as_of_date
     where d.client_id = $id and d.as_of_date in (select as_of_date from months)
     order by d.as_of_date desc, d.account_id`,
    p,
  );
  const loans = await reader.query(
    `with months as (select distinct as_of_date from mart_client_loans where client_id = $id order by as_of_date desc limit 24)
     select l.as_of_date::varchar as as_of_date, l.loan_id, l.product_id, pr.product_name, l.currency, l.origination_date::varchar as origination_date,
       l.maturity_date::varchar as maturity_date, l.principal, l.balance, l.avg_balance,
       coalesce(f.balance, l.balance) as balance_cny, coalesce(f.avg_balance, l.avg_balance) as avg_balance_cny,
       l.rate, l.five_class, l.overdue_days, l.originating_manager_id
     from mart_client_loans l
     left join stg_extract__products pr on pr.product_id = l.product_id
     left join mart_foreign_currency_rows f on f.ledger = 'loans' and f.row_id = l.loan_id and f.as_of_date = l.as_of_date
     where l.client_id = $id and l.as_of_date in (select as_of_date from months)
     order by l.as_of_date desc, l.loan_id`,
    p,
  );
  return { deposits, loans };
}

/**
 * Segmented portfolios (mart_client_portfolio_period): clients ranked by contribution (× share),
 * loyalty and segment, one manager's (or every manager's of the node, for the export). Built for the
 * segmentation periods (quarters, halves, years and the latest month).
 */
export function segmentRows(columns: readonly string[], f: { managerId?: string; segment?: string; q?: string } = {}): MartRows {
  return {
    table: 'mart_client_portfolio_period',
    columns,
    where: `m.period = $period
        and ($manager_id::varchar is null or m.manager_id = $manager_id::varchar)
        and ($segment::varchar is null or m.segment = $segment::varchar)
        and ($q::varchar is null or contains(lower(m.client_name), lower($q::varchar)) or contains(lower(m.client_id), lower($q::varchar)))`,
    params: { manager_id: f.managerId ?? null, segment: f.segment ?? null, q: f.q ?? null },
  };
}

/** A manager's segmented portfolio, a page of it (the manager is in the caller's scope, at org `orgId`). */
export function managerSegments(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  columns: string[],
  f: { managerId: string; orgId: string; period: string; segment?: string; q?: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  return martList(reader, catalog, segmentRows(columns, f), { scope, orgId: f.orgId, period: f.period }, paging, { sortable: columns, tiebreak: ['client_id'] });
}
