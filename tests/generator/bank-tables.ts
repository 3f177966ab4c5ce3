// Loads a generated bank (English headers, UTF-8) into plain DuckDB tables named after the files,
// with every column typed explicitly (no sniffing), so tests can check the bank with SQL.
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/db.ts';

const types: Record<string, Record<string, string>> = {
  orgs: { org_id: 'varchar', parent_id: 'varchar', org_name: 'varchar', level: 'varchar' },
  managers: { manager_id: 'varchar', manager_name: 'varchar', org_id: 'varchar', line: 'varchar', grade: 'varchar', hire_date: 'date', leave_date: 'date' },
  clients: { client_id: 'varchar', client_name: 'varchar', client_type: 'varchar', industry: 'varchar', group_id: 'varchar', open_date: 'date', org_id: 'varchar' },
  assignments: { client_id: 'varchar', manager_id: 'varchar', share: 'decimal(9,2)', valid_from: 'date', valid_to: 'date' },
  products: { product_id: 'varchar', product_name: 'varchar', category: 'varchar', term_months: 'integer' },
  ftp_curve: { effective_date: 'date', term_months: 'integer', rate: 'decimal(9,2)' },
  targets: { year: 'integer', period: 'varchar', subject_type: 'varchar', subject_id: 'varchar', metric: 'varchar', base_value: 'decimal(24,2)', target_value: 'decimal(24,2)' },
  deposits: { as_of_date: 'date', account_id: 'varchar', client_id: 'varchar', product_id: 'varchar', currency: 'varchar', balance: 'decimal(18,2)', avg_balance: 'decimal(18,2)', rate: 'decimal(9,2)', org_id: 'varchar' },
  loans: {
    as_of_date: 'date', loan_id: 'varchar', client_id: 'varchar', product_id: 'varchar', currency: 'varchar', origination_date: 'date',
    maturity_date: 'date', principal: 'decimal(18,2)', balance: 'decimal(18,2)', avg_balance: 'decimal(18,2)', rate: 'decimal(9,2)',
    five_class: 'varchar', overdue_days: 'integer', originating_manager_id: 'varchar', org_id: 'varchar',
  },
  fees: { txn_date: 'date', txn_id: 'varchar', client_id: 'varchar', product_id: 'varchar', amount: 'decimal(18,2)', manager_id: 'varchar', org_id: 'varchar' },
  sales: { sale_date: 'date', sale_id: 'varchar', client_id: 'varchar', product_id: 'varchar', manager_id: 'varchar', amount: 'decimal(18,2)', units: 'integer', channel: 'varchar' },
  visits: { visit_date: 'date', visit_id: 'varchar', manager_id: 'varchar', client_id: 'varchar', purpose: 'varchar', outcome: 'varchar' },
  adjustments: { year: 'integer', period: 'varchar', manager_id: 'varchar', item: 'varchar', points: 'decimal(9,2)', note: 'varchar', entered_by: 'varchar' },
};

const reference = ['orgs', 'managers', 'clients', 'assignments', 'products', 'ftp_curve', 'targets'];

/** Creates one table per file kind (b_deposits, …) from every delivery under `dir`. */
export async function loadBankTables(wh: Warehouse, dir: string): Promise<void> {
  for (const [kind, cols] of Object.entries(types)) {
    const glob = reference.includes(kind) ? join(dir, '00-reference', `${kind}.csv`) : join(dir, '*', `${kind}.csv`);
    const columns = `{${Object.entries(cols).map(([c, t]) => `'${c}': '${t}'`).join(', ')}}`;
    await wh.run(
      `create table b_${kind} as select * from read_csv($glob, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${columns})`,
      { glob },
    );
  }
}
