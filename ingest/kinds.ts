// The extract contract (../shared/EXTRACTS.md, version 2) as data: which files exist, their
// columns, types, required columns, references, keys and how a delivery replaces what the
// warehouse holds. Everything the ingest generates in SQL comes from here, never from file content.

/** How a column's text is checked and cast. */
export type ColumnType =
  | 'id' //       VARCHAR, kept as written (leading zeros stay)
  | 'text' //     VARCHAR
  | 'date' //     DATE from YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD
  | 'amount' //   DECIMAL(18,2), yuan, at most two decimals, thousands separators allowed
  | 'rate' //     DECIMAL(9,6), annual rate in percent
  | 'share' //    DECIMAL(9,6), 0 < share <= 1
  | 'integer' //  INTEGER
  | 'value' //    DECIMAL(24,6), targets (money, counts and ratios)
  | 'points'; //  DECIMAL(9,2), adjustments

export type RefKind = 'orgs' | 'managers' | 'clients' | 'products';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values (after value aliases); enums are matched case-insensitively. */
  values?: readonly string[];
  /** Used when the value is empty. */
  default?: string;
  /** The value must be a key of this reference kind (warehouse plus the same delivery). */
  ref?: RefKind;
  /** The reference kind depends on another column's value (targets.subject_id). */
  refBy?: { column: string; kinds: Record<string, RefKind> };
  /**
   * Dates: 'ledger' = from 1990-01-01 to the day of the load (a snapshot's date after it refuses
   * the delivery); 'past' = not after the day of the load. Unset: any real date.
   */
  dated?: 'ledger' | 'past';
  /** Numbers: below this the value is implausible (a negative balance), a rejected row. */
  min?: number;
  /** Checked and staged, but not a column of the kind's table (managers.valid_from: memberships.ts). */
  unstored?: true;
}

/**
 * upsert:   rows replace those with the same key;
 * snapshot: rows replace everything of the same as_of_date (a month-end snapshot);
 * periods:  rows replace everything of the same (year, period) (manual adjustments).
 */
export type ReplaceRule = 'upsert' | 'snapshot' | 'periods';

export interface KindSpec {
  kind: string;
  table: string;
  columns: readonly ColumnSpec[];
  /** Unique within a delivery and the warehouse. Empty: no key (adjustments repeat items). */
  key: readonly string[];
  replace: ReplaceRule;
  /** Columns whose values name what a delivery replaces (snapshot: as_of_date; periods: year, period). */
  replaceBy?: readonly string[];
  /** The money column a delivery's manifest sums as the file's control total. */
  controlTotal?: string;
}

