// The loans behind one cell of the risk page's charts: a migration-matrix cell (loans that moved
// from one class at the period's start to another at its end, charged to their holders as in
// mart_risk_migration_loans, the rows of mart_org_risk_migration) and a vintage point (loans of one origination
// quarter at one age, as in mart_risk_vintage / mart_org_risk_vintage). Rows as built; filters
// are bound parameters, the columns fixed here.
import { qualified } from './columns.ts';
import { runList, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, subtreeOrgsCte, type Scope } from './scope.ts';

export const migrationLoanColumns = ['loan_id', 'client_id', 'client_name', 'manager_id', 'manager_name', 'holder_org_id', 'holder_org_name', 'from_class', 'to_class', 'share', 'opening_balance', 'closing_balance'] as const;
export const vintageLoanColumns = ['loan_id', 'client_id', 'client_name', 'originating_manager_id', 'originating_manager_name', 'originating_org_id', 'originating_org_name', 'origination_date', 'origination_quarter', 'months_on_book', 'as_of_date', 'five_class', 'is_npl', 'balance'] as const;

export interface MigrationCell {
  orgId: string;
  period: string;
  fromClass?: string;
  toClass?: string;
}

/** Loans of a migration cell under a node (a `manager` user: the loans they held). */
export async function migrationLoans(reader: Reader, scope: Scope, f: MigrationCell, paging: Paging): Promise<Listed<Record<string, unknown>>> {
  // Rows of mart_risk_migration_loans: shares and balances rounded to the fen as the matrix's are.
  return runList(reader, {
    ctes: `${scopeOrgsCte}, ${subtreeOrgsCte}`,
    select: `
      select ${qualified('m', migrationLoanColumns)}
      from mart_risk_migration_loans m
      where m.period = $period
        and m.holder_org_id in (select org_id from subtree_orgs)
        and ($scope_manager::varchar is null or m.manager_id = $scope_manager::varchar)
        and ($from_class::varchar is null or m.from_class = $from_class::varchar)
        and ($to_class::varchar is null or m.to_class = $to_class::varchar)`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period, from_class: f.fromClass ?? null, to_class: f.toClass ?? null },
    paging,
    sortable: migrationLoanColumns,
    tiebreak: ['loan_id', 'manager_id'],
  });
}

export interface VintagePoint {
  orgId: string;
  originationQuarter: string;
  monthsOnBook?: number;
}

/** Loan snapshots of a vintage point under a node (a `manager` user: the loans they booked). */
export async function vintageLoans(reader: Reader, scope: Scope, f: VintagePoint, paging: Paging): Promise<Listed<Record<string, unknown>>> {
  return runList(reader, {
    ctes: `${scopeOrgsCte}, ${subtreeOrgsCte}`,
    select: `
      select l.loan_id, l.client_id, c.client_name, l.originating_manager_id, mg.manager_name as originating_manager_name, l.originating_org_id, o.org_name as originating_org_name,
        l.origination_date::varchar as origination_date, l.origination_quarter, l.months_on_book,
        l.as_of_date::varchar as as_of_date, l.five_class, l.is_npl, l.balance
      from mart_loan_month l
      left join mart_clients c on c.client_id = l.client_id
      left join stg_extract__managers mg on mg.manager_id = l.originating_manager_id
      left join stg_extract__orgs o on o.org_id = l.originating_org_id
      where l.origination_quarter = $quarter
        and ($mob::integer is null or l.months_on_book = $mob::integer)
        and l.originating_org_id in (select org_id from subtree_orgs)
        and ($scope_manager::varchar is null or l.originating_manager_id = $scope_manager::varchar)`,
    params: { ...scopeParams(scope), org_id: f.orgId, quarter: f.originationQuarter, mob: f.monthsOnBook ?? null },
    paging,
    sortable: vintageLoanColumns,
    tiebreak: ['loan_id', 'as_of_date'],
  });
}