const orgLevels = ['head_office', 'tier1_branch', 'tier2_branch', 'sub_branch', 'outlet'] as const;
const productCategories = [
  'deposit', 'loan', 'fee', 'wealth', 'fund', 'insurance', 'debit_card', 'credit_card', 'ebank', 'agreement', 'other',
] as const;
export const fiveClasses = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
const periods = ['Y', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4'] as const;

// Listed in load order: a kind only references kinds listed before it.
export const kinds: readonly KindSpec[] = [
  {
    kind: 'orgs', table: 'raw_orgs', key: ['org_id'], replace: 'upsert',
    columns: [
      { name: 'org_id', type: 'id', required: true },
      { name: 'parent_id', type: 'id' }, // checked as a tree, see validate.ts
      { name: 'org_name', type: 'text', required: true },
      { name: 'level', type: 'text', required: true, values: orgLevels },
    ],
  },
  {
    kind: 'products', table: 'raw_products', key: ['product_id'], replace: 'upsert',
    columns: [
      { name: 'product_id', type: 'id', required: true },
      { name: 'product_name', type: 'text', required: true },
      { name: 'category', type: 'text', required: true, values: productCategories },
      { name: 'term_months', type: 'integer' },
    ],
  },
  {
    kind: 'managers', table: 'raw_managers', key: ['manager_id'], replace: 'upsert',
    columns: [
      { name: 'manager_id', type: 'id', required: true },
      { name: 'manager_name', type: 'text', required: true },
      { name: 'org_id', type: 'id', required: true, ref: 'orgs' },
      { name: 'line', type: 'text', required: true, values: ['corporate', 'retail'] },
      { name: 'grade', type: 'text' },
      { name: 'hire_date', type: 'date', dated: 'past' },
      { name: 'leave_date', type: 'date' },
      // the date from which the row's org, line and grade hold (raw_manager_memberships)
      { name: 'valid_from', type: 'date', dated: 'past', unstored: true },
    ],
  },
  {
    kind: 'clients', table: 'raw_clients', key: ['client_id'], replace: 'upsert',
    columns: [
      { name: 'client_id', type: 'id', required: true },
      { name: 'client_name', type: 'text', required: true },
      { name: 'client_type', type: 'text', required: true, values: ['corporate', 'individual'] },
      { name: 'industry', type: 'text' },
      { name: 'group_id', type: 'id' },
      { name: 'open_date', type: 'date', dated: 'past' },
      { name: 'org_id', type: 'id', ref: 'orgs' },
    ],
  },
  {
    kind: 'assignments', table: 'raw_assignments', key: ['client_id', 'manager_id', 'valid_from'], replace: 'upsert',
    columns: [
      { name: 'client_id', type: 'id', required: true, ref: 'clients' },
      { name: 'manager_id', type: 'id', required: true, ref: 'managers' },
      { name: 'share', type: 'share', required: true },
      { name: 'valid_from', type: 'date', required: true, dated: 'past' },
      { name: 'valid_to', type: 'date' },
    ],
  },
  {
    kind: 'ftp_curve', table: 'raw_ftp_curve', key: ['currency', 'effective_date', 'term_months'], replace: 'upsert',
    columns: [
      { name: 'effective_date', type: 'date', required: true },
      { name: 'term_months', type: 'integer', required: true },
      { name: 'rate', type: 'rate', required: true },
      { name: 'currency', type: 'text', default: 'CNY' },
    ],
  },
  {
    kind: 'fx_rates', table: 'raw_fx_rates', key: ['as_of_date', 'currency'], replace: 'upsert',
    columns: [
      { name: 'as_of_date', type: 'date', required: true },
      { name: 'currency', type: 'text', required: true },
      { name: 'cny_per_unit', type: 'value', required: true },
    ],
  },
  {
    kind: 'targets', table: 'raw_targets', key: ['year', 'period', 'subject_type', 'subject_id', 'metric'], replace: 'upsert',
    columns: [
      { name: 'year', type: 'integer', required: true },
      { name: 'period', type: 'text', required: true, values: periods },
      { name: 'subject_type', type: 'text', required: true, values: ['manager', 'org'] },
      { name: 'subject_id', type: 'id', required: true, refBy: { column: 'subject_type', kinds: { manager: 'managers', org: 'orgs' } } },
      { name: 'metric', type: 'text', required: true },
      { name: 'base_value', type: 'value' },
      { name: 'target_value', type: 'value', required: true },
    ],
  },
  {
    kind: 'adjustments', table: 'raw_adjustments', key: [], replace: 'periods', replaceBy: ['year', 'period'],
    columns: [
      { name: 'year', type: 'integer', required: true },
      { name: 'period', type: 'text', required: true },
      { name: 'manager_id', type: 'id', required: true, ref: 'managers' },
      { name: 'item', type: 'text', required: true },
      { name: 'points', type: 'points', required: true },
      { name: 'note', type: 'text' },
      { name: 'entered_by', type: 'text' },
    ],
  },
  {
    kind: 'deposits', table: 'raw_deposits', controlTotal: 'balance', key: ['as_of_date', 'account_id'], replace: 'snapshot', replaceBy: ['as_of_date'],
    columns: [
      { name: 'as_of_date', type: 'date', required: true, dated: 'ledger' },
      { name: 'account_id', type: 'id', required: true },
      { name: 'client_id', type: 'id', required: true, ref: 'clients' },
      { name: 'product_id', type: 'id', required: true, ref: 'products' },
      { name: 'currency', type: 'text', default: 'CNY' },
      { name: 'balance', type: 'amount', required: true, min: 0 },
      { name: 'avg_balance', type: 'amount', required: true, min: 0 },
      { name: 'rate', type: 'rate', required: true },
      { name: 'org_id', type: 'id', ref: 'orgs' },
    ],
  },
  {
    kind: 'loans', table: 'raw_loans', controlTotal: 'balance', key: ['as_of_date', 'loan_id'], replace: 'snapshot', replaceBy: ['as_of_date'],
    columns: [
      { name: 'as_of_date', type: 'date', required: true, dated: 'ledger' },
      { name: 'loan_id', type: 'id', required: true },
      { name: 'client_id', type: 'id', required: true, ref: 'clients' },
      { name: 'product_id', type: 'id', required: true, ref: 'products' },
      { name: 'currency', type: 'text', default: 'CNY' },
      { name: 'origination_date', type: 'date', dated: 'past' },
      { name: 'maturity_date', type: 'date' },
      { name: 'principal', type: 'amount' },
      { name: 'balance', type: 'amount', required: true, min: 0 },
      { name: 'avg_balance', type: 'amount', required: true, min: 0 },
      { name: 'rate', type: 'rate', required: true },
      { name: 'five_class', type: 'text', required: true, values: fiveClasses },
      { name: 'overdue_days', type: 'integer', min: 0 },
      { name: 'originating_manager_id', type: 'id', ref: 'managers' },
      { name: 'org_id', type: 'id', ref: 'orgs' },
    ],
  },
  {
    kind: 'fees', table: 'raw_fees', controlTotal: 'amount', key: ['txn_id'], replace: 'upsert',
    columns: [
      { name: 'txn_date', type: 'date', required: true, dated: 'ledger' },
      { name: 'txn_id', type: 'id', required: true },
      { name: 'client_id', type: 'id', required: true, ref: 'clients' },
      { name: 'product_id', type: 'id', required: true, ref: 'products' },
      { name: 'amount', type: 'amount', required: true },
      { name: 'manager_id', type: 'id', ref: 'managers' },
      { name: 'org_id', type: 'id', ref: 'orgs' },
    ],
  },
  {
    kind: 'sales', table: 'raw_sales', controlTotal: 'amount', key: ['sale_id'], replace: 'upsert',
    columns: [
      { name: 'sale_date', type: 'date', required: true, dated: 'ledger' },
      { name: 'sale_id', type: 'id', required: true },
      { name: 'client_id', type: 'id', required: true, ref: 'clients' },
      { name: 'product_id', type: 'id', required: true, ref: 'products' },
      { name: 'manager_id', type: 'id', ref: 'managers' },
      { name: 'amount', type: 'amount' },
      { name: 'units', type: 'integer', default: '1' },
      { name: 'channel', type: 'text' },
    ],
  },
  {
    kind: 'visits', table: 'raw_visits', key: ['visit_id'], replace: 'upsert',
    columns: [
      { name: 'visit_date', type: 'date', required: true, dated: 'ledger' },
      { name: 'visit_id', type: 'id', required: true },
      { name: 'manager_id', type: 'id', required: true, ref: 'managers' },
      { name: 'client_id', type: 'id', ref: 'clients' },
      { name: 'purpose', type: 'text', required: true, values: ['development', 'maintenance', 'collection', 'other'] },
      { name: 'outcome', type: 'text' },
    ],
  },
];

export function kindSpec(kind: string): KindSpec {
  const spec = kinds.find((k) => k.kind === kind);
  if (!spec) throw new Error(`unknown file kind '${kind}'`);
  return spec;
}

/** The key column of a reference kind (what `ref` points at). */
export const refKey: Record<RefKind, string> = {
  orgs: 'org_id', managers: 'manager_id', clients: 'client_id', products: 'product_id',
};

/** SQL type of a column in the raw_* tables (sql/schema/001_extract_tables.sql). */
export const sqlType: Record<ColumnType, string> = {
  id: 'varchar', text: 'varchar', date: 'date', amount: 'decimal(18,2)', rate: 'decimal(9,6)',
  share: 'decimal(9,6)', integer: 'integer', value: 'decimal(24,6)', points: 'decimal(9,2)',
};
